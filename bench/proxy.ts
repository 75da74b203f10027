/**
 * bench:proxy — the tcp-proxy example (run as its own process) beside a
 * direct connection to the same echo server (also its own process), in one
 * run, in interleaved rounds:
 *
 * - throughput: one connection streams `--mib` MiB through the echo and reads
 *   it all back (target: proxied ≥ 0.95× direct);
 * - latency: sequential `--size`-byte request/response round trips (target:
 *   proxied p50 ≤ 2.2× direct; a proxy adds a second loopback hop each way,
 *   so 2× is the floor).
 *
 * Not a test: numbers depend on the machine and on what else runs on it.
 * 127.0.0.1 only; every loop is bounded in count, the whole run in time.
 *
 * A third path, "bare", is a Node proxy with nothing but `pipe` both ways (no
 * logging, no scopes, no reset forwarding), measured in the same rounds: the
 * floor a Node proxy can reach on this machine at this moment. A miss that
 * the bare proxy misses too is the machine's, not the example's.
 *
 * The echo server runs in its own process by default (`--echo process`), as a
 * real backend does: a direct round trip then crosses one loopback hop each
 * way and a proxied one two, hence the 2× latency floor. The proxy handles
 * every byte twice (in and out) where each endpoint handles it once: it is
 * the busiest of the three processes, and one connection's throughput stays
 * below direct, most of all when the processes share two cores. `--echo inline` runs the echo in the client's process: the direct
 * path is then one process doing all the copying and the proxy runs beside
 * it, but a direct round trip crosses no process boundary, so the latency
 * ratio says little.
 *
 *   npm run bench:proxy [-- --rounds 7 --round-trips 400 --size 64 --mib 64 --echo inline|process --json]
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
const TIME_LIMIT_MS = 300_000
export const THROUGHPUT_TARGET = 0.95
export const LATENCY_TARGET = 2.2

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    'round-trips': { type: 'string', default: '400' },
    size: { type: 'string', default: '64' },
    mib: { type: 'string', default: '64' },
    echo: { type: 'string', default: 'process' },
    json: { type: 'boolean', default: false },
  },
})
const ROUNDS = Number(values.rounds)
const ROUND_TRIPS = Number(values['round-trips'])
const SIZE = Number(values.size)
const MIB = Number(values.mib)
const WARM_UP = 100
const CHUNK = 64 * 1024
if (values.echo !== 'inline' && values.echo !== 'process') throw new Error(`bench:proxy: --echo: expected inline or process, got ${JSON.stringify(values.echo)}`)

// The same echo for both paths, in its own process (as a real backend is):
// noDelay, so that Nagle's algorithm cannot hold back a small answer.
const ECHO = [
  "const net = require('node:net')",
  "const s = net.createServer({ allowHalfOpen: true, noDelay: true }, (c) => { c.on('error', () => {}); c.pipe(c) })",
  "s.listen(0, '127.0.0.1', () => console.log(s.address().port))",
].join(';')

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

/** An echo server in this process, on 127.0.0.1:0, scoped to `stack`; resolves to its port. */
async function inlineEcho(stack: AsyncExitStack): Promise<number> {
  const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    socket.on('error', () => undefined)
    socket.pipe(socket)
  })
  await stack.enterAsyncContext(listen(server, { host: HOST, port: 0, gracePeriod: 1_000 }))
  return (server.address() as net.AddressInfo).port
}

/** Round-trip times in microseconds over one new connection to `port`. */
async function latency(port: number, count: number): Promise<number[]> {
  return withAsyncContext(connect({ host: HOST, port, noDelay: true }), async (socket) => {
    const request = Buffer.alloc(SIZE, 0x61)
    const times: number[] = []
    for (let i = 0; i < WARM_UP + count; i++) {
      const start = process.hrtime.bigint()
      const answered = receive(socket, SIZE)
      socket.write(request)
      await answered
      if (i >= WARM_UP) times.push(Number(process.hrtime.bigint() - start) / 1_000)
    }
    return times
  })
}

/** MiB/s of one connection to `port` writing `MIB` MiB (with backpressure) while reading the echo back. */
async function throughput(port: number): Promise<number> {
  return withAsyncContext(connect({ host: HOST, port, noDelay: true }), async (socket) => {
    const chunk = Buffer.alloc(CHUNK, 0x62)
    const total = MIB * 1024 * 1024
    const start = process.hrtime.bigint()
    const received = receive(socket, total)
    for (let sent = 0; sent < total; sent += CHUNK) {
      if (!socket.write(chunk)) await new Promise((resolve) => socket.once('drain', resolve))
    }
    await received
    return MIB / (Number(process.hrtime.bigint() - start) / 1e9)
  })
}

const quantile = (xs: number[], q: number): number => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
}
const median = (xs: number[]): number => quantile(xs, 0.5)

/** Resolves with the first line of `stream` that matches `pattern`'s first group, as a port. */
function portFrom(child: ChildProcess, stream: 'stdout' | 'stderr', pattern: RegExp): Promise<number> {
  return new Promise((resolve, reject) => {
    let text = ''
    child[stream]?.setEncoding('utf8')
    child[stream]?.on('data', (d: string) => {
      text += d
      const match = pattern.exec(text)
      if (match) resolve(Number(match[1]))
    })
    child.once('exit', (code) => {
      reject(new Error(`child exited early (${String(code)}): ${text}`))
    })
  })
}

type Path = 'direct' | 'bare' | 'proxy'
const PATHS: readonly Path[] = ['direct', 'bare', 'proxy']

export interface ProxyBenchResult {
  /** MiB/s per path (median of the rounds); ratios to direct (median of the per-round ratios). */
  throughput: Record<Path, number> & { ratio: number; bareRatio: number }
  /** µs per path; ratios of the p50s to direct's. */
  latency: Record<Path, { p50: number; p99: number }> & { ratio: number; bareRatio: number }
}

