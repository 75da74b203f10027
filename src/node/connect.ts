import * as net from 'node:net'
import type { AsyncContextManager } from '../protocols.js'
import { checkGracePeriod, checkOptions } from './internal/args.js'
import { SingleUse } from './internal/single-use.js'
import { eventOrError, nextEvent } from './internal/events.js'
import { withGracePeriod } from './internal/grace.js'
import { checkConnectOptions } from './internal/option-checks.js'
import { resetSocket } from './internal/reset-socket.js'

/** Options of {@link connect}: Node's `net.connect` options plus `gracePeriod`. */
export type ConnectOptions = net.NetConnectOpts & {
  /** How long (ms) a completed block's exit keeps reading until the peer closes, before destroying. Default 2,000. */
  gracePeriod?: number
}

/** The manager {@link connect} returns. Single-use. */
export class Connect implements AsyncContextManager<net.Socket> {
  readonly #options: net.NetConnectOpts
  readonly #gracePeriod: number
  readonly #life = new SingleUse('connect')
  #socket: net.Socket | undefined
  #closed: Promise<void> | undefined
  #error: { error: unknown } | undefined
  readonly #onError = (error: unknown): void => {
    this.#error ??= { error }
  }

  /** Prefer {@link connect}; the constructor checks its argument the same way. */
  constructor(options: ConnectOptions) {
    const { gracePeriod, ...rest } = checkOptions('connect', options, false)
    this.#gracePeriod = checkGracePeriod('connect', gracePeriod, 2_000)
    checkConnectOptions('connect', rest)
    this.#options = rest as unknown as net.NetConnectOpts
  }

  /** Connects; resolves to the connected socket, or rejects with the connection error after destroying it. */
  async enterAsync(): Promise<net.Socket> {
    let closed: Promise<void> | undefined
    const socket = await this.#life.enterWithAsync(async () => {
      // The socket first, then connect(): Node may refuse an option only while
      // connecting, synchronously, after it made the handle; the catch below
      // then still owns the socket and releases the handle.
      const s = new net.Socket(this.#options)
      // Armed before anything can close the socket: 'close' comes once the descriptor is released.
      closed = nextEvent(s, 'close')
      try {
        const connected = eventOrError(s, 'connect')
        s.connect(this.#options)
        await connected
      } catch (e) {
        s.destroy()
        await closed
        throw e
      }
      return s
    })
    // Record errors from now on, so that an 'error' event during the block
    // cannot crash the process; exit reports it.
    socket.on('error', this.#onError)
    this.#socket = socket
    this.#closed = closed
    return socket
  }

  /**
   * Completed block: `end()`, keep reading until the peer closes or the grace
   * period passes, then destroy. Failed block: reset (RST) at once, so that
   * the peer sees the exchange failed. Resolves once the socket is closed;
   * rejects with a socket error seen since entering.
   */
  async exitAsync(...thrown: [] | [error: unknown]): Promise<false> {
    this.#life.exit()
    const socket = this.#socket as net.Socket
    this.#socket = undefined
    const done = this.#closed as Promise<void>
    this.#closed = undefined
    if (thrown.length === 1) {
      // A FIN would tell the peer the exchange ended well; it did not.
      resetSocket(socket)
    } else if (!socket.destroyed) {
      socket.end()
      // Reading is what lets the peer's FIN arrive; data nobody listens to is dropped.
      socket.resume()
      await withGracePeriod(done, this.#gracePeriod, () => socket.destroy())
    }
    await done
    socket.off('error', this.#onError)
    const error = this.#error
    this.#error = undefined
    if (error !== undefined) throw error.error
    return false
  }
}

/**
 * Opens a TCP (or IPC) connection for the duration of a block and closes it gracefully afterwards.
 *
 * Enters as a connected `net.Socket`. When the block completes, the socket is
 * ended and read until the peer closes its side or `gracePeriod` passes, then
 * destroyed; when it throws, the socket is reset at once (a TCP RST, so the
 * peer gets `ECONNRESET` rather than an end it could take for success; IPC
 * sockets are destroyed). A connection
 * error while connecting rejects `enterAsync`, and nothing is left open.
 * While entered, the manager listens for `'error'` so that a failing socket
 * cannot crash the process; the first such error is thrown by the exit.
 *
 * @remarks Python: `socket.create_connection()` used in `with`, plus a
 * graceful shutdown. Single-use. Under `await using`, bridge through an
 * `AsyncExitStack` (it then always takes the graceful path).
 * @param options - `net.connect` options (`host`, `port`, `path`, …) plus `gracePeriod` (ms, default 2,000)
 * @returns a single-use async context manager entering as the connected socket
 * @throws `TypeError` at once when `options` is not an object, has neither `port` nor `path`, has
 * an option of the wrong type that Node would refuse (`port`, `host`, `family`, `localAddress`,
 * `timeout`, `lookup`, `signal`, …), or `gracePeriod` is not a number ≥ 0
 * @example
 * ```ts
 * await withAsyncContext(connect({ host: '127.0.0.1', port: 7 }), async (socket) => {
 *   socket.write('ping\n')
 * })
 * ```
 */
export function connect(options: ConnectOptions): Connect {
  return new Connect(options)
}
