# contextlib docs: suppress(FileNotFoundError) around os.remove.
import os
import tempfile
from contextlib import suppress

with tempfile.TemporaryDirectory() as tmp:
    os.chdir(tmp)
    with open("somefile.tmp", "w") as f:
        f.write("scratch")

    with suppress(FileNotFoundError):
        os.remove('somefile.tmp')
        print("removed somefile.tmp")

    with suppress(FileNotFoundError):
        os.remove('someotherfile.tmp')
        print("never printed: there was no such file")
    print("no someotherfile.tmp: suppressed, carried on")

    # suppress is equivalent to try / except FileNotFoundError: pass
    try:
        os.remove('somefile.tmp')
    except FileNotFoundError:
        pass
    print("the same without suppress")
    os.chdir("/")
