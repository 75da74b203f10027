/** The longest delay `setTimeout` honours; anything longer would fire at once. */
const MAX_DELAY = 2 ** 31 - 1

/**
 * Waits for `done`; if it has not settled after `ms` milliseconds, calls
 * `onTimeout` (which should make `done` settle, e.g. by destroying a socket)
 * and keeps waiting. A period beyond what timers can express waits forever.
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
