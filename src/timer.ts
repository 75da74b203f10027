import { defineMethod } from './internal/define.js'
import { checkDelay, LongTimer } from './internal/delay.js'
import { badArgument } from './internal/describe.js'
import { disposeSymbol } from './internal/symbols.js'
import type { ContextManager } from './protocols.js'

/** A one-shot timer that a scope clears: made by {@link timer}. */
export class Timer implements ContextManager<Timer>, Disposable {
  #timer: LongTimer | undefined
  #pending = true

  /** Prefer {@link timer}; the constructor checks its arguments the same way. */
  constructor(ms: number, fn: (...args: never[]) => unknown, args: readonly unknown[]) {
    checkDelay('timer', ms)
    if (typeof fn !== 'function') throw badArgument('timer', 'a function', fn)
    const call = fn as (...args: unknown[]) => unknown
    this.#timer = new LongTimer(ms, () => {
      this.#pending = false
      this.#timer = undefined
      call(...args)
    })
  }

  /** True until it fired or was disposed (an `Infinity` timer: until disposed). */
  get pending(): boolean {
    return this.#pending
  }

  /** Enters as itself. */
  enter(): this {
    return this
  }

  /** Clears the timer (as dispose does); never suppresses. */
  exit(): false {
    this.#timer?.clear()
    this.#timer = undefined
    this.#pending = false
    return false
  }

  /** Clears the timer if it has not fired; idempotent. */
  declare [Symbol.dispose]: () => void
}

defineMethod(Timer.prototype, disposeSymbol, function (this: Timer): void {
  this.exit()
})

/**
 * A portable `setTimeout` whose dispose clears it: `using _ = timer(…)`. The
 * timer starts at the call; `.pending` is true until it fired or was disposed.
 *
 * `fn(...args)` runs as `setTimeout` runs it: what it throws is the host's
 * uncaught exception. Delays over 2³¹−1 ms (which `setTimeout` would fire at
 * once) are re-armed until the full delay has passed; `Infinity` never fires.
 *
 * @remarks Python: `threading.Timer` (`cancel()` is dispose). Disposing
 * several times, or after it fired, does nothing.
 * @param ms - a finite number ≥ 0, or `Infinity`
 * @param fn - called with `args`
 * @returns a started {@link Timer}
 * @throws `TypeError` when `ms` is not a finite number ≥ 0 or `Infinity`, or `fn` not a function
 * @example
 * ```ts
 * using _ = timer(5_000, () => console.warn('still waiting for the database…'))
 * await db.connect()
 * ```
 */
export function timer<A extends unknown[]>(ms: number, fn: (...args: A) => unknown, ...args: A): Timer {
  return new Timer(ms, fn, args)
}
