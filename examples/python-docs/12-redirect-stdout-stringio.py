# contextlib docs: redirect_stdout(io.StringIO()) captures what help() prints.
import io
from contextlib import redirect_stdout


# A stand-in for help(pow): its text differs between Python versions.
def help(fn):
    print(f"Help on built-in function {fn.__name__} in module builtins:")
    print("")
    print(f"{fn.__name__}(base, exp, mod=None)")
    print("    Equivalent to base**exp with 2 arguments or base**exp % mod with 3 arguments")


with redirect_stdout(io.StringIO()) as f:
    help(pow)
s = f.getvalue()

lines = s.splitlines()
print(f"captured {len(lines)} lines, {len(s)} characters")
print(f"first line: {lines[0]}")
