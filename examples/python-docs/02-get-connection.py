# contextlib docs: @asynccontextmanager, get_connection and get_all_users.
import asyncio
from contextlib import asynccontextmanager


# Stand-ins for the docs' database connection.
class Connection:
    def query(self, sql):
        print(f"query: {sql}")
        return ["ada", "grace"]


async def acquire_db_connection():
    await asyncio.sleep(0)
    print("acquire connection")
    return Connection()


async def release_db_connection(conn):
    await asyncio.sleep(0)
    print("release connection")


@asynccontextmanager
async def get_connection():
    conn = await acquire_db_connection()
    try:
        yield conn
    finally:
        await release_db_connection(conn)


async def get_all_users():
    async with get_connection() as conn:
        return conn.query('SELECT ...')


print(f"users: {', '.join(asyncio.run(get_all_users()))}")
