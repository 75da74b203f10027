# contextlib docs: separate ExitStack instances nested, each with its own callbacks.
from contextlib import ExitStack

with ExitStack() as outer_stack:
    outer_stack.callback(print, "Callback: from outer context")
    with ExitStack() as inner_stack:
        inner_stack.callback(print, "Callback: from inner context")
        print("Leaving inner context")
    print("Leaving outer context")
