/**
 * Shared checks for tests that open real resources: open file descriptors
 * (counted in /proc/self/fd), unhandled rejections, leftover temp entries.
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'

export function openFds(pid: number | 'self' = 'self'): number {
  return fs.readdirSync(`/proc/${String(pid)}/fd`).length
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms)
  })

/** Waits (up to `deadline` ms, an upper bound) until `read()` returns `expected`; resolves to the last value. */
export async function settle<T>(read: () => T, expected: T, deadline = 5_000): Promise<T> {
  const end = Date.now() + deadline
  let value = read()
  while (value !== expected && Date.now() < end) {
    await sleep(10)
    value = read()
  }
  return value
}

/**
 * Installs, for the current test file: a record of unhandled rejections
 * (asserted empty after all tests) and a per-test check that every file
 * descriptor opened during the test was closed again.
 */
export function guardResources(): { unhandled: unknown[] } {
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason)
  }
  let before = 0
  beforeAll(() => {
    process.on('unhandledRejection', onUnhandled)
  })
  afterAll(async () => {
    // Let late rejections surface before asserting.
    await sleep(20)
    process.off('unhandledRejection', onUnhandled)
    expect(unhandled).toEqual([])
  })
  beforeEach(() => {
    before = openFds()
  })
  afterEach(async () => {
    expect(await settle(() => openFds(), before)).toBe(before)
  })
  return { unhandled }
}

/** Names in os.tmpdir() starting with `prefix`. */
export function tempEntries(prefix: string): string[] {
  return fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith(prefix))
}

/** A unique prefix for this test run, so that parallel runs never see each other's directories. */
export function uniquePrefix(name: string): string {
  return `ctxlib-test-${name}-${String(process.pid)}-${Math.random().toString(36).slice(2, 8)}-`
}

/** An error class used to tell the body's error apart from everything else. */
export class BodyError extends Error {
  override name = 'BodyError'
}

/** Resolves with `'timeout'` after `ms` (a generous upper bound for races), unref'd. */
export function deadline(ms: number): Promise<'timeout'> {
  return new Promise((resolve) => {
    setTimeout(() => {
      resolve('timeout')
    }, ms).unref()
  })
}

/** Resolves once `emitter` emits `event`. */
export function nextEvent(emitter: NodeJS.EventEmitter, event: string): Promise<unknown[]> {
  return new Promise((resolve) => {
    emitter.once(event, (...args: unknown[]) => {
      resolve(args)
    })
  })
}
