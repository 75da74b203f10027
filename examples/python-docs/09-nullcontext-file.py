# contextlib docs: nullcontext(file_or_path): close only what we opened.
import os
import tempfile
from contextlib import nullcontext


def process_file(file_or_path):
    if isinstance(file_or_path, str):
        # If string, open file
        cm = open(file_or_path)
    else:
        # Caller is responsible for closing file
        cm = nullcontext(file_or_path)

    with cm as file:
        # Perform processing on the file
        print(f"first line: {file.readline().rstrip()}")


with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "notes.txt")
    with open(path, "w") as f:
        f.write("hello\nworld\n")

    process_file(path)

    with open(path) as mine:
        process_file(mine)
        print(f"the caller's file is still open: {not mine.closed}")
        print(f"second line: {mine.readline().rstrip()}")
    print(f"closed by the caller: {mine.closed}")
