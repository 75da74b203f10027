"""CPython side of ctxlib's differential test.

Usage: python3 driver.py SCENARIOS.json
Reads a JSON list of scenarios (see scenario.ts for the language), runs each
with the real contextlib (sync ones with `with`/ExitStack, async ones under
one asyncio loop with `async with`/asynccontextmanager/AsyncExitStack), and
prints a JSON list of {"id", "events"} to stdout.

The interpreter must not catch anything itself except at the top level: an
extra `except` around scenario code would change the exceptions' implicit
__context__ and so the chains under test.
"""

import asyncio
import json
import sys
from contextlib import AsyncExitStack, ExitStack, asynccontextmanager, contextmanager, suppress


class Labelled(Exception):
    pass


class E1(Labelled):
    pass


class E2(Labelled):
    pass


class E3(E1):
    pass


class E4(Labelled):
    pass


CLASSES = {"E1": E1, "E2": E2, "E3": E3, "E4": E4}


def label(e):
    if isinstance(e, Labelled):
        return f"{type(e).__name__}:{e.args[0]}"
    if isinstance(e, RuntimeError):
        m = str(e)
        if "didn't yield" in m:
            return "P:noyield"
        if "didn't stop after" in m:
            return "P:after-throw"
        if "didn't stop" in m:
            return "P:nostop"
    return f"other:{type(e).__name__}:{e}"


def chain(e):
    """The displayed chain, outermost first: __cause__ if set, else __context__
    unless suppressed (`from None`), cycle-safe as traceback printing is."""
    if e is None:
        return "-"
    out = []
    seen = set()
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        out.append(label(e))
        if e.__cause__ is not None:
            e = e.__cause__
        elif e.__suppress_context__:
            e = None
        else:
            e = e.__context__
    return "<".join(out)


def new_error(r):
    return CLASSES[r["cls"]](r["id"])


def matches(m, exc):
    if m["match"] is None:
        return True
    return isinstance(exc, tuple(CLASSES[c] for c in m["match"]))


class _NoError(Exception):
    """Stands for "no exception" while a stack unwinds; see FixedExitStack."""


class FixedExitStack(ExitStack):
    """CPython's ExitStack, exited from inside an exception handler.

    Works around the first of two CPython bugs (3.11 to 3.13) in
    ExitStack.__exit__'s context fix-up, both of which make an exit stack
    differ from the equivalent nested `with` statements:

    1. ExitStack.__exit__ fixes each new exception's __context__ by walking its
    chain to the exception the frame was handling (`frame_exc`). When the
    stack is exited WITHOUT an exception, `frame_exc` is None and a new
    exception raised by an exit while an earlier one is pending has
    __context__ None, so the fix-up returns early and the link is lost:
    `with ExitStack() as s: s.callback(f); s.push(g)` where both raise gives
    f's error no context, unlike the equivalent nested `with` statements.
    Exiting under a placeholder exception makes `frame_exc` that placeholder,
    which the fix-up then replaces by the pending exception (or None), as the
    nested statements would have it.

    2. An exit that re-raises the pending exception `x` (`raise exc_value`)
    while the frame handles another one: the fix-up walks x's chain to
    `frame_exc` and sets `x.__context__ = x`, a self-cycle that drops the
    rest of the chain, and on which the next fix-up's `while 1` walk hangs.
    So the driver's class exits never do that, in either trace: they spell
    such a re-raise `return False` (see cls_exit).

    The class is only used for the second, "fixed" trace, which the test accepts
    only where it differs from the real one.
    """

    def __exit__(self, *exc_details):
        if exc_details[1] is not None:
            return super().__exit__(*exc_details)
        try:
            raise _NoError
        except _NoError:
            return super().__exit__(*exc_details)


class FixedAsyncExitStack(AsyncExitStack):
    """AsyncExitStack with the fix-up of FixedExitStack."""

    async def __aexit__(self, *exc_details):
        if exc_details[1] is not None:
            return await super().__aexit__(*exc_details)
        try:
            raise _NoError
        except _NoError:
            return await super().__aexit__(*exc_details)


