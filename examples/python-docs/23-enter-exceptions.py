# contextlib docs recipe: catching exceptions from __enter__ methods.
from contextlib import ExitStack


class Flaky:
    # A stand-in manager whose __enter__ may fail.
    def __init__(self, fail):
        self.fail = fail

    def __enter__(self):
        if self.fail:
            raise OSError("cannot acquire")
        print("acquired")
        return "resource"

    def __exit__(self, *exc):
        print("released")


for cm in (Flaky(fail=True), Flaky(fail=False)):
    stack = ExitStack()
    try:
        x = stack.enter_context(cm)
    except Exception as e:
        # handle __enter__ exception
        print(f"__enter__ failed: {e}; no with block ran")
    else:
        with stack:
            # Handle normal case
            print(f"normal case with {x}")
