# contextlib docs: an @asynccontextmanager used as a decorator (timeit).
import asyncio
import time
from contextlib import asynccontextmanager


@asynccontextmanager
async def timeit():
    now = time.monotonic()
    try:
        yield
    finally:
        # rounded, so that the story prints the same on every run
        print(f'it took {round(time.monotonic() - now)}s to run')


@timeit()
async def main():
    # ... async code ...
    await asyncio.sleep(0.01)
    print("main ran")


# Each call runs in a fresh manager made from the same factory.
asyncio.run(main())
asyncio.run(main())
