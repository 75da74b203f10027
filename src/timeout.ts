import { typeName } from './internal/describe.js'
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
Object.defineProperty(TimeoutError.prototype, 'name', {
  value: 'TimeoutError',
  writable: true,
  enumerable: false,
  configurable: true,
})

// setTimeout fires at once for delays above 2^31 - 1 ms; longer waits re-arm.
const MAX_DELAY = 0x7fffffff

class Timeout implements AsyncContextManager<AbortSignal> {
  readonly #ms: number
  #controller: AbortController | undefined
  #timer: ReturnType<typeof setTimeout> | undefined

  constructor(ms: number) {
    this.#ms = ms
  }

  enterAsync(): Promise<AbortSignal> {
    if (this.#controller !== undefined) {
      return Promise.reject(new TypeError('timeout.enterAsync: a timeout can only be entered once'))
    }
    const controller = new AbortController()
    this.#controller = controller
    if (this.#ms !== Infinity) this.#arm(Date.now() + this.#ms)
    return Promise.resolve(controller.signal)
  }

  #arm(deadline: number): void {
    const remaining = Math.max(0, deadline - Date.now())
    this.#timer = setTimeout(() => {
      if (Date.now() < deadline) {
        this.#arm(deadline)
        return
      }
      this.#timer = undefined
      this.#controller?.abort(new TimeoutError(`timeout: the block did not finish within ${this.#ms} ms`))
    }, Math.min(remaining, MAX_DELAY))
  }

  exitAsync(...thrown: [] | [error: unknown]): Promise<false> {
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    this.#timer = undefined
    const signal = this.#controller?.signal
    if (thrown.length === 0 || signal?.aborted !== true) return Promise.resolve(false)
    const reason: unknown = signal.reason
    const error = thrown[0]
    if (error === reason || !(reason instanceof TimeoutError)) return Promise.resolve(false)
    Object.defineProperty(reason, 'cause', { value: error, writable: true, enumerable: false, configurable: true })
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
 * @param ms - a finite number ≥ 0, or `Infinity` (never fires)
 * @throws `TypeError` when `ms` is not a number ≥ 0
 * @example
 * ```ts
 * const body = await withAsyncContext(timeout(5_000), (signal) => fetch(url, { signal }).then((r) => r.text()))
 * ```
 */
export function timeout(
  ms: number,
): AsyncContextManager<AbortSignal> & { exitAsync(...thrown: [] | [error: unknown]): Promise<false> } {
  if (typeof ms !== 'number' || Number.isNaN(ms) || ms < 0) {
    throw new TypeError(
      `timeout: expected a number of milliseconds ≥ 0 (or Infinity), got ${typeof ms === 'number' ? String(ms) : typeName(ms)}`,
    )
  }
  return new Timeout(ms)
}
