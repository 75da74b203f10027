"""CPython's contextlib, timed the way `python3 -m timeit` times a statement.

Started by bench/run.mjs; prints one JSON object on stdout. Each case is the
Python twin of a ctxlib case (same shape: a fresh manager per scope, a body
call that reads the entered value, a counter as the resource). Sync cases use
timeit.Timer (an inlined loop, as `-m timeit` does); async cases run their
loop inside one coroutine on one event loop, so that no scheduling is timed.

    python3 bench/contextlib_bench.py [--repeat 7] [--target-ms 40]
"""

import asyncio
import json
import platform
import statistics
import sys
import time
import timeit
from contextlib import AsyncExitStack, ExitStack, asynccontextmanager, contextmanager, suppress

state = {"live": 0, "released": 0, "sink": 0}


def body(v):
    return 1 if v is None else 2


ERR = KeyError("expected")  # preallocated, like the JS cases


def cb():
    state["released"] += 1


async def acb():
    state["released"] += 1


class Res:
    def __enter__(self):
        state["live"] += 1
        return self

    def __exit__(self, *exc):
        state["live"] -= 1
        state["released"] += 1
        return False


class ARes:
    async def __aenter__(self):
        state["live"] += 1
        return self

    async def __aexit__(self, *exc):
        state["live"] -= 1
        state["released"] += 1
        return False


@contextmanager
def gcm():
    state["live"] += 1
    try:
        yield 1
    finally:
        state["live"] -= 1
        state["released"] += 1


@contextmanager
def gcm_catch():
    state["live"] += 1
    try:
        yield 1
    except KeyError:
        pass
    finally:
        state["live"] -= 1
        state["released"] += 1


@asynccontextmanager
async def acm():
    state["live"] += 1
    try:
        yield 1
    finally:
        state["live"] -= 1
        state["released"] += 1


SYNC = {
    "class-manager": "with Res() as v:\n    state['sink'] += body(v)",
    "contextmanager": "with gcm() as v:\n    state['sink'] += body(v)",
    "contextmanager-raise": "with gcm_catch():\n    raise ERR",
    "ExitStack.callback": "s = ExitStack()\ns.callback(cb)\ns.close()",
    "ExitStack.enter_context": "with ExitStack() as s:\n    state['sink'] += body(s.enter_context(Res()))",
    "suppress": "with suppress(KeyError):\n    state['sink'] += body(1)",
    "suppress-raise": "with suppress(KeyError):\n    raise ERR",
    "try-finally": "state['live'] += 1\ntry:\n    state['sink'] += body(1)\nfinally:\n    state['live'] -= 1",
}


async def loop_async_class(n):
    for _ in range(n):
        async with ARes() as v:
            state["sink"] += body(v)


async def loop_asynccontextmanager(n):
    for _ in range(n):
        async with acm() as v:
            state["sink"] += body(v)


async def loop_async_exit_stack(n):
    for _ in range(n):
        s = AsyncExitStack()
        s.push_async_callback(acb)
        await s.aclose()


ASYNC = {
    "async-class-manager": loop_async_class,
    "asynccontextmanager": loop_asynccontextmanager,
    "AsyncExitStack": loop_async_exit_stack,
}


def summarize(per_loop_ns, number):
    return {
        "median": statistics.median(per_loop_ns),
        "low": min(per_loop_ns),
        "high": max(per_loop_ns),
        "number": number,
        "repeats": per_loop_ns,
    }


def time_sync(stmt, repeat, target_s):
    timer = timeit.Timer(stmt, globals=globals())
    number = 1
    while True:  # timeit's autorange, then scaled to target_s per repeat
        t = timer.timeit(number)
        if t >= 0.01:
            break
        number *= 2
    number = max(1, int(number * target_s / t))
    runs = timer.repeat(repeat=repeat, number=number)
    return summarize([t * 1e9 / number for t in runs], number)


def time_async(loop_fn, repeat, target_s):
    ev = asyncio.new_event_loop()
    try:
        number = 64
        while True:
            t0 = time.perf_counter()
            ev.run_until_complete(loop_fn(number))
            t = time.perf_counter() - t0
            if t >= 0.01:
                break
            number *= 2
        number = max(1, int(number * target_s / t))
        runs = []
        for _ in range(repeat):
            t0 = time.perf_counter_ns()
            ev.run_until_complete(loop_fn(number))
            runs.append((time.perf_counter_ns() - t0) / number)
        return summarize(runs, number)
    finally:
        ev.close()


def main():
    args = sys.argv[1:]
    repeat = int(args[args.index("--repeat") + 1]) if "--repeat" in args else 7
    target_s = (float(args[args.index("--target-ms") + 1]) if "--target-ms" in args else 40) / 1000
    cases = {}
    for name, stmt in SYNC.items():
        cases[name] = time_sync(stmt, repeat, target_s)
    for name, fn in ASYNC.items():
        cases[name] = time_async(fn, repeat, target_s)
    if state["live"] != 0:
        raise SystemExit(f"contextlib_bench: {state['live']} resources still live")
    print(
        json.dumps(
            {
                "runtime": {"name": "cpython", "version": platform.python_version(), "implementation": platform.python_implementation()},
                "cases": cases,
                "sink": state["sink"],
            }
        )
    )


if __name__ == "__main__":
    main()
