import { describe, expect, it } from 'vitest'
import { AsyncGeneratorContextManager, asyncContextManager, withAsyncContext } from '../src/index.js'

// The behaviour shared with contextManager (the whole failure matrix) is
// tested once, as sync/async twins, in context-manager.test.ts. This file
// holds what only the async path has: awaiting, and rejecting instead of throwing.

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('asyncContextManager', () => {
  it('throws a TypeError naming asyncContextManager and the received type when given a non-function', () => {
    expect(() => asyncContextManager('x' as never)).toThrow(
      new TypeError('asyncContextManager: expected an async generator function, got string'),
    )
    expect(() => asyncContextManager(undefined as never)).toThrow(
      new TypeError('asyncContextManager: expected an async generator function, got undefined'),
    )
  })

  it('gives the factory the name of the generator function', () => {
    const make = asyncContextManager(async function* named() {
      yield 1
    })
    expect(make.name).toBe('named')
  })

  it('awaits every step of the generator and the body, in order', async () => {
    const log: string[] = []
    const make = asyncContextManager(async function* () {
      log.push('enter:start')
      await tick()
      log.push('enter:end')
      yield 'value'
      log.push('exit:start')
      await tick()
      log.push('exit:end')
    })
    const result = await withAsyncContext(make(), async (value) => {
      log.push(`body:start:${value}`)
      await tick()
      log.push('body:end')
      return 'result'
    })
    log.push('returned')
    expect(result).toBe('result')
    expect(log).toEqual(['enter:start', 'enter:end', 'body:start:value', 'body:end', 'exit:start', 'exit:end', 'returned'])
  })

  it('throws the error of a rejected body into the generator', async () => {
    const boom = new Error('async body failed')
    const seen: unknown[] = []
    const make = asyncContextManager(async function* () {
      try {
        yield
      } catch (error) {
        seen.push(error)
      }
    })
    const result = await withAsyncContext(make(), async () => {
      await tick()
      throw boom
    })
    expect(result).toBeUndefined()
    expect(seen).toEqual([boom])
  })

  describe('AsyncGeneratorContextManager', () => {
    const make = asyncContextManager(async function* () {
      yield 1
    })

    it('rejects, without throwing synchronously, when entered twice', async () => {
      const manager = make()
      await manager.enterAsync()
      let second: Promise<unknown> | undefined
      expect(() => {
        second = manager.enterAsync()
      }).not.toThrow()
      expect(second).toBeInstanceOf(Promise)
      await expect(second).rejects.toThrow(TypeError)
    })

    it('rejects, without throwing synchronously, when exited without being entered', async () => {
      const manager = make()
      let exit: Promise<unknown> | undefined
      expect(() => {
        exit = manager.exitAsync()
      }).not.toThrow()
      expect(exit).toBeInstanceOf(Promise)
      await expect(exit).rejects.toThrow(/not entered/)
    })

    it('rejects when exited twice', async () => {
      const manager = make()
      await manager.enterAsync()
      expect(await manager.exitAsync()).toBe(false)
      await expect(manager.exitAsync()).rejects.toThrow(TypeError)
    })

    it('is an instance of AsyncGeneratorContextManager', () => {
      expect(make()).toBeInstanceOf(AsyncGeneratorContextManager)
    })
  })

  describe('wrap', () => {
    it('awaits an async fn inside the manager: exit runs after fn settles', async () => {
      const log: string[] = []
      const wrapped = asyncContextManager(async function* () {
        log.push('enter')
        yield
        log.push('exit')
      })().wrap(async (n: number) => {
        log.push('fn:start')
        await tick()
        log.push('fn:end')
        return n + 1
      })
      expect(await wrapped(1)).toBe(2)
      expect(log).toEqual(['enter', 'fn:start', 'fn:end', 'exit'])
    })

    it('rejects with the error of a rejected fn when the manager does not suppress it', async () => {
      const boom = new Error('fn failed')
      const wrapped = asyncContextManager(async function* () {
        yield
      })().wrap(async () => {
        await tick()
        throw boom
      })
      const result = wrapped()
      expect(result).toBeInstanceOf(Promise)
      await expect(result).rejects.toBe(boom)
    })

    it('returns a promise that rejects, not a synchronous throw, when the generator fails to enter', async () => {
      // eslint-disable-next-line require-yield -- it fails before its yield
      const wrapped = asyncContextManager(async function* () {
        throw new RangeError('enter failed')
      })().wrap(() => 'unreachable')
      let result: Promise<unknown> | undefined
      expect(() => {
        result = wrapped()
      }).not.toThrow()
      await expect(result).rejects.toThrow(RangeError)
    })
  })
})
