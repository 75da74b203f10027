# Lesson 1: a class-based context manager: __enter__ and __exit__.
class Tag:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print(f"<{self.name}>")
        return self

    def __exit__(self, exc_type, exc, tb):
        print(f"</{self.name}> exit saw: {'no error' if exc is None else exc}")
        return False  # do not suppress


with Tag("p") as tag:
    print(f"inside {tag.name}")

try:
    with Tag("div"):
        raise ValueError("broken")
except ValueError as e:
    print(f"caught: {e}")
