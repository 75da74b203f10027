# Lesson 3: __exit__ returning True suppresses the error.
class IgnoreValueErrors:
    def __enter__(self):
        return None

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and issubclass(exc_type, ValueError):
            print(f"suppressed: {exc}")
            return True
        return False


with IgnoreValueErrors():
    raise ValueError("not a number")
print("after the block")

try:
    with IgnoreValueErrors():
        raise KeyError("missing")
except KeyError:
    print("KeyError passed through")
