# contextlib docs: AsyncExitStack holding several connections.
import asyncio
from contextlib import AsyncExitStack, asynccontextmanager

opened = 0


@asynccontextmanager
async def get_connection(fail_at=None):
    # A stand-in for the docs' get_connection: numbered connections, one may fail.
    global opened
    n = opened
    opened += 1
    await asyncio.sleep(0)
    if n == fail_at:
        raise ConnectionError(f"connection {n} refused")
    print(f"acquire connection {n}")
    try:
        yield n
    finally:
        await asyncio.sleep(0)
        print(f"release connection {n}")


async def main():
    global opened
    async with AsyncExitStack() as stack:
        connections = [await stack.enter_async_context(get_connection())
            for i in range(5)]
        # All opened connections will automatically be released at the end of
        # the async with statement, even if attempts to open a connection
        # later in the list raise an exception.
        print(f"using connections {connections}")

    opened = 0
    try:
        async with AsyncExitStack() as stack:
            connections = [await stack.enter_async_context(get_connection(fail_at=2))
                for i in range(5)]
    except ConnectionError as e:
        print(f"caught: {e}")


asyncio.run(main())
