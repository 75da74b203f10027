/**
 * The proxy service: accept, connect to the backend, copy bytes both ways.
 *
 * Three scopes, each released on every path: the service's task group owns
 * every connection (none outlives `runProxy`); each connection's
 * AsyncExitStack owns its two sockets; each connection's task group owns its
 * two pipes, so that a reset, an error or an early close on either side
 * cancels the other direction at once, and the stack then resets both peers.
 */
import * as net from 'node:net'
import { AsyncExitStack, taskGroup, withAsyncContext } from '../../src/index.js'
import { connect, listen } from '../../src/node/index.js'
import { formatChunk } from './dump.js'
import type { ProxyOptions } from './options.js'
import { pipe } from './pipe.js'

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

/** Resolves once `signal` has aborted (at once if it already has). */
function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve()
  return new Promise((resolve) => {
    signal.addEventListener(
      'abort',
      () => {
        resolve()
      },
      { once: true },
    )
  })
}

function ignore(): void {
  // after its pipes, a socket's late errors only confirm that it is gone
}

/** A log line's account of an error: the code when the message lacks it, a task group's errors one by one. */
function reason(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(reason).join('; ')
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    return typeof code === 'string' && !error.message.includes(code) ? `${code} ${error.message}` : error.message
  }
  return String(error)
}

/** Rejects after `ms` without traffic on `socket`; resolves (and stops the timer) when `signal` aborts. */
function idleWatch(socket: net.Socket, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = (): void => {
      socket.setTimeout(0)
      socket.off('timeout', onTimeout)
      signal.removeEventListener('abort', onAbort)
    }
    const onTimeout = (): void => {
      stop()
      reject(new IdleTimeoutError(`no traffic for ${String(ms)} ms`))
    }
    const onAbort = (): void => {
      stop()
      resolve()
    }
    socket.setTimeout(ms, onTimeout)
    signal.addEventListener('abort', onAbort)
  })
}

/**
 * Runs both directions in one task group until both have ended. The first
 * failure (a reset, an error, an early close, the idle timeout) aborts the
 * group, which stops the other direction at once; the group then rejects
 * with an `AggregateError` of the failures.
 */
async function relay(client: net.Socket, backend: net.Socket, id: number, options: ProxyOptions, io: ProxyIo): Promise<void> {
  // Shutdown may have reset the client while the backend was connecting.
  if (client.destroyed) throw new Error('client connection closed before the backend answered')
  const dump = options.dump
  // No dump, no per-chunk callback: a chunk then costs one write.
  const dumper = (direction: string): ((chunk: Buffer) => void) | undefined =>
    dump === undefined
      ? undefined
      : (chunk) => {
          io.dump(formatChunk(dump, new Date(), id, direction, chunk))
        }
  const clientEnd = { socket: client, name: 'client' }
  const backendEnd = { socket: backend, name: 'backend' }
  await withAsyncContext(taskGroup(), async (tg) => {
    const up = tg.spawn((signal) => pipe(clientEnd, backendEnd, signal, dumper('client->backend')))
    const down = tg.spawn((signal) => pipe(backendEnd, clientEnd, signal, dumper('backend->client')))
    if (options.idleTimeout > 0) {
      void tg.spawn((signal) => idleWatch(client, options.idleTimeout, signal))
      // A pipe's failure rejects here too; the group reports it once.
      await Promise.all([up, down])
      // Both directions finished: stop the watch (an abort of our own is no failure).
      tg.abort()
    }
  })
}

/** Serves one accepted connection, from connecting to the backend to closing both sockets. Never rejects. */
async function serveConnection(client: net.Socket, id: number, options: ProxyOptions, io: ProxyIo): Promise<void> {
  const from = `${String(client.remoteAddress)}:${String(client.remotePort)}`
  let backend: net.Socket | undefined
  const clientClosed = closeEvent(client)
  // From here on every error reaches a pipe, or comes after the pipes when the socket is going anyway.
  client.on('error', ignore)
  io.log(`#${String(id)} open from ${from}`)
  const bytes = (): string => `up ${String(client.bytesRead)} B, down ${String(backend?.bytesRead ?? 0)} B`
  try {
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      let relaying = false
      // Pushed first, so released last: the client socket outlives the backend one.
      // - A finished exchange is ended, never destroyed: the tail of the answer
      //   may still be queued for a slow reader, and destroy() would drop it
      //   and send a FIN, a short answer that looks complete. Both directions
      //   have ended, so the socket closes by itself once the tail is written.
      // - A relay that failed resets the client: a reply cut off by the
      //   backend's reset (or by shutdown) must not look complete either.
      //   `connect` resets the backend the same way.
      // - An unreachable backend: nothing was relayed, and an end says so.
      stack.pushAsyncExit(async (...thrown) => {
        if (thrown.length === 0) client.end()
        else if (relaying && !client.destroyed) client.resetAndDestroy()
        else client.destroy()
        await clientClosed
        return false
      })
      try {
        // noDelay: Nagle's algorithm would hold each small write until the
        // previous one is ACKed, and the peer delays its ACKs; a relay that
        // adds that to both hops adds tens of milliseconds to a small exchange.
        backend = await stack.enterAsyncContext(
          connect({ host: options.backend.host, port: options.backend.port, allowHalfOpen: true, noDelay: true }),
        )
      } catch (e) {
        throw new Error(`backend ${options.backend.host}:${String(options.backend.port)} unreachable: ${reason(e)}`, { cause: e })
      }
      relaying = true
      await relay(client, backend, id, options, io)
    })
    io.log(`#${String(id)} closed (${bytes()})`)
  } catch (e) {
    io.log(`#${String(id)} error: ${reason(e)} (${bytes()})`)
  }
}

/**
 * Runs the proxy until `signal` aborts, then shuts down gracefully: stop
 * accepting, give live connections `options.gracePeriod` ms, reset the rest
 * (and their backends). Resolves once every connection is closed, after
 * logging how many were reset.
 */
export async function runProxy(options: ProxyOptions, io: ProxyIo, signal: AbortSignal): Promise<void> {
  const listener = listen(
    net.createServer({ allowHalfOpen: true, noDelay: true }),
    { host: options.listen.host, port: options.listen.port, gracePeriod: options.gracePeriod },
  )
  let live = 0
  let next = 0
  await withAsyncContext(new AsyncExitStack(), async (stack) => {
    // Entered before the listener, so released after it: once the listener
    // has drained (or reset) the connections, the group waits for their
    // handlers to finish unwinding.
    const connections = await stack.enterAsyncContext(taskGroup())
    const server = await stack.enterAsyncContext(listener)
    server.on('connection', (client: net.Socket) => {
      const id = ++next
      live++
      void connections.spawn(() => serveConnection(client, id, options, io).finally(() => live--))
    })
    const address = server.address() as net.AddressInfo
    io.log(`listening on ${address.address}:${String(address.port)}, forwarding to ${options.backend.host}:${String(options.backend.port)}`)
    await aborted(signal)
    const why = (signal.reason as { signal?: unknown } | undefined)?.signal
    io.log(`shutting down${typeof why === 'string' ? ` on ${why}` : ''}: ${String(live)} live connection(s), grace period ${String(options.gracePeriod)} ms`)
  })
  io.log(`shutdown complete: ${String(listener.forced)} connection(s) reset at the end of the grace period`)
}
