# contextlib docs: single-use context managers. A @contextmanager object can
# be entered once; entering it again fails. (The docs show RuntimeError:
# generator didn't yield; CPython 3.11 to 3.13 raise AttributeError, because
# the first __enter__ deleted the factory's arguments. ctxlib throws a
# TypeError saying the manager can only be entered once.)
from contextlib import contextmanager


@contextmanager
def singleuse():
    print("Before")
    yield
    print("After")


cm = singleuse()
with cm:
    pass

try:
    with cm:
        pass
except (RuntimeError, AttributeError):
    print("the second with failed: the manager is single-use")

# A fresh manager for each with works.
with singleuse():
    pass
