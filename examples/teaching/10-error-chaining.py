# Lesson 10: how errors are chained. Python records the error being handled
# as __context__ (implicit) or __cause__ (raise ... from ...); ctxlib keeps
# the same links as SuppressedError and `cause`, and formatError prints them
# as Python's traceback does.
import traceback
from contextlib import ExitStack


def show(e):
    # Python's own rendering without the file/line frames (JavaScript's
    # differ), in the words formatError uses ("error" for "exception").
    for chunk in traceback.format_exception(e):
        for line in chunk.split("\n")[:-1]:
            if not line.startswith(("Traceback", "  ")):
                print(line.replace("exception", "error"))


class Rollback:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        raise RuntimeError("rollback failed")


print("1. an exit fails while the block's error is pending")
try:
    with Rollback():
        raise ValueError("bad row")
except RuntimeError as e:
    print(f"caught:      {type(e).__name__}: {e}")
    print(f"interrupted: {type(e.__context__).__name__}: {e.__context__}")
    show(e)


class Translate:
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc is not None:
            raise ConnectionError("save failed") from exc


print("2. an exit translates the error on purpose")
try:
    with Translate():
        raise ValueError("bad row")
except ConnectionError as e:
    print(f"caught: {type(e).__name__}: {e}")
    print(f"cause:  {type(e.__cause__).__name__}: {e.__cause__}")
    show(e)


def fail(message):
    raise RuntimeError(message)


print("3. every callback of a stack fails")
try:
    with ExitStack() as stack:
        stack.callback(fail, "close a")
        stack.callback(fail, "close b")
        raise ValueError("body")
except RuntimeError as e:
    show(e)
