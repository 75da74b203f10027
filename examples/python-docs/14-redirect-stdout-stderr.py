# contextlib docs: redirect_stdout(sys.stderr) sends help() to stderr.
import sys
from contextlib import redirect_stdout


# A stand-in for help(pow): its text differs between Python versions.
def help(fn):
    print(f"Help on built-in function {fn.__name__} in module builtins:")
    print("")
    print(f"{fn.__name__}(base, exp, mod=None)")
    print("    Equivalent to base**exp with 2 arguments or base**exp % mod with 3 arguments")


print("before: on stdout")
sys.stdout.flush()
with redirect_stdout(sys.stderr):
    help(pow)
print("after: on stdout again (the help text went to stderr)")
