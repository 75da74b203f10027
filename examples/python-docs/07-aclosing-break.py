# contextlib docs: aclosing(my_generator()), leaving the loop early.
import asyncio
from contextlib import aclosing


async def my_generator():
    try:
        value = 0
        while True:
            yield value
            value += 1
    finally:
        print(f"my_generator: closed after {value}")


async def main():
    async with aclosing(my_generator()) as values:
        async for value in values:
            if value == 42:
                break
    print("after the block: the generator was closed at its exit")

    # An error leaving the loop: aclosing closes the generator on that path too.
    try:
        async with aclosing(my_generator()) as values:
            async for value in values:
                if value == 3:
                    raise ValueError("bad value 3")
    except ValueError as e:
        print(f"caught: {e}")


asyncio.run(main())
