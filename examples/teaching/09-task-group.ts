// Lesson 9: a task group owns its tasks. None outlives the block, the first
// failure cancels the others, and a SIGTERM drains the service.
import { setTimeout as sleep } from 'node:timers/promises'
import { taskGroup, withAsyncContext } from '../../src/index.js'
import { ShutdownSignalError, shutdownSignal } from '../../src/node/index.js'

const aborted = (signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))

async function fetchCount(what: string, count: number): Promise<string> {
  await Promise.resolve()
  return `${String(count)} ${what}`
}

async function stuck(name: string, signal: AbortSignal): Promise<never> {
  await aborted(signal) // a peer that never answers; only the group's signal ends the wait
  console.log(`${name} cancelled`)
  throw signal.reason
}

async function fail(message: string): Promise<never> {
  await Promise.resolve()
  throw new Error(message)
}

async function worker(signal: AbortSignal): Promise<void> {
  const listening = setInterval(() => undefined, 60_000) // stands for the server socket a real worker holds open
  await aborted(signal)
  clearInterval(listening)
  console.log('worker: stopping cleanly')
}

// Every task finishes before the block is left.
const [users, orders] = await withAsyncContext(taskGroup(), (tg) => [tg.spawn(() => fetchCount('users', 3)), tg.spawn(() => fetchCount('orders', 5))])
console.log(`got ${await users} and ${await orders}`)

// The first failure cancels the sibling; failures come out as one AggregateError.
try {
  await withAsyncContext(taskGroup(), (tg) => {
    void tg.spawn((signal) => stuck('download', signal))
    void tg.spawn(() => fail('bad header'))
  })
} catch (e) {
  for (const error of (e as AggregateError).errors as Error[]) console.log(`caught: ${error.message}`)
}

// The first SIGTERM aborts the group's parent signal; the group waits for its tasks.
{
  using shutdown = shutdownSignal({ signals: ['SIGTERM'] })
  try {
    await withAsyncContext(taskGroup({ signal: shutdown.signal }), (tg) => {
      void tg.spawn((signal) => worker(signal))
      console.log('serving')
      process.kill(process.pid, 'SIGTERM') // as an operator's `kill` would
    })
  } catch (e) {
    if (!(e instanceof ShutdownSignalError)) throw e
  }
}
console.log('drained after SIGTERM')

console.log('--- TypeScript only ---')

// `await using` cannot show the group the body's error: the group waits for its
// tasks without cancelling them. withAsyncContext (above) cancels them.
try {
  await using tg = taskGroup()
  void tg.spawn(async (signal) => {
    await sleep(10)
    console.log(`slow task finished, signal aborted: ${String(signal.aborted)}`)
  })
  throw new Error('body failed')
} catch (e) {
  console.log(`caught: ${(e as Error).message}`)
}
