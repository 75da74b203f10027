# contextlib docs: ExitStack over a list of files.
import os
import tempfile
from contextlib import ExitStack

opened = []


def open_logged(fname):
    # open(), remembering each file so that the story can check it was closed
    f = open(fname)
    opened.append(f)
    return f


with tempfile.TemporaryDirectory() as tmp:
    for name in ("a.txt", "b.txt"):
        with open(os.path.join(tmp, name), "w") as f:
            f.write(f"contents of {name}")
    filenames = [os.path.join(tmp, name) for name in ("a.txt", "b.txt")]

    with ExitStack() as stack:
        files = [stack.enter_context(open_logged(fname)) for fname in filenames]
        # All opened files will automatically be closed at the end of
        # the with statement, even if attempts to open files later
        # in the list raise an exception
        for f in files:
            print(f.read())
    print(f"after the block, every file closed: {all(f.closed for f in opened)}")

    opened.clear()
    try:
        with ExitStack() as stack:
            files = [stack.enter_context(open_logged(fname))
                     for fname in filenames + [os.path.join(tmp, "missing.txt")]]
    except FileNotFoundError:
        print(f"missing.txt failed to open; the {len(opened)} opened before it closed: {all(f.closed for f in opened)}")
