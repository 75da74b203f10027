# contextlib docs: aclosing() is roughly equivalent to this async generator manager.
import asyncio
from contextlib import asynccontextmanager


@asynccontextmanager
async def aclosing(thing):
    try:
        yield thing
    finally:
        await thing.aclose()


async def numbers():
    try:
        n = 0
        while True:
            n += 1
            yield n
    finally:
        print("numbers: cleanup ran")


async def main():
    async with aclosing(numbers()) as values:
        # take two values by hand: nothing but aclosing closes the generator
        print(f"first {await anext(values)}")
        print(f"second {await anext(values)}")
    print("after the block")


asyncio.run(main())
