/**
 * Sync and async twins of the same test managers, so that every behaviour is
 * asserted on both paths with one test body.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterEach, beforeEach } from 'vitest'
import { type AsyncContextManager, type ContextManager, withAsyncContext, withContext } from '../../src/index.js'

export type Behaviour =
  | { kind: 'pass' }
  | { kind: 'suppress' }
  | { kind: 'return'; value: unknown }
  | { kind: 'throw'; error: unknown }
  | { kind: 'throwChained'; make: (pending: unknown) => unknown }

export const pass: Behaviour = { kind: 'pass' }
export const suppressIt: Behaviour = { kind: 'suppress' }
export const throws = (error: unknown): Behaviour => ({ kind: 'throw', error })
export const returns = (value: unknown): Behaviour => ({ kind: 'return', value })

export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown }

export type Log = string[]

/** What an exit saw, as a log line: `exit a: none` or `exit a: <label>`. */
export function label(value: unknown): string {
  if (value instanceof Error) return value.message
  return typeof value === 'string' ? value : String(value)
}

function settle(log: Log, name: string, behaviour: Behaviour, thrown: readonly unknown[]): unknown {
  log.push(`exit ${name}: ${thrown.length === 0 ? 'none' : label(thrown[0])}`)
  switch (behaviour.kind) {
    case 'pass':
      return undefined
    case 'suppress':
      return true
    case 'return':
      return behaviour.value
    case 'throw':
      throw behaviour.error
    case 'throwChained':
      throw behaviour.make(thrown[0])
  }
}

export interface Kit {
  readonly name: 'sync' | 'async'
  /** A manager logging `enter <name>` and `exit <name>: <what it saw>`, exiting as `behaviour` says. */
  manager(log: Log, name: string, behaviour?: Behaviour, enterError?: unknown): ContextManager<string> | AsyncContextManager<string>
  /** Runs `withContext`/`withAsyncContext` and captures the outcome. */
  run(cm: unknown, body: (value: never) => unknown): Promise<Outcome>
}

export const syncKit: Kit = {
  name: 'sync',
  manager(log, name, behaviour = pass, enterError?: unknown) {
    return {
      enter() {
        log.push(`enter ${name}`)
        if (enterError !== undefined) throw enterError
        return name
      },
      exit(...thrown: [] | [unknown]) {
        return settle(log, name, behaviour, thrown) as boolean | void
      },
    }
  },
  run(cm, body) {
    try {
      const value = (withContext as (cm: unknown, body: (value: never) => unknown) => unknown)(cm, body)
      return Promise.resolve({ ok: true, value })
    } catch (error) {
      return Promise.resolve({ ok: false, error })
    }
  },
}

export const asyncKit: Kit = {
  name: 'async',
  manager(log, name, behaviour = pass, enterError?: unknown) {
    return {
      async enterAsync() {
        await Promise.resolve()
        log.push(`enter ${name}`)
        if (enterError !== undefined) throw enterError
        return name
      },
      async exitAsync(...thrown: [] | [unknown]) {
        await Promise.resolve()
        return settle(log, name, behaviour, thrown) as boolean | void
      },
    }
  },
  async run(cm, body) {
    try {
      const value = await (withAsyncContext as (cm: unknown, body: (value: never) => unknown) => Promise<unknown>)(cm, body)
      return { ok: true, value }
    } catch (error) {
      return { ok: false, error }
    }
  },
}

export const kits: [string, Kit][] = [
  ['sync', syncKit],
  ['async', asyncKit],
]

export function failure(outcome: Outcome): unknown {
  if (outcome.ok) throw new Error(`expected a failure, got the result ${String(outcome.value)}`)
  return outcome.error
}

/** The value a promise rejects with; fails the test when it fulfils. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the promise to reject')
}

/**
 * The reasons of the unhandled rejections reported during each test of the
 * calling scope (a file or a `describe`): emptied before each test.
 */
export function recordUnhandledRejections(): readonly unknown[] {
  const rejections: unknown[] = []
  const onRejection = (reason: unknown): void => {
    rejections.push(reason)
  }
  beforeEach(() => {
    rejections.length = 0
    process.on('unhandledRejection', onRejection)
  })
  afterEach(() => {
    process.off('unhandledRejection', onRejection)
  })
  return rejections
}

/**
 * Runs a full garbage collection once the current job has ended (a `WeakRef`
 * holds its target until then), so that a test can ask what is still alive.
 */
export async function collectGarbage(): Promise<void> {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  await new Promise((resolve) => setTimeout(resolve, 0))
  gc()
}
