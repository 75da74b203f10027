# Lesson 9: a task group owns its tasks. None outlives the block, the first
# failure cancels the others, and a SIGTERM drains the service.
import asyncio
import os
import signal


async def fetch(what, count):
    await asyncio.sleep(0)
    return f"{count} {what}"


async def stuck(name):
    try:
        await asyncio.Event().wait()  # a peer that never answers
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise


async def fail(message):
    await asyncio.sleep(0)
    raise ValueError(message)


async def worker(stop):
    await stop.wait()
    print("worker: stopping cleanly")


async def main():
    # Every task finishes before the block is left.
    async with asyncio.TaskGroup() as tg:
        users = tg.create_task(fetch("users", 3))
        orders = tg.create_task(fetch("orders", 5))
    print(f"got {users.result()} and {orders.result()}")

    # The first failure cancels the sibling; failures come out as a group.
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(stuck("download"))
            tg.create_task(fail("bad header"))
    except* ValueError as group:
        for error in group.exceptions:
            print(f"caught: {error}")

    # The first SIGTERM asks the workers to stop; the group waits for them.
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(worker(stop))
            print("serving")
            os.kill(os.getpid(), signal.SIGTERM)  # as an operator's `kill` would
    finally:
        loop.remove_signal_handler(signal.SIGTERM)
    print("drained after SIGTERM")


asyncio.run(main())
