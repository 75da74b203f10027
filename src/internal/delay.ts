import { badArgument } from './describe.js'

/**
 * The longest delay `setTimeout` and `setInterval` honour (2³¹−1 ms, about
 * 24.8 days). Every host treats a longer delay as overflow and fires at
 * once, so each caller decides what "longer" means: {@link LongTimer} re-arms
 * (timeouts, timers, intervals, deadlines fire after the full delay), and a
 * Node adapter's `gracePeriod` above it means "wait forever".
 */
export const MAX_DELAY: number = 2 ** 31 - 1

/**
 * Checks a delay in milliseconds: a finite number ≥ 0, or `Infinity`
 * (never fires). The message names `api` and the received type, never the
 * value (a negative number and `NaN` are both "got number").
 */
export function checkDelay(api: string, ms: unknown, what = 'a finite number >= 0 or Infinity'): number {
  if (typeof ms !== 'number' || !(ms >= 0)) throw badArgument(api, what, ms)
  return ms
}

/**
 * One `setTimeout` that may be longer than {@link MAX_DELAY}: it re-arms
 * until the deadline has really passed, so a 30-day delay fires after 30
 * days instead of at once. `Infinity` arms nothing.
 */
export class LongTimer {
  #handle: ReturnType<typeof setTimeout> | undefined
  #unref = false
  readonly #deadline: number
  readonly #fire: () => void

  constructor(ms: number, fire: () => void) {
    this.#fire = fire
    this.#deadline = Date.now() + ms
    if (ms !== Infinity) this.#arm()
  }

  /** Whether it is still waiting (not fired, not cleared). `Infinity` arms nothing. */
  get armed(): boolean {
    return this.#handle !== undefined
  }

  // Also re-arms when a host's timer fires a little before the wall-clock
  // deadline, so a timeout never aborts early.
  readonly #arm = (): void => {
    const remaining = this.#deadline - Date.now()
    if (remaining <= 0 && this.#handle !== undefined) {
      this.#handle = undefined
      this.#fire()
      return
    }
    this.#handle = setTimeout(this.#arm, Math.min(Math.max(remaining, 0), MAX_DELAY))
    if (this.#unref) unref(this.#handle)
  }

  /** Lets the host exit while only this timer is waiting (Node, Bun, Deno); elsewhere nothing. */
  unref(): void {
    this.#unref = true
    if (this.#handle !== undefined) unref(this.#handle)
  }

  clear(): void {
    if (this.#handle !== undefined) clearTimeout(this.#handle)
    this.#handle = undefined
  }
}

function unref(handle: unknown): void {
  const h = handle as { unref?: unknown }
  if (typeof h.unref === 'function') (h.unref as () => void).call(handle)
}
