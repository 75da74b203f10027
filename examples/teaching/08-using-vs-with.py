# Lesson 8: a transaction must know whether the block failed: commit or roll back.
class Transaction:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print(f"begin {self.name}")
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc is None:
            print(f"commit {self.name}")
        else:
            print(f"rollback {self.name} ({exc})")
        return False


with Transaction("order 1"):
    print("charge card")

try:
    with Transaction("order 2"):
        raise RuntimeError("card declined")
except RuntimeError as e:
    print(f"caught: {e}")
