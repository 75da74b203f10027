# contextlib docs recipe: replacing any use of try-finally and flag variables.


def cleanup_resources():
    print("cleanup_resources()")


def perform_operation(ok):
    print(f"perform_operation() -> {ok}")
    return ok


def with_flag(ok):
    cleanup_needed = True
    try:
        result = perform_operation(ok)
        if result:
            cleanup_needed = False
    finally:
        if cleanup_needed:
            cleanup_resources()


from contextlib import ExitStack


def with_stack(ok):
    with ExitStack() as stack:
        stack.callback(cleanup_resources)
        result = perform_operation(ok)
        if result:
            stack.pop_all()


for ok in (True, False):
    print("try-finally and a flag:")
    with_flag(ok)
    print("ExitStack:")
    with_stack(ok)
