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

/**
 * Runs every test of the file under its own `leakCheck`: started before the
 * test, checked after it, so a test that leaves a socket, server, timer,
 * child process, file handle or watcher open fails with what it left.
 */
export function useLeakCheck(options?: LeakCheckOptions): void {
  let check: LeakCheck | undefined
  beforeEach(() => {
    check = leakCheck(options)
  })
  afterEach(async () => {
    const current = check
    check = undefined
    await current?.[Symbol.asyncDispose]()
  })
}
