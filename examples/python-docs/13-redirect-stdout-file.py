# contextlib docs: redirect_stdout into a file.
import os
import tempfile
from contextlib import redirect_stdout


# A stand-in for help(pow): its text differs between Python versions.
def help(fn):
    print(f"Help on built-in function {fn.__name__} in module builtins:")
    print("")
    print(f"{fn.__name__}(base, exp, mod=None)")
    print("    Equivalent to base**exp with 2 arguments or base**exp % mod with 3 arguments")


with tempfile.TemporaryDirectory() as tmp:
    name = os.path.join(tmp, 'help.txt')
    with open(name, 'w') as f:
        with redirect_stdout(f):
            help(pow)
    print("help.txt holds:")
    with open(name) as f:
        print(f.read(), end="")
