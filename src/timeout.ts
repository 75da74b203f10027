import { define } from './internal/define.js'
import { LongTimer, checkDelay } from './internal/delay.js'
import type { AsyncContextManager } from './protocols.js'

/**
 * The error a {@link timeout} aborts its signal with, and throws when the
 * block failed after the deadline.
 * @example
 * ```ts
 * try { await withAsyncContext(timeout(50), (signal) => fetch(url, { signal })) }
 * catch (e) { if (e instanceof TimeoutError) retry() }
 * ```
 */
export class TimeoutError extends Error {
  /** Creates a `TimeoutError` (`name === 'TimeoutError'`). */
  constructor(message = 'The operation timed out', options?: ErrorOptions) {
    super(message, options)
  }
}
define(TimeoutError.prototype, 'name', 'TimeoutError', true)

class Timeout implements AsyncContextManager<AbortSignal> {
  readonly #ms: number
  #controller: AbortController | undefined
  #timer: LongTimer | undefined

  constructor(ms: number) {
    this.#ms = ms
  }

  enterAsync(): Promise<AbortSignal> {
    if (this.#controller !== undefined) {
      return Promise.reject(new TypeError('timeout.enterAsync: a timeout can only be entered once'))
    }
    const controller = new AbortController()
    this.#controller = controller
    // Delays beyond what setTimeout holds re-arm, so the deadline is exact.
    this.#timer = new LongTimer(this.#ms, () => {
      this.#timer = undefined
      controller.abort(new TimeoutError(`timeout: the block did not finish within ${String(this.#ms)} ms`))
    })
    return Promise.resolve(controller.signal)
  }

  exitAsync(...thrown: [] | [error: unknown]): Promise<false> {
    this.#timer?.clear()
    this.#timer = undefined
    const signal = this.#controller?.signal
    if (thrown.length === 0 || signal?.aborted !== true) return Promise.resolve(false)
    const reason: unknown = signal.reason
    const error = thrown[0]
    if (error === reason || !(reason instanceof TimeoutError)) return Promise.resolve(false)
    define(reason, 'cause', error, true)
    return Promise.reject(reason)
  }
}

/**
 * An async manager entering as an `AbortSignal` that aborts after `ms`
 * milliseconds with a {@link TimeoutError} as its `reason`. Exit clears the
 * timer. If the block fails after the deadline, the manager throws that
 * `TimeoutError` with the block's error as `cause` (unless the block threw
 * the reason itself); an error thrown before the deadline passes through.
 *
 * @remarks Python: `asyncio.timeout`. JavaScript cannot cancel a running
 * block, so the block must observe the signal (pass it to `fetch`, streams,
 * timers …); a block that ignores it simply finishes late. Single use.
 * @param ms - a finite number ≥ 0, or `Infinity` (never fires); delays beyond
 *   2³¹−1 ms (which `setTimeout` would fire at once) are re-armed, so they
 *   fire after the full delay
 * @throws `TypeError` when `ms` is not a finite number ≥ 0 or `Infinity`
 *   (the message names the type received, never the value)
 * @example
 * ```ts
 * const body = await withAsyncContext(timeout(5_000), (signal) => fetch(url, { signal }).then((r) => r.text()))
 * ```
 */
export function timeout(
  ms: number,
): AsyncContextManager<AbortSignal> & { exitAsync(...thrown: [] | [error: unknown]): Promise<false> } {
  checkDelay('timeout', ms)
  return new Timeout(ms)
}
