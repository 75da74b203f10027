import * as net from 'node:net'
import type { AsyncContextManager } from '../protocols.js'
import { badArgument } from '../internal/describe.js'
import { SingleUse, checkGracePeriod, checkOptions } from './internal/args.js'
import { eventOrError } from './internal/events.js'
import { withGracePeriod } from './internal/grace.js'

/** Options of {@link listen}: Node's `server.listen` options plus `gracePeriod`. */
export type ListenOptions = net.ListenOptions & {
  /** How long (ms) exit lets open connections finish before destroying them. Default 5,000. */
  gracePeriod?: number
}

/** What `http.Server` and `https.Server` add for shutting down keep-alive connections. */
interface HttpLike {
  closeIdleConnections(): void
  closeAllConnections(): void
}

/** The manager {@link listen} returns. Single-use. */
export class Listen<S extends net.Server> implements AsyncContextManager<S> {
  readonly #server: S
  readonly #options: net.ListenOptions
  readonly #gracePeriod: number
  readonly #life = new SingleUse('listen')
  readonly #sockets = new Set<net.Socket>()
  #closed: Promise<void> | undefined
  #onClose: (() => void) | undefined
  #closing = false
  readonly #track = (socket: net.Socket): void => {
    this.#sockets.add(socket)
    socket.once('close', () => this.#sockets.delete(socket))
  }
  /**
   * HTTP: a keep-alive connection whose response finishes while shutting
   * down would otherwise idle until its keep-alive timeout.
   */
  readonly #onRequest = (_request: unknown, response: NodeJS.EventEmitter): void => {
    response.once('finish', () => {
      if (this.#closing) {
        setImmediate(() => {
          ;(this.#server as Partial<HttpLike>).closeIdleConnections?.()
        })
      }
    })
  }

  /** Prefer {@link listen}; the constructor checks its arguments the same way. */
  constructor(server: S, options: ListenOptions) {
    if (!(server instanceof net.Server)) throw badArgument('listen', 'a net.Server or http.Server', server)
    const { gracePeriod, ...rest } = checkOptions('listen', options, false)
    this.#gracePeriod = checkGracePeriod('listen', gracePeriod, 5_000)
    this.#server = server
    this.#options = rest
  }

  /** Starts listening; resolves to the server once `'listening'` fired, or rejects with the listen error. */
  async enterAsync(): Promise<S> {
    this.#life.enter()
    const server = this.#server
    if (server.listening) {
      this.#life.fail()
      throw new TypeError('listen: expected a server that is not listening yet, got a listening server')
    }
    server.on('connection', this.#track)
    if (typeof (server as Partial<HttpLike>).closeIdleConnections === 'function') server.on('request', this.#onRequest)
    // Armed before listening so that a close the block makes itself is seen too.
    this.#closed = new Promise((resolve) => {
      this.#onClose = resolve
      server.once('close', resolve)
    })
    try {
      await eventOrError(server, 'listening', () => {
        server.listen(this.#options)
      })
    } catch (e) {
      this.#life.fail()
      server.off('connection', this.#track)
      server.off('request', this.#onRequest)
      server.off('close', this.#onClose as () => void)
      throw e
    }
    return server
  }

  /**
   * Stops accepting, closes idle connections (HTTP keep-alive), lets the
   * others finish for up to the grace period, then destroys them. Resolves
   * once the server has closed. Same on both paths; never suppresses.
   */
  async exitAsync(): Promise<false> {
    this.#life.exit()
    const server = this.#server
    const closed = this.#closed as Promise<void>
    this.#closing = true
    if (server.listening) server.close(() => undefined)
    const web = server as Partial<HttpLike>
    if (typeof web.closeIdleConnections === 'function') web.closeIdleConnections()
    await withGracePeriod(closed, this.#gracePeriod, () => {
      if (typeof web.closeAllConnections === 'function') web.closeAllConnections()
      for (const socket of this.#sockets) socket.destroy()
    })
    // The server's 'close' can come before its sockets' own: wait for those too.
    await Promise.all(
      [...this.#sockets].map(
        (socket) =>
          // In the set means no 'close' yet (`socket.closed` turns true before the descriptor is released).
          new Promise((resolve) => socket.once('close', resolve)),
      ),
    )
    server.off('connection', this.#track)
    server.off('request', this.#onRequest)
    return false
  }
}

/**
 * Runs a server for the duration of a block: listens on enter, shuts down gracefully on exit.
 *
 * Enters as the listening server. At exit it stops accepting, closes idle
 * connections (`closeIdleConnections` for an `http.Server`), waits up to
 * `gracePeriod` for the remaining connections to end, destroys those still
 * open, and resolves once the server has emitted `'close'`. Node's own
 * dispose would wait forever while one client stays connected.
 *
 * @remarks Python: `socketserver.TCPServer` used in `with` (whose exit only
 * closes the listening socket). Single-use; the same server may be given to
 * a new `listen` after exit. Under `await using`, bridge through an `AsyncExitStack`.
 * @param server - a `net.Server`, `http.Server`, `https.Server` or `tls.Server` that is not listening
 * @param options - `server.listen` options (`port`, `host`, `path`, …) plus `gracePeriod` (ms, default 5,000)
 * @returns a single-use async context manager entering as the listening server
 * @throws `TypeError` at once when `server` is not a `net.Server`, `options` is not an object or `gracePeriod` is not a number ≥ 0; `enterAsync` rejects with `EADDRINUSE` and the like
 * @example
 * ```ts
 * await withAsyncContext(listen(http.createServer(handler), { host: '127.0.0.1', port: 0 }), async (server) => {
 *   console.log('listening on', server.address())
 *   await once(process, 'SIGINT')
 * })
 * ```
 */
export function listen<S extends net.Server>(server: S, options: ListenOptions): Listen<S> {
  return new Listen(server, options)
}
