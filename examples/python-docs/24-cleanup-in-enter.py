# contextlib docs recipe: cleaning up in an __enter__ implementation.
from contextlib import contextmanager, AbstractContextManager, ExitStack


class ResourceManager(AbstractContextManager):

    def __init__(self, acquire_resource, release_resource, check_resource_ok=None):
        self.acquire_resource = acquire_resource
        self.release_resource = release_resource
        if check_resource_ok is None:
            def check_resource_ok(resource):
                return True
        self.check_resource_ok = check_resource_ok

    @contextmanager
    def _cleanup_on_error(self):
        with ExitStack() as stack:
            stack.push(self)
            yield
            # The validation check passed and didn't raise an exception
            # Accordingly, we want to keep the resource, and pass it
            # back to our caller
            stack.pop_all()

    def __enter__(self):
        resource = self.acquire_resource()
        with self._cleanup_on_error():
            if not self.check_resource_ok(resource):
                msg = "Failed validation for {!r}"
                raise RuntimeError(msg.format(resource))
        return resource

    def __exit__(self, *exc_details):
        # We don't need to duplicate any of our resource release logic
        self.release_resource()


def acquire():
    print("acquire 'conn'")
    return "conn"


def release():
    print("release")


with ResourceManager(acquire, release) as resource:
    print(f"using {resource}")

try:
    with ResourceManager(acquire, release, check_resource_ok=lambda r: False) as resource:
        print("never reached")
except RuntimeError as e:
    print(f"caught: {e}")
