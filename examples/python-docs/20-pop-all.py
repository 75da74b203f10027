# contextlib docs: all-or-nothing opening with pop_all().
import os
import tempfile
from contextlib import ExitStack

with tempfile.TemporaryDirectory() as tmp:
    for name in ("a.txt", "b.txt"):
        with open(os.path.join(tmp, name), "w") as f:
            f.write(name)
    filenames = [os.path.join(tmp, name) for name in ("a.txt", "b.txt")]

    with ExitStack() as stack:
        files = [stack.enter_context(open(fname)) for fname in filenames]
        # Hold onto the close method, but don't call it yet.
        close_files = stack.pop_all().close
        # If opening any file fails, all previously opened files will be
        # closed automatically. If all files are opened successfully,
        # they will remain open even after the with statement ends.
        # close_files() can then be invoked explicitly to close them all.
    print(f"after the with, still open: {not any(f.closed for f in files)}")
    print(f"read: {', '.join(f.read() for f in files)}")
    close_files()
    print(f"after close_files(), all closed: {all(f.closed for f in files)}")

    opened = []
    try:
        with ExitStack() as stack:
            for fname in filenames + [os.path.join(tmp, "missing.txt")]:
                opened.append(stack.enter_context(open(fname)))
            close_files = stack.pop_all().close
    except FileNotFoundError:
        print(f"one failed: the {len(opened)} opened were closed: {all(f.closed for f in opened)}")
