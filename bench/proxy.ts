/**
 * bench:proxy — latency of 1,000 sequential small request/response round trips,
 * straight to an echo server and through the tcp-proxy example (run as its own
 * process), side by side. Target: the proxy's added latency stays under 2× the
 * direct round trip. Not a test: numbers depend on the machine.
 *
 *   npm run bench:proxy [-- --round-trips 1000 --size 64]
 */
import type { ChildProcess } from 'node:child_process'
import * as net from 'node:net'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { AsyncExitStack, withAsyncContext } from '../src/index.js'
import { connect, listen, spawn } from '../src/node/index.js'

const HOST = '127.0.0.1'
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

const { values } = parseArgs({
  options: { 'round-trips': { type: 'string', default: '1000' }, size: { type: 'string', default: '64' } },
})
const ROUND_TRIPS = Number(values['round-trips'])
const SIZE = Number(values.size)
const WARM_UP = 100

/** Resolves once `socket` has delivered `bytes` more bytes. */
function receive(socket: net.Socket, bytes: number): Promise<void> {
  return new Promise((resolve) => {
    let got = 0
    const onData = (chunk: Buffer): void => {
      got += chunk.length
      if (got >= bytes) {
        socket.off('data', onData)
        resolve()
      }
    }
    socket.on('data', onData)
  })
}

/** Round-trip times in microseconds over one connection to `port`. */
async function measure(port: number): Promise<number[]> {
  return withAsyncContext(connect({ host: HOST, port, noDelay: true }), async (socket) => {
    const request = Buffer.alloc(SIZE, 0x61)
    const times: number[] = []
    for (let i = 0; i < WARM_UP + ROUND_TRIPS; i++) {
      const start = process.hrtime.bigint()
      const answered = receive(socket, SIZE)
      socket.write(request)
      await answered
      if (i >= WARM_UP) times.push(Number(process.hrtime.bigint() - start) / 1_000)
    }
    return times
  })
}

function stats(times: number[]): { mean: number; p50: number; p99: number } {
  const sorted = [...times].sort((a, b) => a - b)
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
  return { mean: times.reduce((a, b) => a + b, 0) / times.length, p50: at(0.5), p99: at(0.99) }
}

async function proxyPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let text = ''
    child.stderr?.setEncoding('utf8')
    child.stderr?.on('data', (d: string) => {
      text += d
      const match = /listening on 127\.0\.0\.1:(\d+)/.exec(text)
      if (match) resolve(Number(match[1]))
    })
    child.once('exit', (code) => {
      reject(new Error(`proxy exited early (${String(code)}): ${text}`))
    })
  })
}

await withAsyncContext(new AsyncExitStack(), async (stack) => {
  const echo = net.createServer((socket) => {
    socket.setNoDelay(true)
    socket.on('error', () => undefined)
    socket.pipe(socket)
  })
  await stack.enterAsyncContext(listen(echo, { host: HOST, port: 0, gracePeriod: 1_000 }))
  const backend = (echo.address() as net.AddressInfo).port
  const child = await stack.enterAsyncContext(
    spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'examples/tcp-proxy/main.ts'), '--listen', `${HOST}:0`, '--backend', `${HOST}:${String(backend)}`], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    }),
  )
  const proxied = await proxyPort(child)

  const direct = stats(await measure(backend))
  const through = stats(await measure(proxied))
  const row = (name: string, s: { mean: number; p50: number; p99: number }): string =>
    `${name.padEnd(14)}${s.mean.toFixed(1).padStart(10)}${s.p50.toFixed(1).padStart(10)}${s.p99.toFixed(1).padStart(10)}`
  console.log(`${String(ROUND_TRIPS)} sequential round trips of ${String(SIZE)} bytes (µs)`)
  console.log(`${''.padEnd(14)}${'mean'.padStart(10)}${'p50'.padStart(10)}${'p99'.padStart(10)}`)
  console.log(row('direct', direct))
  console.log(row('through proxy', through))
  for (const key of ['p50', 'mean'] as const) {
    const added = through[key] - direct[key]
    console.log(
      `${key.padEnd(5)} ratio ${(through[key] / direct[key]).toFixed(2)}×, added ${added.toFixed(1)} µs = ${(added / direct[key]).toFixed(2)}× direct (target < 2×: ${added < 2 * direct[key] ? 'met' : 'NOT met'})`,
    )
  }
  console.log('(p50 is the robust figure on a busy machine; the mean and p99 carry scheduling noise)')
})
