# contextlib docs recipe: a Callback(ExitStack) class with cancel().
#
# As written in the docs, cancel() fails: pop_all() makes the new stack with
# type(self)(), and Callback() without its callback argument raises
# TypeError. The with statement then still runs the callback.
from contextlib import ExitStack


class Callback(ExitStack):
    def __init__(self, callback, /, *args, **kwds):
        super().__init__()
        self.callback(callback, *args, **kwds)

    def cancel(self):
        self.pop_all()


def cleanup_resources():
    print("cleanup_resources()")


def perform_operation():
    print("perform_operation() -> True")
    return True


try:
    with Callback(cleanup_resources) as cb:
        result = perform_operation()
        if result:
            cb.cancel()
except TypeError as e:
    print(f"cancel() raised {type(e).__name__}: pop_all() called Callback() without a callback")


# A version that works: the callback argument is optional.
class Callback(ExitStack):
    def __init__(self, callback=None, /, *args, **kwds):
        super().__init__()
        if callback is not None:
            self.callback(callback, *args, **kwds)

    def cancel(self):
        self.pop_all()


with Callback(cleanup_resources) as cb:
    result = perform_operation()
    if result:
        cb.cancel()
print("cancelled: no cleanup")
