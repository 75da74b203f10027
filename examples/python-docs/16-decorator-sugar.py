# contextlib docs: @cm() is syntactic sugar for a with statement in the function.
from contextlib import contextmanager


@contextmanager
def cm():
    print("enter cm")
    yield
    print("exit cm")


@cm()
def f():
    # Do stuff
    print("doing stuff in f")


# is equivalent to
def g():
    with cm():
        # Do stuff
        print("doing stuff in g")


f()
g()
