# Lesson 2: a generator-based context manager with @contextmanager.
from contextlib import contextmanager


@contextmanager
def section(name):
    print(f"start {name}")
    try:
        yield name.upper()
    finally:
        print(f"end {name}")  # runs on every path


@contextmanager
def forgiving(name):
    try:
        yield name
    except ValueError as e:
        print(f"{name} swallowed: {e}")  # catching the error suppresses it


with section("intro") as title:
    print(f"title is {title}")

try:
    with section("broken"):
        raise ValueError("bad data")
except ValueError as e:
    print(f"caught: {e}")

with forgiving("lenient"):
    raise ValueError("ignored")
print("carried on")
