"""CPython 3.12+ side of the exception-group differential (groups.test.ts).

Usage: python3.12 groups.py SCENARIOS.json
Each scenario is {"id", "classes": [...], "group": tree}, a tree being
{"leaf": "E1", "id": "x1"} or {"msg": "g1", "parts": [tree, ...]}. Runs
`with suppress(*classes): raise group` and prints, per scenario, the outcome
in the normal form that groups.test.ts builds for ctxlib: "suppressed",
"untouched:<shape>", or "rest:<shape>|linked:<bool>".
"""

import json
import sys
from contextlib import suppress

from driver import CLASSES, label


def build(t):
    if "leaf" in t:
        return CLASSES[t["leaf"]](t["id"])
    return ExceptionGroup(t["msg"], [build(p) for p in t["parts"]])


def shape(e):
    if isinstance(e, BaseExceptionGroup):
        return f"G:{e.message}[{','.join(shape(p) for p in e.exceptions)}]"
    return label(e)


def run(sc):
    group = build(sc["group"])
    try:
        with suppress(*[CLASSES[c] for c in sc["classes"]]):
            raise group
    except BaseException as e:
        # ExceptionGroup.split always derives new groups, so when no part
        # matches, CPython re-raises a copy (context: the original) where
        # ctxlib re-throws the original by identity (SPEC); both are "untouched".
        if e is group or shape(e) == shape(group):
            return f"untouched:{shape(e)}"
        linked = e.__cause__ is group or e.__context__ is group
        return f"rest:{shape(e)}|linked:{str(linked).lower()}"
    return "suppressed"


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        scenarios = json.load(f)
    json.dump([{"id": sc["id"], "outcome": run(sc)} for sc in scenarios], sys.stdout)


if __name__ == "__main__":
    main()
