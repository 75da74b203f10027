# Lesson 11: ResourceWarning. A file that nobody closes is closed for you when
# it is garbage-collected, and Python warns about it, but only if you ask
# (`python3 -W always`), and says where it was opened only under tracemalloc
# (`python3 -X tracemalloc=5`). This file asks for both itself.
import io
import linecache
import os
import re
import tempfile
import tracemalloc
import warnings
from contextlib import redirect_stderr

tracemalloc.start(5)  # what `-X tracemalloc=5` does: remember where each object was made
warnings.simplefilter("always", ResourceWarning)  # what `-W always` does
folder = tempfile.mkdtemp()


def made_at(warning_text):
    """The tag after `made here:` on the line where tracemalloc says the object was made."""
    lineno = int(re.findall(r"lineno (\d+)", warning_text)[-1])  # the most recent frame
    return linecache.getline(__file__, lineno).split("made here: ")[-1].strip()


def write_report():
    report = open(os.path.join(folder, "report.txt"), "w")  # made here: report
    report.write("all good")
    print("report written, never closed")


# Python prints the warning on stderr; catch that text to tell the story on stdout.
with redirect_stderr(io.StringIO()) as stderr:
    write_report()  # CPython collects `report` on return: the warning comes now
print(f"ResourceWarning: unclosed file, made at the line marked '{made_at(stderr.getvalue())}'")

with open(os.path.join(folder, "summary.txt"), "w") as summary:
    summary.write("closed by the block")
print("summary written and closed: no warning")

for name in os.listdir(folder):
    os.remove(os.path.join(folder, name))
os.rmdir(folder)
