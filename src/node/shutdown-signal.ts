import * as os from 'node:os'
import type { ContextManager } from '../protocols.js'
import { define, defineMethod } from '../internal/define.js'
import { checkDelay, LongTimer } from '../internal/delay.js'
import { badArgument } from '../internal/describe.js'
import { isObjectLike } from '../internal/guards.js'
import { disposeSymbol } from '../internal/symbols.js'

/** Options of {@link shutdownSignal}. */
export interface ShutdownSignalOptions {
  /** The signals that start a shutdown. Default `['SIGINT', 'SIGTERM']`. */
  readonly signals?: readonly NodeJS.Signals[] | undefined
  /** What a repeat signal does: `'exit'` (default) re-raises it; `'ignore'` does nothing more. */
  readonly onRepeat?: 'exit' | 'ignore' | undefined
  /** Milliseconds after the first signal at which to re-raise it, in both modes. Default: never. */
  readonly forceAfter?: number | undefined
}

/**
 * The reason a {@link shutdownSignal}'s signal aborts with. Its `name` is
 * `'AbortError'`, as for any abort, so code that treats aborts as
 * cancellations (a task group, `fetch`, streams) treats it as one.
 */
export class ShutdownSignalError extends Error {
  /** The name of the signal received, e.g. `'SIGTERM'`. */
  readonly signal: NodeJS.Signals

  /** Creates the error for `signal`. */
  constructor(signal: NodeJS.Signals, options?: ErrorOptions) {
    super(`shutdownSignal: received ${signal}`, options)
    this.signal = signal
  }
}
define(ShutdownSignalError.prototype, 'name', 'AbortError', true)

const UNCATCHABLE = new Set(['SIGKILL', 'SIGSTOP'])

function checkSignals(value: unknown): NodeJS.Signals[] {
  if (!Array.isArray(value)) throw badArgument('shutdownSignal', 'an array of signal names as options.signals', value)
  if (value.length === 0) throw new TypeError('shutdownSignal: expected at least one signal name in options.signals, got an empty array')
  const known = os.constants.signals as Record<string, number | undefined>
  for (const name of value as unknown[]) {
    if (typeof name !== 'string') throw badArgument('shutdownSignal', 'signal names in options.signals', name)
    if (UNCATCHABLE.has(name)) throw new TypeError('shutdownSignal: expected catchable signals in options.signals, got SIGKILL or SIGSTOP, which no process can handle')
    if (!Object.hasOwn(known, name)) throw new TypeError('shutdownSignal: expected signal names in options.signals, got a string that names no signal')
  }
  return [...new Set(value as NodeJS.Signals[])]
}

/**
 * A process's shutdown as an `AbortSignal`: made by {@link shutdownSignal}.
 * Live from construction; dispose removes its listeners and never aborts.
 */
export class ShutdownSignal implements ContextManager<AbortSignal>, Disposable {
  readonly #controller = new AbortController()
  readonly #signals: NodeJS.Signals[]
  readonly #exitOnRepeat: boolean
  readonly #forceAfter: number | undefined
  #received: NodeJS.Signals | undefined
  #force: LongTimer | undefined
  #listening = true

