import { describe, expect, it } from 'vitest'
import { isAsyncContextManager, isContextManager, nullContext, withAsyncContext, withContext } from '../src/index.js'

const runners = [
  {
    name: 'withContext',
    run: <T, R>(value: T, body: (value: T) => R): Promise<R> =>
      new Promise((resolve) => {
        resolve(withContext(nullContext(value), body as (value: T) => never))
      }),
  },
  {
    name: 'withAsyncContext',
    run: <T, R>(value: T, body: (value: T) => R): Promise<R> => withAsyncContext(nullContext(value), body),
  },
]

describe('nullContext', () => {
  describe.each(runners)('through $name', ({ run }) => {
    it('enters as the given value, by identity', async () => {
      const value = { id: 1 }
      const seen: unknown[] = []
      expect(await run(value, (v) => seen.push(v))).toBe(1)
      expect(seen[0]).toBe(value)
    })

    it('never suppresses: the block error propagates by identity', async () => {
      const error = new Error('x')
      await expect(
        run(undefined, () => {
          throw error
        }),
      ).rejects.toBe(error)
    })

    it('propagates `throw undefined` as a throw', async () => {
      const log: string[] = []
      await run(undefined, () => {
        throw undefined
      }).then(
        () => log.push('fulfilled'),
        (reason: unknown) => log.push(`rejected with ${String(reason)}`),
      )
      expect(log).toEqual(['rejected with undefined'])
    })
  })

  it('enters as undefined when given no value', () => {
    const seen: unknown[] = []
    withContext(nullContext(), (v) => seen.push(v))
    expect(seen).toEqual([undefined])
    expect(seen).toHaveLength(1)
  })

  it('is both a sync and an async context manager', () => {
    const manager = nullContext(1)
    expect(isContextManager(manager)).toBe(true)
    expect(isAsyncContextManager(manager)).toBe(true)
  })

  it('returns false from exit and resolves exitAsync to false, with or without an error', async () => {
    const manager = nullContext('v')
    expect(manager.enter()).toBe('v')
    expect(manager.exit()).toBe(false)
    expect((manager.exit as (e: unknown) => unknown)(new Error('x'))).toBe(false)
    expect(await manager.enterAsync()).toBe('v')
    expect(await manager.exitAsync()).toBe(false)
  })

  it('is reusable and reentrant', async () => {
    const manager = nullContext('v')
    const log: string[] = []
    withContext(manager, (a) => withContext(manager, (b) => log.push(a + b)))
    await withAsyncContext(manager, (a) => withAsyncContext(manager, (b) => log.push(`${a}${b}!`)))
    withContext(manager, (a) => log.push(a))
    expect(log).toEqual(['vv', 'vv!', 'v'])
  })
})
