import { describe, expect, it } from 'vitest'
import {
  SuppressedError,
  asyncClosing,
  closing,
  isAsyncContextManager,
  isContextManager,
  withAsyncContext,
  withContext,
  type AsyncContextManager,
  type ContextManager,
  type NotThenable,
} from '../src/index.js'
import { rejection } from './support/kit.js'

interface Resource {
  readonly id: string
  close(): unknown
}

/** closing and asyncClosing, each run by its own block runner. */
interface Kit {
  readonly name: 'closing' | 'asyncClosing'
  make<T extends Resource>(thing: T): ContextManager<T> | AsyncContextManager<T>
  run<T extends Resource, R>(manager: ContextManager<T> | AsyncContextManager<T>, body: (value: T) => R): Promise<R | undefined>
}

const kits: Kit[] = [
  {
    name: 'closing',
    make: (thing) => closing(thing),
    run: <T extends Resource, R>(manager: ContextManager<T> | AsyncContextManager<T>, body: (value: T) => R) =>
      new Promise<R | undefined>((resolve) => {
        resolve(withContext(manager as ContextManager<T>, body as (value: T) => NotThenable<R>))
      }),
  },
  {
    name: 'asyncClosing',
    make: (thing) => asyncClosing(thing),
    run: (manager, body) => withAsyncContext(manager, body),
  },
]

function resource(log: unknown[], id = 'r', close?: () => unknown): Resource {
  return {
    id,
    close(this: Resource) {
      log.push(['close', this.id])
      return close?.()
    },
  }
}

describe.each(kits)('$name', (kit) => {
  it('enters as the thing itself and closes it, as a method, when the block completes', async () => {
    const log: unknown[] = []
    const thing = resource(log)
    const result = await kit.run(kit.make(thing), (value) => {
      log.push(['body', value === thing])
      return 'result'
    })
    expect(result).toBe('result')
    expect(log).toEqual([
      ['body', true],
      ['close', 'r'],
    ])
  })

  it.each([
    ['an Error', new Error('boom')],
    ['undefined', undefined],
    ['a number', 3],
  ])('closes it when the block throws %s, and propagates that value by identity (never suppresses)', async (_, thrown) => {
    const log: unknown[] = []
    const error = await rejection(
      kit.run(kit.make(resource(log)), () => {
        throw thrown
      }),
    )
    expect(error).toBe(thrown)
    expect(log).toEqual([['close', 'r']])
  })

  it('propagates the error close throws after a completed block', async () => {
    const closeError = new Error('close failed')
    const error = await rejection(
      kit.run(
        kit.make(
          resource([], 'r', () => {
            throw closeError
          }),
        ),
        () => 'result',
      ),
    )
    expect(error).toBe(closeError)
  })

  it('loses nothing when close throws after the block threw: a SuppressedError carries both', async () => {
    const bodyError = new Error('body failed')
    const closeError = new Error('close failed')
    const error = await rejection(
      kit.run(
        kit.make(
          resource([], 'r', () => {
            throw closeError
          }),
        ),
        () => {
          throw bodyError
        },
      ),
    )
    expect(error).toBeInstanceOf(SuppressedError)
    expect((error as SuppressedError).error).toBe(closeError)
    expect((error as SuppressedError).suppressed).toBe(bodyError)
  })

  it('is reusable: every exit closes once more', async () => {
    const log: unknown[] = []
    const manager = kit.make(resource(log))
    await kit.run(manager, () => log.push('first'))
    await kit.run(manager, () => log.push('second'))
    expect(log).toEqual(['first', ['close', 'r'], 'second', ['close', 'r']])
  })

  it.each([
    ['object', {}],
    ['object', { close: 'not a function' }],
    ['null', null],
    ['undefined', undefined],
    ['number', 1],
  ])('throws a TypeError naming the function and the received type (%s) when close is not a function', (type, thing) => {
    expect(() => kit.make(thing as Resource)).toThrow(
      new TypeError(`${kit.name}: expected an object with a close() method, got ${type}`),
    )
  })
})

describe('closing', () => {
  it('is a sync context manager, closing before withContext returns', () => {
    const log: unknown[] = []
    const manager = closing(resource(log))
    expect(isContextManager(manager)).toBe(true)
    withContext(manager, () => log.push('body'))
    log.push('returned')
    expect(log).toEqual(['body', ['close', 'r'], 'returned'])
  })

  it('is reentrant: nested in itself, it closes at each level', () => {
    const log: unknown[] = []
    const manager = closing(resource(log))
    withContext(manager, () => withContext(manager, () => log.push('inner')))
    expect(log).toEqual(['inner', ['close', 'r'], ['close', 'r']])
  })

  it('accepts a function object with a close method', () => {
    const log: string[] = []
    const fn = Object.assign(() => 'fn', {
      close: () => {
        log.push('closed')
      },
    })
    expect(withContext(closing(fn), (value) => value())).toBe('fn')
    expect(log).toEqual(['closed'])
  })
})

describe('asyncClosing', () => {
  it('awaits an async close before the block settles', async () => {
    const log: unknown[] = []
    const manager = asyncClosing(
      resource(log, 'r', async () => {
        await new Promise((resolve) => setImmediate(resolve))
        log.push('close settled')
      }),
    )
    expect(isAsyncContextManager(manager)).toBe(true)
    await withAsyncContext(manager, () => log.push('body'))
    log.push('returned')
    expect(log).toEqual(['body', ['close', 'r'], 'close settled', 'returned'])
  })

  it('is reentrant: nested in itself, it closes at each level', async () => {
    const log: unknown[] = []
    const manager = asyncClosing(resource(log))
    await withAsyncContext(manager, () => withAsyncContext(manager, () => log.push('inner')))
    expect(log).toEqual(['inner', ['close', 'r'], ['close', 'r']])
  })

  it('rejects with the reason of a rejected close', async () => {
    const closeError = new Error('close rejected')
    const manager = asyncClosing(resource([], 'r', () => Promise.reject(closeError)))
    await expect(withAsyncContext(manager, () => 'result')).rejects.toBe(closeError)
  })

  it('returns promises from enterAsync and exitAsync', async () => {
    const thing = resource([])
    const manager = asyncClosing(thing)
    const entered = manager.enterAsync()
    expect(entered).toBeInstanceOf(Promise)
    expect(await entered).toBe(thing)
    const exited = manager.exitAsync()
    expect(exited).toBeInstanceOf(Promise)
    expect(await exited).toBeUndefined()
  })
})
