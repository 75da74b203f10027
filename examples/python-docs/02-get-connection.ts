// contextlib docs: @asynccontextmanager, get_connection and get_all_users.
import { asyncContextManager, withAsyncContext } from '../../src/index.js'

// Stand-ins for the docs' database connection.
class Connection {
  query(sql: string): string[] {
    console.log(`query: ${sql}`)
    return ['ada', 'grace']
  }
}

async function acquireDbConnection(): Promise<Connection> {
  await Promise.resolve()
  console.log('acquire connection')
  return new Connection()
}

async function releaseDbConnection(_conn: Connection): Promise<void> {
  await Promise.resolve()
  console.log('release connection')
}

const getConnection = asyncContextManager(async function* () {
  const conn = await acquireDbConnection()
  try {
    yield conn
  } finally {
    await releaseDbConnection(conn)
  }
})

async function getAllUsers(): Promise<string[] | undefined> {
  return withAsyncContext(getConnection(), (conn) => conn.query('SELECT ...'))
}

console.log(`users: ${(await getAllUsers())?.join(', ') ?? ''}`)
