# Lesson 7: redirect_stdout sends print() output elsewhere for the block.
import io
from contextlib import redirect_stdout

buffer = io.StringIO()
with redirect_stdout(buffer):
    print("hello into the buffer")
    print("and a second line")
captured = buffer.getvalue()
print(f"captured {len(captured.splitlines())} lines: {' | '.join(captured.splitlines())}")
print("stdout is back")