  readonly #onSignal = (signal: NodeJS.Signals): void => {
    if (this.#received === undefined) {
      this.#received = signal
      if (this.#forceAfter !== undefined) {
        // unref'd: a service that finished its shutdown in time exits on its own
        this.#force = new LongTimer(this.#forceAfter, () => {
          this.#reraise(signal)
        })
        this.#force.unref()
      }
      this.#controller.abort(new ShutdownSignalError(signal))
      return
    }
    if (this.#exitOnRepeat) this.#reraise(signal)
  }

  /** Prefer {@link shutdownSignal}; the constructor checks its options the same way. */
  constructor(options?: ShutdownSignalOptions) {
    if (options !== undefined && !isObjectLike(options)) throw badArgument('shutdownSignal', 'an options object', options)
    const { signals = ['SIGINT', 'SIGTERM'], onRepeat = 'exit', forceAfter } = options ?? {}
    this.#signals = checkSignals(signals)
    if (onRepeat !== 'exit' && (onRepeat as unknown) !== 'ignore') throw badArgument('shutdownSignal', "'exit' or 'ignore' as options.onRepeat", onRepeat)
    this.#exitOnRepeat = onRepeat === 'exit'
    this.#forceAfter = forceAfter === undefined ? undefined : checkDelay('shutdownSignal', forceAfter, 'options.forceAfter to be a finite number >= 0 or Infinity')
    for (const signal of this.#signals) process.on(signal, this.#onSignal)
  }

  /** Aborts on the first signal, with a {@link ShutdownSignalError}. */
  get signal(): AbortSignal {
    return this.#controller.signal
  }

  /** The first signal's name (`'SIGTERM'`), `undefined` before one arrived. */
  get received(): NodeJS.Signals | undefined {
    return this.#received
  }

  /** Enters as the signal. Throws a `TypeError` once disposed (its listeners are gone). */
  enter(): AbortSignal {
    if (!this.#listening) throw new TypeError('shutdownSignal: cannot enter after dispose; make a new one')
    return this.#controller.signal
  }

  /** Removes its listeners and the `forceAfter` timer (as dispose does); never aborts, never suppresses. */
  exit(): false {
    this.#stop()
    return false
  }

  /** Removes exactly its own listeners and clears the `forceAfter` timer; idempotent. */
  declare [Symbol.dispose]: () => void

  #stop(): void {
    if (!this.#listening) return
    this.#listening = false
    for (const signal of this.#signals) process.off(signal, this.#onSignal)
    this.#force?.clear()
    this.#force = undefined
  }

  /**
   * Gives the signal its default action back and raises it again, so the
   * process ends as that signal ends it; where another listener would keep
   * the process alive, exits with the shell's status for it, 128 + n.
   */
  #reraise(signal: NodeJS.Signals): void {
    this.#stop()
    if (process.listenerCount(signal) > 0) {
      process.exit(128 + os.constants.signals[signal])
    }
    process.kill(process.pid, signal)
  }
}

defineMethod(ShutdownSignal.prototype, disposeSymbol, function (this: ShutdownSignal): void {
  this.exit()
})

/**
 * Turns SIGINT/SIGTERM into an `AbortSignal` for a graceful shutdown, and a
 * repeated signal into an immediate exit, as a user pressing Ctrl-C twice
 * expects.
 *
 * The signal aborts on the first of `signals` with a
 * {@link ShutdownSignalError} (`name === 'AbortError'`, `.signal` the name);
 * `.received` is that name. With `onRepeat: 'exit'`, a repeat signal (or,
 * with `forceAfter`, that many ms after the first, in either mode) removes
 * the listeners and raises the signal again, so the process ends as the
 * signal ends it (status 130 for SIGINT, 143 for SIGTERM in a shell); where
 * another listener would keep the process alive, it calls
 * `process.exit(128 + n)`. `onRepeat: 'ignore'` keeps listening and does
 * nothing more. The `forceAfter` timer does not keep the process alive.
 * Dispose (and exit) removes exactly its own listeners and clears the timer;
 * it never aborts. Installing listeners replaces Node's default action for
 * these signals (ending the process) for as long as it is live.
 *
 * @remarks Python: `asyncio.Runner` turns the first Ctrl-C into a
 * cancellation of the main task and a second into `KeyboardInterrupt`;
 * close-with-grace in Node. Sync manager and `Disposable`.
 * @param options - `signals` (default `['SIGINT', 'SIGTERM']`), `onRepeat` (`'exit'`), `forceAfter` (ms)
 * @returns a live {@link ShutdownSignal}
 * @throws `TypeError` for an empty list, an unknown name, `SIGKILL`/`SIGSTOP`,
 * a bad `onRepeat` or `forceAfter`; nothing is installed then
 * @example
 * ```ts
 * using shutdown = shutdownSignal({ forceAfter: 10_000 })
 * await withAsyncContext(listen(server, { port: 8080 }), () => once(shutdown.signal, 'abort'))
 * ```
 */
export function shutdownSignal(options?: ShutdownSignalOptions): ShutdownSignal {
  return new ShutdownSignal(options)
}
