/**
 * Helpers for the leak-check tests, and the one-line opt-in that puts a test
 * file under `leakCheck`: `useLeakCheck()` at the top of the file.
 */
import { afterEach, beforeEach } from 'vitest'
import { ResourceLeakError, type ResourceLeak } from '../../src/index.js'
import { type LeakCheck, type LeakCheckOptions, leakCheck } from '../../src/node/index.js'

/** The line number of the caller's call to `here()`. */
export function here(): number {
  const line = new Error().stack?.split('\n')[2] ?? ''
  return Number(/:(\d+):\d+\)?$/.exec(line)?.[1] ?? Number.NaN)
}

/** The leaks of a `ResourceLeakError` (else a failing assertion's worth of nothing: `[]`). */
export function leaksOf(error: unknown): readonly ResourceLeak[] {
  return error instanceof ResourceLeakError ? error.leaks : []
}

/** Whether every frame of `leak` is the test runner's own (vitest's throttled reporting timer). */
const runnersOwn = (leak: ResourceLeak): boolean =>
  leak.stack !== '' && leak.stack.split('\n').every((frame) => /[\\/]node_modules[\\/](@vitest|vitest)[\\/]/.test(frame))

/**
 * Runs every test of the file under its own `leakCheck`: started before the
 * test, checked after it, so a test that leaves a socket, server, timer,
 * child process, file handle or watcher open fails with what it left.
 *
 * A check started in `beforeEach` follows the test because vitest runs the
 * test in the async context the hook left behind; vitest's own reporting
 * timer is made in that context too, so the leaks made by vitest's frames
 * alone are left out (every other leak fails the test).
 */
export function useLeakCheck(options?: LeakCheckOptions): void {
  let check: LeakCheck | undefined
  beforeEach(() => {
    check = leakCheck(options)
  })
  afterEach(async () => {
    const current = check
    check = undefined
    try {
      await current?.[Symbol.asyncDispose]()
    } catch (e) {
      if (!(e instanceof ResourceLeakError)) throw e
      const leaks = e.leaks.filter((leak) => !runnersOwn(leak))
      if (leaks.length > 0) throw leaks.length === e.leaks.length ? e : new ResourceLeakError(leaks)
    }
  })
}
