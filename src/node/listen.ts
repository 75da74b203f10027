import * as net from 'node:net'
import type { AsyncContextManager } from '../protocols.js'
import { badArgument } from '../internal/describe.js'
import { checkGracePeriod, checkOptions } from './internal/args.js'
import { SingleUse } from './internal/single-use.js'
import { eventOrError, nextEvent } from './internal/events.js'
import { withGracePeriod } from './internal/grace.js'
import { checkListenOptions } from './internal/option-checks.js'
import { resetSocket } from './internal/reset-socket.js'

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
  #closing = false
  #forced = 0
  /** Removes the `'close'` listener that enter armed, when listening fails. */
  #stopWatchingClose: () => void = () => undefined
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
          if (isHttpLike(this.#server)) this.#server.closeIdleConnections()
        })
      }
    })
  }

  /** Prefer {@link listen}; the constructor checks its arguments the same way. */
  constructor(server: S, options: ListenOptions) {
    if (!(server instanceof net.Server)) throw badArgument('listen', 'a net.Server or http.Server', server)
    const { gracePeriod, ...rest } = checkOptions('listen', options, false)
    this.#gracePeriod = checkGracePeriod('listen', gracePeriod, 5_000)
    checkListenOptions('listen', rest)
    this.#server = server
    this.#options = rest
  }

  /**
   * How many connections exit destroyed, with a reset, because they were
   * still open when the grace period ended: `0` for a clean drain (and before exit).
   */
  get forced(): number {
    return this.#forced
  }

  /** Starts listening; resolves to the server once `'listening'` fired, or rejects with the listen error. */
  async enterAsync(): Promise<S> {
    const server = this.#server
    await this.#life.enterWithAsync(async () => {
      if (server.listening) {
        throw new TypeError('listen: expected a server that is not listening yet, got a listening server')
      }
      // Armed before listening so that a close the block makes itself is seen too.
      this.#closed = new Promise<void>((resolve) => {
        server.once('close', resolve)
        this.#stopWatchingClose = () => server.off('close', resolve)
      })
      server.on('connection', this.#track)
      if (isHttpLike(server)) server.on('request', this.#onRequest)
      try {
        await eventOrError(server, 'listening', () => {
          server.listen(this.#options)
        })
      } catch (e) {
        server.off('connection', this.#track)
        server.off('request', this.#onRequest)
        this.#stopWatchingClose()
        throw e
      }
    })
    return server
  }

  /**
   * Stops accepting, closes idle connections (HTTP keep-alive), lets the
   * others finish for up to the grace period, then resets them (see
   * {@link forced}). Resolves once the server and every connection have
   * closed. Same on both paths; never suppresses.
   */
  async exitAsync(): Promise<false> {
    this.#life.exit()
    const server = this.#server
    const closed = this.#closed as Promise<void>
    this.#closing = true
    if (server.listening) server.close(() => undefined)
    if (isHttpLike(server)) server.closeIdleConnections()
    await withGracePeriod(closed, this.#gracePeriod, () => {
      // A reset, not a FIN: a client cut off mid-exchange must not take what it got for the whole.
      for (const socket of this.#sockets) {
        if (socket.destroyed) continue
        this.#forced++
        resetSocket(socket)
      }
      // Lets an http.Server drop its own records of the connections.
      if (isHttpLike(server)) server.closeAllConnections()
    })
    // The server's 'close' can come before its sockets' own: wait for those too.
    // In the set means no 'close' yet (`socket.closed` turns true before the descriptor is released).
    await Promise.all([...this.#sockets].map((socket) => nextEvent(socket, 'close')))
    server.off('connection', this.#track)
    server.off('request', this.#onRequest)
    return false
  }
}

function isHttpLike(server: net.Server): server is net.Server & HttpLike {
  return typeof (server as Partial<HttpLike>).closeIdleConnections === 'function'
}

/**
 * Runs a server for the duration of a block: listens on enter, shuts down gracefully on exit.
 *
 * Enters as the listening server. At exit it stops accepting, closes idle
 * connections (`closeIdleConnections` for an `http.Server`), waits up to
 * `gracePeriod` for the remaining connections to end, resets those still
 * open (a TCP RST, so their clients get `ECONNRESET` rather than an end they
 * could take for a complete answer; the manager's `forced` counts them), and
 * resolves once the server has emitted `'close'`. Node's own dispose would
 * wait forever while one client stays connected.
 *
 * @remarks Python: `socketserver.TCPServer` used in `with` (whose exit only
 * closes the listening socket). Single-use; the same server may be given to
 * a new `listen` after exit. Under `await using`, bridge through an `AsyncExitStack`.
 * @param server - a `net.Server`, `http.Server`, `https.Server` or `tls.Server` that is not listening
 * @param options - `server.listen` options (`port`, `host`, `path`, …) plus `gracePeriod` (ms, default 5,000)
 * @returns a single-use async context manager entering as the listening server
 * @throws `TypeError` at once when `server` is not a `net.Server`, `options` is not an object, has
 * neither `port` nor `path` (nor `fd`, `handle`), has a `port`, `host`, `path`, `backlog` or `signal`
 * Node would refuse, or `gracePeriod` is not a number ≥ 0; `enterAsync` rejects with `EADDRINUSE` and the like
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
