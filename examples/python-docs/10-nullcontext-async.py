# contextlib docs: nullcontext() as an async stand-in for a session we do not own.
import asyncio
from contextlib import nullcontext


# A stand-in for aiohttp.ClientSession.
class ClientSession:
    def __init__(self, name="own session"):
        self.name = name

    async def __aenter__(self):
        print(f"open {self.name}")
        return self

    async def __aexit__(self, *exc):
        print(f"close {self.name}")

    async def get(self, url):
        await asyncio.sleep(0)
        return f"{self.name} GET {url}"


async def send_http(session=None):
    if not session:
        # If no http session, create it with aiohttp
        cm = ClientSession()
    else:
        # Caller is responsible for closing the session
        cm = nullcontext(session)

    async with cm as session:
        # Send http requests with session
        print(await session.get("/status"))


async def main():
    await send_http()
    async with ClientSession("caller's session") as session:
        await send_http(session)
        await send_http(session)


asyncio.run(main())
