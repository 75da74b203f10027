# contextlib docs: reusable context managers: one ExitStack used in turn, then nested.
from contextlib import ExitStack

stack = ExitStack()
with stack:
    stack.callback(print, "Callback: from first context")
    print("Leaving first context")

with stack:
    stack.callback(print, "Callback: from second context")
    print("Leaving second context")

with stack:
    stack.callback(print, "Callback: from outer context")
    with stack:
        stack.callback(print, "Callback: from inner context")
        print("Leaving inner context")
    print("Leaving outer context")
