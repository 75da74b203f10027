import { define, defineMethod } from './internal/define.js'
import { checkDelay, LongTimer } from './internal/delay.js'
import { badArgument } from './internal/describe.js'
import { reachesByCause } from './internal/guards.js'
import { asyncDisposeSymbol, disposerOf } from './internal/symbols.js'
import { markHandled } from './internal/thenables.js'
import type { AsyncContextManager } from './protocols.js'
import { TimeoutError } from './timeout.js'

/** A disposal bounded in time: made by {@link deadline}. */
export class Deadline implements AsyncContextManager<void>, AsyncDisposable {
  readonly #ms: number
  #run: ((signal: AbortSignal) => unknown) | undefined

  /** Prefer {@link deadline}; the constructor checks its arguments the same way. */
  constructor(ms: number, disposableOrFn: Disposable | AsyncDisposable | ((signal: AbortSignal) => unknown)) {
    this.#ms = checkDelay('deadline', ms)
    if (typeof disposableOrFn === 'function') {
      this.#run = disposableOrFn
      return
    }
    const method = disposerOf(disposableOrFn)
    if (typeof method !== 'function') throw badArgument('deadline', 'a disposable or a function', disposableOrFn)
    this.#run = () => (method as (this: unknown) => unknown).call(disposableOrFn)
  }

  /** Resolves to `undefined`. */
  enterAsync(): Promise<void> {
    return Promise.resolve()
  }

  /**
   * Disposes (or calls the function) and waits at most the deadline; rejects
   * with a `TimeoutError` when it passed. Only the first call disposes.
   */
  exitAsync(): Promise<false> {
    const run = this.#run
    this.#run = undefined
    if (run === undefined) return Promise.resolve(false)
    const controller = new AbortController()
    let work: Promise<unknown>
    try {
      work = Promise.resolve(run(controller.signal))
    } catch (e) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- rejects with what the disposal threw, unchanged
      work = Promise.reject(e)
    }
    return new Promise<false>((resolve, reject) => {
      let late = false
      const timer = new LongTimer(this.#ms, () => {
        late = true
        const error = new TimeoutError('deadline: the disposal did not settle before the deadline')
        controller.abort(error)
        work.then(undefined, (lateError: unknown) => {
          // what the late disposal threw, once known, unless it is the deadline's own error
          if (!reachesByCause(lateError, error)) define(error, 'cause', lateError, true)
        })
        reject(error)
      })
      work.then(
        () => {
          if (late) return
          timer.clear()
          resolve(false)
        },
        (e: unknown) => {
          if (late) return
          timer.clear()
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- rejects with what the disposal threw, unchanged
          reject(e)
        },
      )
      markHandled(work)
    })
  }

  /** The same as {@link Deadline.exitAsync}: `await using _ = deadline(ms, server)`. */
  declare [Symbol.asyncDispose]: () => Promise<void>
}

defineMethod(Deadline.prototype, asyncDisposeSymbol, async function (this: Deadline): Promise<void> {
  await this.exitAsync()
})

/**
 * An `AsyncDisposable` that disposes `disposableOrFn` (or calls
 * `fn(signal)`), and gives up after `ms` milliseconds: it then aborts
 * `signal` and rejects with a {@link TimeoutError}.
 *
 * A disposal that settles in time resolves or rejects as it did. A late
 * one is not awaited: its rejection is marked handled (it can never crash
 * the process) and, once known, becomes the `TimeoutError`'s `cause`.
 * Delays over 2³¹−1 ms are re-armed; `Infinity` never gives up. Disposes at
 * most once.
 *
 * @remarks No Python twin (`asyncio.wait_for` around a close). The work is
 * not stopped by the deadline unless `fn` observes `signal`.
 * @param ms - a finite number ≥ 0, or `Infinity`
 * @param disposableOrFn - a sync or async disposable, or a function given the signal
 * @returns a {@link Deadline}
 * @throws `TypeError` when `ms` is not a finite number ≥ 0 or `Infinity`, or the second argument neither
 * @example
 * ```ts
 * await using _ = deadline(10_000, (signal) => drainQueue(signal))
 * ```
 */
export function deadline(ms: number, disposableOrFn: Disposable | AsyncDisposable | ((signal: AbortSignal) => unknown)): Deadline {
  return new Deadline(ms, disposableOrFn)
}
