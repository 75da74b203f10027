# contextlib docs recipe: @stack.callback used as a decorator.
from contextlib import ExitStack


def perform_operation(ok):
    print(f"perform_operation() -> {ok}")
    return ok


for ok in (False, True):
    with ExitStack() as stack:
        @stack.callback
        def cleanup_resources():
            print("cleanup_resources()")

        result = perform_operation(ok)
        if result:
            stack.pop_all()
    print(f"cleanup_resources is still the function: {cleanup_resources.__name__}")
