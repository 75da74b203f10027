// contextlib docs: AsyncExitStack holding several connections.
import { AsyncExitStack, asyncContextManager, withAsyncContext } from '../../src/index.js'

let opened = 0

// A stand-in for the docs' get_connection: numbered connections, one may fail.
const getConnection = asyncContextManager(async function* (failAt?: number) {
  const n = opened
  opened += 1
  await Promise.resolve()
  if (n === failAt) throw new Error(`connection ${n} refused`)
  console.log(`acquire connection ${n}`)
  try {
    yield n
  } finally {
    await Promise.resolve()
    console.log(`release connection ${n}`)
  }
})

await withAsyncContext(new AsyncExitStack(), async (stack) => {
  const connections: number[] = []
  for (let i = 0; i < 5; i++) connections.push(await stack.enterAsyncContext(getConnection()))
  // All opened connections will automatically be released at the end of
  // the block, even if attempts to open a connection later in the list throw.
  console.log(`using connections [${connections.join(', ')}]`)
})

opened = 0
try {
  await withAsyncContext(new AsyncExitStack(), async (stack) => {
    for (let i = 0; i < 5; i++) await stack.enterAsyncContext(getConnection(2))
  })
} catch (e) {
  console.log(`caught: ${(e as Error).message}`)
}
