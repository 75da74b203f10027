/** Starts real proxy processes and talks to them over 127.0.0.1 for the tcp-proxy tests. */
import type { ChildProcess } from 'node:child_process'
import * as net from 'node:net'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { AsyncExitStack } from '../../src/index.js'
import { listen, spawn } from '../../src/node/index.js'

export const ROOT: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const HOST = '127.0.0.1'

export interface Proc {
  child: ChildProcess
  /** stderr lines so far. */
  lines: string[]
  stdout: () => string
  /** Resolves with the first stderr line (past or future) matching `pattern`; rejects, with the log, after `ms`. */
  waitFor: (pattern: RegExp, ms?: number) => Promise<string>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** How long one step of a proxy test may take before it fails with the proxy's log: long, for a loaded machine. */
export const STEP = 20_000

/**
 * Settles as `promise` does, or rejects after `ms` with an error that names
 * `what` and quotes the log of `proc` so far: a stuck step fails with its
 * story instead of running into the test's timeout.
 */
export function within<T>(proc: { lines: readonly string[] } | undefined, what: string, promise: Promise<T>, ms = STEP): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const log = proc === undefined ? '' : `; the proxy logged:\n${proc.lines.join('\n')}`
      reject(new Error(`${what}: not within ${String(ms)} ms${log}`))
    }, ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passed on as it came
        reject(error)
      },
    )
  })
}

/** Runs `examples/<script>` with tsx in a child process, scoped to `stack`. */
export async function runExample(stack: AsyncExitStack, script: string, args: readonly string[]): Promise<Proc> {
  const child = await stack.enterAsyncContext(
    spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'examples', script), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      gracePeriod: 10_000,
    }),
  )
  const lines: string[] = []
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = []
  let partial = ''
  let out = ''
  child.stdout?.setEncoding('utf8')
  child.stdout?.on('data', (d: string) => (out += d))
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (d: string) => {
    partial += d
    const parts = partial.split('\n')
    partial = parts.pop() ?? ''
    for (const line of parts) {
      lines.push(line)
      for (const w of waiters.splice(0)) {
        if (w.pattern.test(line)) w.resolve(line)
        else waiters.push(w)
      }
    }
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve({ code, signal })
    })
  })
  return {
    child,
    lines,
    stdout: () => out,
    exited,
    waitFor: (pattern, ms = STEP) => {
      const seen = lines.find((line) => pattern.test(line))
      if (seen !== undefined) return Promise.resolve(seen)
      return within({ lines }, `a log line matching ${String(pattern)}`, new Promise((resolve) => waiters.push({ pattern, resolve })), ms)
    },
  }
}

/** Starts the proxy on 127.0.0.1:0 and resolves once it listens. */
export async function startProxy(stack: AsyncExitStack, args: readonly string[]): Promise<Proc & { port: number }> {
  const proc = await runExample(stack, 'tcp-proxy/main.ts', ['--listen', `${HOST}:0`, ...args])
  const line = await Promise.race([
    proc.waitFor(/listening on /),
    proc.exited.then(({ code }) => {
      throw new Error(`proxy exited with ${String(code)}: ${proc.lines.join('\n')}`)
    }),
  ])
  const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(line)?.[1])
  return { ...proc, port }
}

/** An in-process echo backend on 127.0.0.1:0 that forwards half-closes; every accepted socket is reported. */
export async function echoServer(stack: AsyncExitStack, onSocket: (socket: net.Socket) => void = () => undefined): Promise<number> {
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    socket.on('error', () => undefined)
    onSocket(socket)
    socket.pipe(socket)
  })
  await stack.enterAsyncContext(listen(server, { host: HOST, port: 0, gracePeriod: 1_000 }))
  return (server.address() as net.AddressInfo).port
}

/**
 * Sends `data` through a new connection, half-closes, and checks the echo
 * against `data` as it arrives (no copy kept). Resolves with the number of
 * bytes received once the peer closed; rejects on a mismatch or an error.
 */
export function echoRoundTrip(port: number, data: Uint8Array): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: HOST, port })
    let received = 0
    let mismatch = false
    socket.on('connect', () => {
      socket.end(data)
    })
    socket.on('data', (chunk: Buffer) => {
      if (!mismatch && Buffer.compare(chunk, data.subarray(received, received + chunk.length)) !== 0) mismatch = true
      received += chunk.length
    })
    socket.on('error', reject)
    socket.on('close', (hadError) => {
      if (hadError) return
      if (mismatch) reject(new Error('echo differs from what was sent'))
      else if (received !== data.length) reject(new Error(`echoed ${String(received)} of ${String(data.length)} bytes`))
      else resolve(received)
    })
  })
}

/** A connection opened and established, for tests that hold it open. */
export async function open(port: number): Promise<net.Socket> {
  const socket = net.connect({ host: HOST, port })
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('error', reject)
  })
  return socket
}

/** Writes `text` and resolves with the first `text.length` bytes that come back. */
export function ask(socket: net.Socket, text: string): Promise<string> {
  return new Promise((resolve) => {
    let got = ''
    const onData = (d: Buffer): void => {
      got += d.toString('utf8')
      if (got.length >= text.length) {
        socket.off('data', onData)
        resolve(got)
      }
    }
    socket.on('data', onData)
    socket.write(text)
  })
}

/** Resolves on the socket's 'close'; call before anything can close it. */
export function closed(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    socket.once('close', () => {
      resolve()
    })
  })
}
