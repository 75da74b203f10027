/**
 * bench:churn — the tcp-proxy example's memory over many connect/close
 * cycles. Runs the proxy, an echo backend and the clients in this process;
 * every 1,000 cycles it forces two garbage collections and prints the heap
 * in use (and RSS, which the allocator need not give back). A leak shows as
 * a heap that keeps growing per 1,000 cycles; a flat heap after the first
 * thousand is the healthy shape. Not a test: the numbers depend on the machine.
 *
 *   npm run bench:churn [-- --cycles 5000 --concurrency 8]
 */
import * as net from 'node:net'
import { parseArgs } from 'node:util'
import { AsyncExitStack, withAsyncContext } from '../src/index.js'
import { listen } from '../src/node/index.js'
import { runProxy } from '../examples/tcp-proxy/proxy.js'

const HOST = '127.0.0.1'
const STEP = 1_000

const { values } = parseArgs({
  options: { cycles: { type: 'string', default: '5000' }, concurrency: { type: 'string', default: '8' } },
})
const CYCLES = Number(values.cycles)
const CONCURRENCY = Number(values.concurrency)
const gc = (globalThis as { gc?: () => void }).gc
if (gc === undefined) throw new Error('run with node --expose-gc (npm run bench:churn does)')

/** One cycle: connect through the proxy, send a line, half-close, read the echo until the proxy closes. */
function cycle(port: number, i: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: HOST, port })
    const message = `cycle ${String(i)}\n`
    let echoed = ''
    socket.setEncoding('utf8')
    socket.on('connect', () => socket.end(message))
    socket.on('data', (d: string) => (echoed += d))
    socket.on('error', reject)
    socket.on('close', () => {
      if (echoed === message) resolve()
      else reject(new Error(`cycle ${String(i)}: echo differs`))
    })
  })
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50))

interface Sample {
  heap: number
  external: number
  rss: number
}

async function measure(): Promise<Sample> {
  await settle()
  gc?.()
  gc?.()
  const { heapUsed, external, rss } = process.memoryUsage()
  return { heap: heapUsed / 2 ** 20, external: external / 2 ** 20, rss: rss / 2 ** 20 }
}

await withAsyncContext(new AsyncExitStack(), async (stack) => {
  const echo = net.createServer({ allowHalfOpen: true }, (socket) => {
    socket.on('error', () => undefined)
    socket.pipe(socket)
  })
  await stack.enterAsyncContext(listen(echo, { host: HOST, port: 0, gracePeriod: 1_000 }))
  const backend = (echo.address() as net.AddressInfo).port

  const stop = new AbortController()
  let port = 0
  const listening = new Promise<void>((resolve) => {
    const io = {
      log: (line: string) => {
        const match = /listening on 127\.0\.0\.1:(\d+)/.exec(line)
        if (match) {
          port = Number(match[1])
          resolve()
        }
      },
      dump: () => undefined,
    }
    const running = runProxy({ listen: { host: HOST, port: 0 }, backend: { host: HOST, port: backend }, dump: undefined, idleTimeout: 0, gracePeriod: 1_000 }, io, stop.signal)
    stack.pushAsyncCallback(async () => {
      stop.abort()
      await running
    })
  })
  await listening

  // Warm-up: lazily created state (JIT code, pools) is counted in the baseline.
  let done = 0
  const run = async (count: number): Promise<void> => {
    const end = done + count
    const worker = async (): Promise<void> => {
      while (done < end) await cycle(port, done++)
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  }
  await run(200)
  const base = await measure()
  console.log(`${String(CYCLES)} connect/close cycles through the tcp-proxy example, ${String(CONCURRENCY)} at a time (MiB, after forced GC)`)
  console.log(`${'cycles'.padStart(8)}${'heap'.padStart(10)}${'Δ heap'.padStart(10)}${'external'.padStart(10)}${'rss'.padStart(10)}`)
  const row = (n: number, m: Sample): void => {
    const cells = [m.heap.toFixed(2), (m.heap - base.heap).toFixed(2), m.external.toFixed(2), m.rss.toFixed(1)]
    console.log(`${String(n).padStart(8)}${cells.map((c) => c.padStart(10)).join('')}`)
  }
  row(0, base)
  for (let n = STEP; n <= CYCLES; n += STEP) {
    await run(STEP)
    row(n, await measure())
  }
})
