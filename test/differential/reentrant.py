"""Exit-stack reentrancy scenarios under CPython's contextlib; one event per line."""
import asyncio
from contextlib import AsyncExitStack, ExitStack

log = print


def nested():
    stack = ExitStack()
    with stack as s1:
        log(f"outer enter is stack: {s1 is stack}")
        stack.callback(log, "callback outer")
        with stack as s2:
            log(f"inner enter is stack: {s2 is stack}")
            stack.callback(log, "callback inner")
        log("after inner")
    log("after outer")


def inner_suppresses():
    stack = ExitStack()
    with stack:
        stack.callback(log, "callback outer")
        with stack:
            stack.push(lambda *exc: log(f"suppressor saw {exc[1]!r}") or True)
            raise ValueError("body")
        log("after inner")
    log("after outer")


def inner_propagates():
    stack = ExitStack()
    try:
        with stack:
            stack.callback(log, "callback outer")
            with stack:
                stack.push(lambda *exc: log(f"exit saw {exc[1]!r}"))
                raise ValueError("body")
    except ValueError as e:
        log(f"caught {e!r}")


def in_turn():
    stack = ExitStack()
    with stack:
        stack.callback(log, "callback a")
    log("between")
    with stack:
        stack.callback(log, "callback b")
    log("done")


async def async_nested():
    stack = AsyncExitStack()
    async with stack as s1:
        log(f"outer enter is stack: {s1 is stack}")
        stack.push_async_callback(asyncio.sleep, 0)
        stack.callback(log, "callback outer")
        async with stack:
            stack.callback(log, "callback inner")
        log("after inner")
    log("after outer")


for scenario in (nested, inner_suppresses, inner_propagates, in_turn):
    log(f"== {scenario.__name__}")
    scenario()
log("== async_nested")
asyncio.run(async_nested())
