/**
 * The proxy service: accept, connect to the backend, copy bytes both ways.
 * Every connection's resources live in one AsyncExitStack, so whichever way
 * a connection ends (both sides finished, a reset, the backend unreachable,
 * an idle timeout, shutdown) everything it took is released.
 */
import * as net from 'node:net'
import { AsyncExitStack, withAsyncContext } from '../../src/index.js'
import { connect, listen } from '../../src/node/index.js'
import { formatChunk } from './dump.js'
import type { ProxyOptions } from './options.js'

export interface ProxyIo {
  /** A log line (stderr in the CLI). */
  log(line: string): void
  /** Dump output (stdout in the CLI). */
  dump(text: string): void
}

class IdleTimeoutError extends Error {
  override name = 'IdleTimeoutError'
}

/** Resolves on the socket's 'close', which Node emits once its descriptor is released. */
function closeEvent(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    socket.once('close', () => {
      resolve()
    })
  })
}

function reason(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    return typeof code === 'string' && !error.message.includes(code) ? `${code} ${error.message}` : error.message
  }
  return String(error)
}

/**
 * Copies `from` into `to` with backpressure; forwards the end (half-close).
 * Resolves when `from` has ended; errors are watched by the caller.
 */
function forward(from: net.Socket, to: net.Socket, onChunk: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve) => {
    from.on('data', (chunk: Buffer) => {
      onChunk(chunk)
      if (!to.write(chunk)) {
        from.pause()
        to.once('drain', () => from.resume())
      }
    })
    from.once('end', () => {
      to.end()
      resolve()
    })
  })
}

/** Runs until both directions have ended; rejects on an error, an early close or the idle timeout. */
async function relay(client: net.Socket, backend: net.Socket, id: number, options: ProxyOptions, io: ProxyIo, bytes: { up: number; down: number }): Promise<void> {
  // Shutdown may have destroyed the client while the backend was connecting.
  if (client.destroyed) throw new Error('client connection closed before the backend answered')
  const dump = options.dump
  const record = (direction: string) => (chunk: Buffer) => {
    if (direction === 'client->backend') bytes.up += chunk.length
    else bytes.down += chunk.length
    if (dump) io.dump(formatChunk(dump, new Date(), id, direction, chunk))
  }
  const failed = new Promise<never>((_resolve, reject) => {
    client.on('error', reject)
    backend.on('error', reject)
    client.once('close', () => {
      reject(new Error('client connection closed before the exchange finished'))
    })
    backend.once('close', () => {
      reject(new Error('backend connection closed before the exchange finished'))
    })
    if (options.idleTimeout > 0) {
      client.setTimeout(options.idleTimeout, () => {
        reject(new IdleTimeoutError(`no traffic for ${String(options.idleTimeout)} ms`))
      })
    }
  })
  await Promise.race([
    Promise.all([forward(client, backend, record('client->backend')), forward(backend, client, record('backend->client'))]),
    failed,
  ])
}

/** Serves one accepted connection, from connecting to the backend to closing both sockets. */
async function serveConnection(client: net.Socket, id: number, options: ProxyOptions, io: ProxyIo): Promise<void> {
  const from = `${String(client.remoteAddress)}:${String(client.remotePort)}`
  const bytes = { up: 0, down: 0 }
  const clientClosed = closeEvent(client)
  // From here on every error reaches the relay's handlers or is irrelevant (the socket is being destroyed).
  client.on('error', () => undefined)
  io.log(`#${String(id)} open from ${from}`)
  try {
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      let relaying = false
      // Pushed first, so released last: the client socket outlives the backend one.
      // A relay that failed resets the client, not ends it: a reply cut off by
      // the backend's reset (or by shutdown) must not look complete. `connect`
      // resets the backend the same way. (Unreachable backend: nothing was relayed, an end says so.)
      stack.pushAsyncExit(async (...thrown) => {
        if (thrown.length === 1 && relaying && !client.destroyed) client.resetAndDestroy()
        else client.destroy()
        await clientClosed
        return false
      })
      // Nagle's algorithm holds back small writes until earlier data is ACKed,
      // and the peer delays its ACKs: a relay that adds both hops to every
      // small request/response would add up to tens of milliseconds each way.
      client.setNoDelay(true)
      let backend: net.Socket
      try {
        backend = await stack.enterAsyncContext(
          connect({ host: options.backend.host, port: options.backend.port, allowHalfOpen: true, noDelay: true }),
        )
      } catch (e) {
        throw new Error(`backend ${options.backend.host}:${String(options.backend.port)} unreachable: ${reason(e)}`, { cause: e })
      }
      backend.setNoDelay(true)
      relaying = true
      await relay(client, backend, id, options, io, bytes)
    })
    io.log(`#${String(id)} closed (up ${String(bytes.up)} B, down ${String(bytes.down)} B)`)
  } catch (e) {
    io.log(`#${String(id)} error: ${reason(e)} (up ${String(bytes.up)} B, down ${String(bytes.down)} B)`)
  }
}

/**
 * Runs the proxy until `stop` resolves, then shuts down gracefully: stop
 * accepting, give live connections `options.gracePeriod` ms, destroy the rest.
 * Resolves once every connection is closed.
 */
export async function runProxy(options: ProxyOptions, io: ProxyIo, stop: Promise<unknown>): Promise<void> {
  const live = new Set<Promise<void>>()
  let next = 0
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    const done = serveConnection(client, ++next, options, io)
    live.add(done)
    void done.finally(() => live.delete(done))
  })
  await withAsyncContext(new AsyncExitStack(), async (stack) => {
    // Released after the listener: the connections' own stacks finish unwinding.
    stack.pushAsyncCallback(async () => {
      await Promise.allSettled(live)
    })
    await stack.enterAsyncContext(
      listen(server, { host: options.listen.host, port: options.listen.port, gracePeriod: options.gracePeriod }),
    )
    const address = server.address() as net.AddressInfo
    io.log(`listening on ${address.address}:${String(address.port)}, forwarding to ${options.backend.host}:${String(options.backend.port)}`)
    await stop
    io.log(`shutting down: ${String(live.size)} live connection(s), grace period ${String(options.gracePeriod)} ms`)
  })
  io.log('shutdown complete')
}
