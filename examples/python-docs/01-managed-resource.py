# contextlib docs: @contextmanager, the managed_resource example.
from contextlib import contextmanager


# Stand-ins for the docs' acquire_resource / release_resource.
def acquire_resource(*args, **kwds):
    print(f"acquire resource (timeout={kwds['timeout']})")
    return {"timeout": kwds["timeout"]}


def release_resource(resource):
    print(f"release resource (timeout={resource['timeout']})")


@contextmanager
def managed_resource(*args, **kwds):
    # Code to acquire resource, e.g.:
    resource = acquire_resource(*args, **kwds)
    try:
        yield resource
    finally:
        # Code to release resource, e.g.:
        release_resource(resource)


with managed_resource(timeout=3600) as resource:
    # Resource is released at the end of this block,
    # even if code in the block raises an exception
    print(f"use resource (timeout={resource['timeout']})")

try:
    with managed_resource(timeout=5) as resource:
        raise ValueError("the block failed")
except ValueError as e:
    print(f"caught: {e}")
