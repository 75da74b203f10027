# Lesson 6: closing() for objects that have close() but are not context managers.
from contextlib import closing


class Connection:
    def __init__(self, name):
        self.name = name
        print(f"connect {name}")

    def query(self, q):
        return f"{self.name} answered {q}"

    def close(self):
        print(f"close {self.name}")


with closing(Connection("db")) as conn:
    print(conn.query("1+1"))

try:
    with closing(Connection("cache")) as conn:
        raise ConnectionError("lost")
except ConnectionError as e:
    print(f"caught: {e}")
