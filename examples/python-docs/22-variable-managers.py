# contextlib docs recipe: supporting a variable number of context managers,
# with an optional callback.
from contextlib import ExitStack


class Resource:
    # A stand-in for the docs' resources: managers that say when they run.
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print(f"enter {self.name}")
        return self

    def __exit__(self, *exc):
        print(f"exit {self.name}")


def acquire_special_resource():
    print("acquire special")
    return "special"


def release_special_resource(special):
    print(f"release {special}")


def run(resources, need_special_resource):
    with ExitStack() as stack:
        for resource in resources:
            stack.enter_context(resource)
        if need_special_resource():
            special = acquire_special_resource()
            stack.callback(release_special_resource, special)
        # Perform operations that use the acquired resources
        print(f"working with {len(resources)} resources")


run([Resource("a"), Resource("b")], lambda: False)
run([Resource("a"), Resource("b"), Resource("c")], lambda: True)
