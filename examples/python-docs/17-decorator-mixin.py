# contextlib docs: ContextDecorator as a mixin on a class that already has a base.
from contextlib import ContextDecorator


# A stand-in for the docs' ContextBaseClass: an existing base with its own behaviour.
class ContextBaseClass:
    def __init__(self, name):
        self.name = name

    def describe(self):
        return f"context {self.name}"


class mycontext(ContextBaseClass, ContextDecorator):
    def __enter__(self):
        print(f"enter {self.describe()}")
        return self

    def __exit__(self, *exc):
        print(f"exit {self.describe()}")
        return False


@mycontext("decorated")
def work():
    print("working")


work()
with mycontext("with") as ctx:
    print(f"inside {ctx.describe()}")
