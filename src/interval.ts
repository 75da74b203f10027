import { defineMethod } from './internal/define.js'
import { checkDelay, LongTimer, MAX_DELAY } from './internal/delay.js'
import { badArgument } from './internal/describe.js'
import { disposeSymbol } from './internal/symbols.js'
import type { ContextManager } from './protocols.js'

/** A repeating timer that a scope clears: made by {@link interval}. */
export class Interval implements ContextManager<Interval>, Disposable {
  #handle: ReturnType<typeof setInterval> | undefined
  #long: LongTimer | undefined
  #active = true

  /** Prefer {@link interval}; the constructor checks its arguments the same way. */
  constructor(ms: number, fn: (...args: never[]) => unknown, args: readonly unknown[]) {
    checkDelay('interval', ms)
    if (typeof fn !== 'function') throw badArgument('interval', 'a function', fn)
    const call = fn as (...args: unknown[]) => unknown
    if (ms <= MAX_DELAY) {
      this.#handle = setInterval(() => {
        call(...args)
      }, ms)
      return
    }
    if (ms === Infinity) return
    // Periods beyond what setInterval holds: one re-arming timer per period.
    const tick = (): void => {
      this.#long = new LongTimer(ms, tick)
      call(...args)
    }
    this.#long = new LongTimer(ms, tick)
  }

  /** True until disposed. */
  get active(): boolean {
    return this.#active
  }

  /** Enters as itself. */
  enter(): this {
    return this
  }

  /** Clears the interval (as dispose does); never suppresses. */
  exit(): false {
    if (this.#handle !== undefined) clearInterval(this.#handle)
    this.#long?.clear()
    this.#handle = undefined
    this.#long = undefined
    this.#active = false
    return false
  }

  /** Clears the interval; idempotent. */
  declare [Symbol.dispose]: () => void
}

defineMethod(Interval.prototype, disposeSymbol, function (this: Interval): void {
  this.exit()
})

/**
 * A portable `setInterval` whose dispose clears it: `using _ = interval(…)`.
 * It starts at the call; `.active` is true until disposed.
 *
 * `fn(...args)` runs as `setInterval` runs it: what it throws is the host's
 * uncaught exception, and the interval keeps running. Periods over 2³¹−1 ms
 * are re-armed until each full period has passed; `Infinity` never fires.
 *
 * @remarks No Python twin in the standard library (a `threading.Timer` that
 * re-arms itself). Disposing several times does nothing.
 * @param ms - a finite number ≥ 0, or `Infinity`
 * @param fn - called with `args` every `ms`
 * @returns a started {@link Interval}
 * @throws `TypeError` when `ms` is not a finite number ≥ 0 or `Infinity`, or `fn` not a function
 * @example
 * ```ts
 * using _ = interval(30_000, () => socket.write('ping\n'))
 * await serve(socket)
 * ```
 */
export function interval<A extends unknown[]>(ms: number, fn: (...args: A) => unknown, ...args: A): Interval {
  return new Interval(ms, fn, args)
}
