# contextlib docs: nullcontext() standing in for an optional suppress().
import contextlib


def myfunction(arg, ignore_exceptions=False):
    if ignore_exceptions:
        # Use suppress to ignore all exceptions.
        cm = contextlib.suppress(Exception)
    else:
        # Do not ignore any exceptions, cm has no effect.
        cm = contextlib.nullcontext()
    with cm:
        # Do something
        if arg < 0:
            raise ValueError(f"negative: {arg}")
        print(f"processed {arg}")


myfunction(1)
myfunction(-1, ignore_exceptions=True)
print("the error was suppressed")
try:
    myfunction(-2)
except ValueError as e:
    print(f"caught: {e}")