class Run:
    def __init__(self, fixed):
        self.events = []
        self.fixed = fixed
        self.done = False
        self.ExitStack = FixedExitStack if fixed else ExitStack
        self.AsyncExitStack = FixedAsyncExitStack if fixed else AsyncExitStack

    def log(self, s):
        # A manager dropped with its stack (`pop_all` never closed) is finalized
        # later (the generator closed by the GC, an async one cancelled at loop
        # shutdown); ctxlib never runs it again, and that is no event.
        if not self.done:
            self.events.append(s)


def raise_for(act, exc):
    err = new_error(act["err"])
    if act["err"]["from"] and exc is not None:
        raise err from exc
    raise err


def cls_exit(run, m, exc):
    run.log(f"exit:{m['name']}:{chain(exc)}")
    if exc is None:
        act = m["onOk"]
    elif not matches(m, exc):
        return None
    else:
        act = m["onErr"]
    k = act["k"]
    if k == "none":
        return None
    if k == "true":
        return True
    if k == "false":
        return False
    if k == "reraise":
        # Re-raising an exception that is not the one being handled happens only
        # inside an exit stack, where CPython's context fix-up turns it into a
        # self-referential __context__, and a later fix-up walking that chain
        # loops forever (bug 2 under FixedExitStack). `return False` means the
        # same to a `with` statement: the pending exception propagates as is.
        if run.fixed or sys.exc_info()[1] is not exc:
            return False
        raise exc
    raise_for(act, exc)


class Cls:
    def __init__(self, run, m):
        self.run = run
        self.m = m

    def __enter__(self):
        self.run.log(f"enter:{self.m['name']}")
        if self.m["enterRaise"] is not None:
            raise new_error(self.m["enterRaise"])

    def __exit__(self, t, v, tb):
        return cls_exit(self.run, self.m, v)


class ACls:
    def __init__(self, run, m):
        self.run = run
        self.m = m

    async def __aenter__(self):
        self.run.log(f"enter:{self.m['name']}")
        if self.m["enterRaise"] is not None:
            raise new_error(self.m["enterRaise"])

    async def __aexit__(self, t, v, tb):
        return cls_exit(self.run, self.m, v)


def make_gen(run, m):
    name = m["name"]

    @contextmanager
    def g():
        run.log(f"enter:{name}")
        if m["enter"]["k"] == "noyield":
            return
        if m["enter"]["k"] == "raise":
            raise new_error(m["enter"]["err"])
        try:
            yield
        except GeneratorExit:
            # Only when a dropped manager is garbage-collected: not an exit.
            raise
        except BaseException as exc:
            run.log(f"exit:{name}:{chain(exc)}")
            if not matches(m, exc):
                raise
            k = m["onErr"]["k"]
            if k == "suppress":
                return
            if k == "reraise":
                raise
            if k == "yield2":
                yield
                return
            raise_for(m["onErr"], exc)
        else:
            run.log(f"exit:{name}:-")
            k = m["onOk"]["k"]
            if k == "yield2":
                yield
            elif k == "raise":
                raise new_error(m["onOk"]["err"])

    return g()


def make_agen(run, m):
    name = m["name"]

    @asynccontextmanager
    async def g():
        run.log(f"enter:{name}")
        if m["enter"]["k"] == "noyield":
            return
        if m["enter"]["k"] == "raise":
            raise new_error(m["enter"]["err"])
        try:
            yield
        except GeneratorExit:
            raise
        except BaseException as exc:
            run.log(f"exit:{name}:{chain(exc)}")
            if not matches(m, exc):
                raise
            k = m["onErr"]["k"]
            if k == "suppress":
                return
            if k == "reraise":
                raise
            if k == "yield2":
                yield
                return
            raise_for(m["onErr"], exc)
        else:
            run.log(f"exit:{name}:-")
            k = m["onOk"]["k"]
            if k == "yield2":
                yield
            elif k == "raise":
                raise new_error(m["onOk"]["err"])

    return g()


def make_mgr(run, m):
    if m["kind"] == "suppress":
        return suppress(*[CLASSES[c] for c in m["classes"]])
    if m["kind"] == "gen":
        return make_agen(run, m) if m["async"] else make_gen(run, m)
    return ACls(run, m) if m["async"] else Cls(run, m)


def make_callback(run, op):
    def cb():
        run.log(f"cb:{op['name']}")
        if op["raise"] is not None:
            raise new_error(op["raise"])

    async def acb():
        cb()

    return acb if op["async"] else cb


