# Lesson 5: ExitStack, and pop_all to keep resources past the `with`.
from contextlib import ExitStack


class Resource:
    def __init__(self, name):
        self.name = name
        print(f"open {name}")

    def close(self):
        print(f"close {self.name}")


def open_all(names, fail_at=None):
    with ExitStack() as stack:
        resources = []
        for name in names:
            if name == fail_at:
                raise RuntimeError(f"cannot open {name}")
            resource = Resource(name)
            stack.callback(resource.close)
            resources.append(resource)
        # Everything opened: hand the closing over to the caller.
        keep = stack.pop_all()
    return resources, keep


resources, keep = open_all(["a", "b", "c"])
print("using " + ", ".join(r.name for r in resources))
keep.close()

try:
    open_all(["x", "y", "z"], fail_at="z")
except RuntimeError as e:
    print(f"failed: {e}")
