# Lesson 4: contextlib.suppress.
import os
from contextlib import suppress

with suppress(FileNotFoundError):
    os.remove("/nonexistent/ctxlib-lesson.txt")
    print("never printed")
print("no such file, carried on")


class ValueError2(Exception):
    pass


ignore = suppress(ValueError2)  # reusable
for attempt in range(2):
    with ignore:
        raise ValueError2(f"attempt {attempt}")
print("both attempts suppressed")
