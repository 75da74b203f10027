import { MAX_DELAY } from '../../internal/delay.js'

/**
 * Waits for `done`; if it has not settled after `ms` milliseconds, calls
 * `onTimeout` (which should make `done` settle, e.g. by destroying a socket)
 * and keeps waiting. A `gracePeriod` beyond what timers can express
 * ({@link MAX_DELAY}, about 24.8 days, and `Infinity`) waits forever: unlike
 * `timeout`, `timer` and `deadline`, which re-arm, a grace period that long
 * means "never force", and arming nothing keeps no timer alive.
 */
export async function withGracePeriod<T>(done: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  if (ms > MAX_DELAY) return done
  const timer = setTimeout(onTimeout, ms)
  try {
    return await done
  } finally {
    clearTimeout(timer)
  }
}