# --- sync ------------------------------------------------------------------


def run_stmts(run, stmts):
    for s in stmts:
        k = s["s"]
        if k == "log":
            run.log(f"log:{s['id']}")
        elif k == "raise":
            raise new_error(s["err"])
        elif k == "with":
            run_with(run, [make_mgr(run, m) for m in s["mgrs"]], s["body"])
        else:
            with run.ExitStack() as stack:
                for op in s["ops"]:
                    apply_op(run, stack, op)
                run_stmts(run, s["body"])


def run_with(run, mgrs, body):
    # `with a, b:` is defined as the nested statements.
    if not mgrs:
        run_stmts(run, body)
        return
    with mgrs[0]:
        run_with(run, mgrs[1:], body)


def apply_op(run, stack, op):
    k = op["op"]
    if k == "enter":
        stack.enter_context(make_mgr(run, op["mgr"]))
    elif k == "push":
        c = Cls(run, op["mgr"])
        stack.push(c if op["asObject"] else (lambda *a: c.__exit__(*a)))
    elif k == "callback":
        stack.callback(make_callback(run, op))
    else:
        popped = stack.pop_all()
        if op["then"] == "close":
            popped.close()
        elif op["then"] == "push":
            stack.push(popped)
        elif op["then"] == "enter":
            stack.enter_context(popped)


def run_scenario(sc, fixed):
    run = Run(fixed)
    try:
        run_stmts(run, sc["body"])
        run.log("result:ok")
    except Exception as e:
        run.log(f"result:raise:{chain(e)}")
    run.done = True
    return run.events


# --- async -----------------------------------------------------------------


async def arun_stmts(run, stmts):
    for s in stmts:
        k = s["s"]
        if k == "log":
            run.log(f"log:{s['id']}")
        elif k == "raise":
            raise new_error(s["err"])
        elif k == "with":
            await arun_with(run, s["mgrs"], s["body"])
        else:
            async with run.AsyncExitStack() as stack:
                for op in s["ops"]:
                    await aapply_op(run, stack, op)
                await arun_stmts(run, s["body"])


async def arun_with(run, mgrs, body):
    if not mgrs:
        await arun_stmts(run, body)
        return
    m = make_mgr(run, mgrs[0])
    if mgrs[0]["async"]:
        async with m:
            await arun_with(run, mgrs[1:], body)
    else:
        with m:
            await arun_with(run, mgrs[1:], body)


async def aapply_op(run, stack, op):
    k = op["op"]
    if k == "enter":
        m = make_mgr(run, op["mgr"])
        if op["mgr"]["async"]:
            await stack.enter_async_context(m)
        else:
            stack.enter_context(m)
    elif k == "push":
        if op["mgr"]["async"]:
            c = ACls(run, op["mgr"])

            async def aexit(*a):
                return await c.__aexit__(*a)

            stack.push_async_exit(c if op["asObject"] else aexit)
        else:
            s = Cls(run, op["mgr"])
            stack.push(s if op["asObject"] else (lambda *a: s.__exit__(*a)))
    elif k == "callback":
        if op["async"]:
            stack.push_async_callback(make_callback(run, op))
        else:
            stack.callback(make_callback(run, op))
    else:
        popped = stack.pop_all()
        if op["then"] == "close":
            await popped.aclose()
        elif op["then"] == "push":
            stack.push_async_exit(popped)
        elif op["then"] == "enter":
            await stack.enter_async_context(popped)


async def arun_scenario(sc, fixed):
    run = Run(fixed)
    try:
        await arun_stmts(run, sc["body"])
        run.log("result:ok")
    except Exception as e:
        run.log(f"result:raise:{chain(e)}")
    run.done = True
    return run.events


async def arun_all(scenarios):
    return [
        {"id": sc["id"], "events": await arun_scenario(sc, False), "fixed": await arun_scenario(sc, True)}
        for sc in scenarios
    ]


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        scenarios = json.load(f)
    out = [
        {"id": sc["id"], "events": run_scenario(sc, False), "fixed": run_scenario(sc, True)}
        for sc in scenarios
        if not sc["async"]
    ]
    out += asyncio.run(arun_all([sc for sc in scenarios if sc["async"]]))
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
