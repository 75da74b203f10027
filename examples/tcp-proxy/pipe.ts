/**
 * One direction of a proxied connection, written to be a task of a task
 * group: it settles exactly once, and cancelling the group stops it at once.
 */
import type * as net from 'node:net'

/** What `socket.on` takes for any event name (Node's own type). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- EventEmitter's listener type, which every handler here is
type Listener = (...args: any[]) => void

/** A socket and the name a log line gives it ('client', 'backend'). */
export interface End {
  socket: net.Socket
  name: string
}

/**
 * Copies `from` into `to` with backpressure until `from` ends, then ends `to`
 * (a half-close is forwarded) and resolves.
 *
 * Rejects with `from`'s error; when `from` closes before its end, or `to`
 * closes first (then nothing could be delivered), with that socket's own
 * error or else one naming it; and with `signal.reason` when `signal`
 * aborts. Nothing here resets a socket: the scope that owns the sockets does
 * that when the group fails. `onChunk`, when given, sees every chunk before
 * it is written (for dumps); without it a chunk costs one `write` and
 * nothing else.
 */
export function pipe(from: End, to: End, signal: AbortSignal, onChunk?: (chunk: Buffer) => void): Promise<void> {
  const source = from.socket
  const sink = to.socket
  return new Promise((resolve, reject) => {
    let settled = false
    const onData =
      onChunk === undefined
        ? (chunk: Buffer): void => {
            if (!sink.write(chunk)) source.pause()
          }
        : (chunk: Buffer): void => {
            onChunk(chunk)
            if (!sink.write(chunk)) source.pause()
          }
    const onDrain = (): void => {
      source.resume()
    }
    const detach = (): boolean => {
      if (settled) return false
      settled = true
      for (const [socket, event, listener] of hooks) socket.off(event, listener)
      signal.removeEventListener('abort', onAbort)
      return true
    }
    const fail = (error: unknown): void => {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the abort reason as it is: the group knows its own cancellation by identity
      if (detach()) reject(error)
    }
    const onEnd = (): void => {
      detach()
      sink.end()
      resolve()
    }
    const closedEarly = (end: End): unknown =>
      end.socket.errored ?? new Error(`${end.name} connection closed before the exchange finished`)
    const onSourceClose = (): void => {
      fail(closedEarly(from))
    }
    // A sink's error is reported by the pipe reading from it, and the group's
    // abort reaches this one first. But that pipe may have finished already:
    // a peer's reset that arrives with its last bytes reaches Node as a clean
    // end, and only the next write here meets it (EPIPE, ECONNRESET). So a
    // sink that closes is this pipe's failure, reported with its own error.
    const onSinkClose = (): void => {
      setImmediate(() => {
        fail(closedEarly(to))
      })
    }
    const onAbort = (): void => {
      fail(signal.reason)
    }
    // Every one but 'data' and 'drain' settles the pipe, and settling removes them all.
    const hooks: readonly (readonly [net.Socket, string, Listener])[] = [
      [source, 'data', onData],
      [source, 'end', onEnd],
      [source, 'error', fail],
      [source, 'close', onSourceClose],
      [sink, 'drain', onDrain],
      [sink, 'close', onSinkClose],
    ]
    if (signal.aborted) {
      onAbort()
      return
    }
    for (const [socket, event, listener] of hooks) socket.on(event, listener)
    signal.addEventListener('abort', onAbort)
    // Node reads a FIN and emits 'end' even with no one consuming the socket:
    // a client that half-closed at once, while the backend was connecting,
    // has ended before this pipe began.
    if (source.readableEnded) onEnd()
  })
}
