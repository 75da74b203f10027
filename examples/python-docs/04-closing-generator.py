# contextlib docs: closing() is roughly equivalent to this generator.
from contextlib import contextmanager


@contextmanager
def closing(thing):
    try:
        yield thing
    finally:
        thing.close()


# A stand-in for something with a close() method.
class Page:
    def __init__(self, url):
        self.url = url
        print(f"open {url}")

    def read(self):
        return f"contents of {self.url}"

    def close(self):
        print(f"close {self.url}")


with closing(Page("/index")) as page:
    print(page.read())

try:
    with closing(Page("/broken")) as page:
        raise OSError("read failed")
except OSError as e:
    print(f"caught: {e}")