// The floor a Node proxy can reach: the same forwarding with nothing but
// `pipe` both ways, no logging, no scopes, no reset forwarding.
const BARE = [
  "const net = require('node:net')",
  `const s = net.createServer({ allowHalfOpen: true, noDelay: true }, (c) => { const b = net.connect({ host: '127.0.0.1', port: Number(process.argv[1]), allowHalfOpen: true, noDelay: true }); c.on('error', () => b.destroy()); b.on('error', () => c.destroy()); c.pipe(b); b.pipe(c) })`,
  "s.listen(0, '127.0.0.1', () => console.log(s.address().port))",
].join(';')

// The run's bound: the children first (an exit skips the stack's unwinding), then this process.
const children: ChildProcess[] = []
const limit = setTimeout(() => {
  process.stderr.write(`bench:proxy: gave up after ${String(TIME_LIMIT_MS / 1000)} s\n`)
  for (const child of children) child.kill('SIGKILL')
  process.exit(1)
}, TIME_LIMIT_MS)
limit.unref()

let result: ProxyBenchResult | undefined
await withAsyncContext(new AsyncExitStack(), async (stack) => {
  const start = async (args: string[], stream: 'stdout' | 'stderr', pattern: RegExp): Promise<number> => {
    const child = await stack.enterAsyncContext(
      spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', stream === 'stdout' ? 'pipe' : 'ignore', stream === 'stderr' ? 'pipe' : 'inherit'] }),
    )
    children.push(child)
    return portFrom(child, stream, pattern)
  }
  const direct = values.echo === 'inline' ? await inlineEcho(stack) : await start(['-e', ECHO], 'stdout', /^(\d+)\n/)
  const ports: Record<Path, number> = {
    direct,
    bare: await start(['-e', BARE, String(direct)], 'stdout', /^(\d+)\n/),
    proxy: await start(
      ['--import', 'tsx', path.join(ROOT, 'examples/tcp-proxy/main.ts'), '--listen', `${HOST}:0`, '--backend', `${HOST}:${String(direct)}`],
      'stderr',
      /listening on 127\.0\.0\.1:(\d+)/,
    ),
  }
  // Warm every path (JIT, socket buffers) before any round counts.
  for (const which of PATHS) await throughput(ports[which])
  const rates: Record<Path, number[]> = { direct: [], bare: [], proxy: [] }
  const times: Record<Path, number[]> = { direct: [], bare: [], proxy: [] }
  const ratios = { proxy: [] as number[], bare: [] as number[] }
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate which path goes first, so that a drift in the machine's load favours none.
    const order = PATHS.map((_, i) => PATHS[(i + round) % PATHS.length] as Path)
    const rate: Record<Path, number> = { direct: 0, bare: 0, proxy: 0 }
    for (const which of order) {
      rate[which] = await throughput(ports[which])
      rates[which].push(rate[which])
      times[which].push(...(await latency(ports[which], ROUND_TRIPS)))
    }
    ratios.proxy.push(rate.proxy / rate.direct)
    ratios.bare.push(rate.bare / rate.direct)
  }
  const p = (xs: number[]): { p50: number; p99: number } => ({ p50: quantile(xs, 0.5), p99: quantile(xs, 0.99) })
  const lat = { direct: p(times.direct), bare: p(times.bare), proxy: p(times.proxy) }
  result = {
    throughput: { direct: median(rates.direct), bare: median(rates.bare), proxy: median(rates.proxy), ratio: median(ratios.proxy), bareRatio: median(ratios.bare) },
    latency: { ...lat, ratio: lat.proxy.p50 / lat.direct.p50, bareRatio: lat.bare.p50 / lat.direct.p50 },
  }
})
clearTimeout(limit)
if (result === undefined) throw new Error('bench:proxy: no result')

const { throughput: rate, latency: lat } = result
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL')
const lines = [
  `proxy: ${String(ROUNDS)} interleaved rounds on 127.0.0.1; the proxy in its own process, the echo server ${values.echo === 'inline' ? "in the client's process" : 'in its own process'}; "bare": a pipe-only Node proxy, the floor for Node`,
  `  throughput, one connection, ${String(MIB)} MiB echoed (MiB/s): direct ${rate.direct.toFixed(0)}, bare ${rate.bare.toFixed(0)} (${rate.bareRatio.toFixed(2)}×), tcp-proxy ${rate.proxy.toFixed(0)}`,
  `  ${String(SIZE)}-byte round trips, ${String(ROUNDS * ROUND_TRIPS)} a path (µs, p50/p99): direct ${lat.direct.p50.toFixed(1)}/${lat.direct.p99.toFixed(1)}, bare ${lat.bare.p50.toFixed(1)}/${lat.bare.p99.toFixed(1)} (${lat.bareRatio.toFixed(2)}×), tcp-proxy ${lat.proxy.p50.toFixed(1)}/${lat.proxy.p99.toFixed(1)}`,
  `  ${verdict(rate.ratio >= THROUGHPUT_TARGET)}  proxy throughput ≥ ${String(THROUGHPUT_TARGET)}× direct: ${rate.ratio.toFixed(2)}× (floor: the bare pipe proxy, ${rate.bareRatio.toFixed(2)}×)`,
  `  ${verdict(lat.ratio <= LATENCY_TARGET)}  proxy ${String(SIZE)}-byte round-trip p50 ≤ ${String(LATENCY_TARGET)}× direct: ${lat.ratio.toFixed(2)}× (floor: the bare pipe proxy, ${lat.bareRatio.toFixed(2)}×; at best 2×, one more loopback hop each way)`,
]
process.stdout.write(`${lines.join('\n')}\n`)
if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`)
