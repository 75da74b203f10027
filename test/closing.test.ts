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
      new TypeError(`${kit.name}: expected an object with a close() or return() method, got ${type}`),
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

describe('closing through return()', () => {
  function* numbers(log: string[]): Generator<number, void, undefined> {
    try {
      for (let n = 1; ; n++) yield n
    } finally {
      log.push('generator finally')
    }
  }

  async function* asyncNumbers(log: string[]): AsyncGenerator<number, void, undefined> {
    try {
      for (let n = 1; ; n++) yield await Promise.resolve(n)
    } finally {
      log.push('generator finally')
    }
  }

  it('closing: a generator left suspended is closed at exit, so its finally runs (block completes or throws)', () => {
    const log: string[] = []
    withContext(closing(numbers(log)), (gen) => {
      log.push(`got ${String(gen.next().value)}`)
    })
    const boom = new Error('boom')
    expect(() =>
      withContext(closing(numbers(log)), (gen) => {
        gen.next()
        throw boom
      }),
    ).toThrow(boom)
    expect(log).toEqual(['got 1', 'generator finally', 'generator finally'])
  })

  it('asyncClosing: an async generator left suspended is closed at exit (block completes or throws)', async () => {
    const log: string[] = []
    await withAsyncContext(asyncClosing(asyncNumbers(log)), async (gen) => {
      log.push(`got ${String((await gen.next()).value)}`)
    })
    const boom = new Error('boom')
    await expect(
      withAsyncContext(asyncClosing(asyncNumbers(log)), async (gen) => {
        await gen.next()
        throw boom
      }),
    ).rejects.toBe(boom)
    expect(log).toEqual(['got 1', 'generator finally', 'generator finally'])
  })

  it('asyncClosing: an early break closes once; the exit finds the generator done', async () => {
    const log: string[] = []
    await withAsyncContext(asyncClosing(asyncNumbers(log)), async (values) => {
      for await (const value of values) {
        log.push(`value ${String(value)}`)
        if (value === 2) break
      }
      log.push('after the loop')
    })
    log.push('after the block')
    expect(log).toEqual(['value 1', 'value 2', 'generator finally', 'after the loop', 'after the block'])
  })

  it('prefers close() when a thing has both', async () => {
    const log: string[] = []
    const thing = {
      close: () => log.push('close'),
      return: () => log.push('return'),
    }
    withContext(closing(thing), () => undefined)
    await withAsyncContext(asyncClosing(thing), () => undefined)
    expect(log).toEqual(['close', 'close'])
  })

  it('closes a plain iterator through its return()', () => {
    const log: unknown[] = []
    const iterator = { next: () => ({ done: false, value: 1 }), return: (value?: unknown) => (log.push(['return', value]), { done: true, value }) }
    withContext(closing(iterator), () => undefined)
    expect(log).toEqual([['return', undefined]])
  })

  it('closing: a generator that yields from finally while closed is a TypeError (Python: generator ignored GeneratorExit)', () => {
    function* stubborn(): Generator<string, void, undefined> {
      try {
        yield 'first'
      } finally {
        yield 'again'
      }
    }
    const gen = stubborn()
    expect(() => withContext(closing(gen), (g) => g.next())).toThrow(
      new TypeError('closing: the generator yielded instead of finishing when closed through return()'),
    )
  })

  it('asyncClosing: an async generator that yields from finally while closed rejects with a TypeError', async () => {
    async function* stubborn(): AsyncGenerator<string, void, undefined> {
      try {
        yield 'first'
      } finally {
        yield 'again'
      }
    }
    await expect(withAsyncContext(asyncClosing(stubborn()), async (g) => g.next())).rejects.toThrow(
      new TypeError('asyncClosing: the generator yielded instead of finishing when closed through return()'),
    )
  })

  it('closing: an async generator is refused at exit with a TypeError pointing to asyncClosing, its promise handled', async () => {
    const log: string[] = []
    const gen = asyncNumbers(log)
    await gen.next()
    expect(() => withContext(closing(gen), () => undefined)).toThrow(/closing: return\(\) gave a promise .*use asyncClosing/)
    // the return() that closing started still finishes the generator
    await new Promise((resolve) => setImmediate(resolve))
    expect(log).toEqual(['generator finally'])
  })

  it.each([
    ['closing', () => closing({ return: 1 } as never)],
    ['asyncClosing', () => asyncClosing({ return: 'x' } as never)],
  ])('%s: refuses an object whose return is not a function', (name, make) => {
    expect(make).toThrow(new TypeError(`${name}: expected an object with a close() or return() method, got object`))
  })
})

describe.each(kits)('$name closing a generator: the failure matrix', (kit) => {
  function* failingFinally(log: string[], error: unknown): Generator<number, void, undefined> {
    try {
      yield 1
    } finally {
      log.push('finally')
      // eslint-disable-next-line no-unsafe-finally -- the case under test: closing itself fails
      throw error
    }
  }

  const closeThrown = new Error('close failed')

  it.each([
    ['an Error', new Error('body')],
    ['undefined', undefined],
    ['a string', 'body'],
  ])('chains what return() throws to the body error (%s): nothing is lost', async (_, bodyError) => {
    const log: string[] = []
    const gen = failingFinally(log, closeThrown)
    const error = await rejection(
      kit.run(kit.make(gen as unknown as Resource), (g) => {
        ;(g as unknown as Generator).next()
        throw bodyError
      }),
    )
    expect(log).toEqual(['finally'])
    expect(error).toBeInstanceOf(SuppressedError)
    expect((error as SuppressedError).error).toBe(closeThrown)
    expect((error as SuppressedError).suppressed).toBe(bodyError)
  })

  it('propagates what return() throws when the block completed', async () => {
    const log: string[] = []
    const error = await rejection(
      kit.run(kit.make(failingFinally(log, closeThrown) as unknown as Resource), (g) => (g as unknown as Generator).next()),
    )
    expect(error).toBe(closeThrown)
  })

  it('closes a generator that never started, and one already finished, without running its body', async () => {
    const log: string[] = []
    await kit.run(kit.make(failingFinally(log, closeThrown) as unknown as Resource), () => 'not started')
    const done = failingFinally(log, closeThrown)
    done.next()
    expect(() => done.next()).toThrow(closeThrown)
    await kit.run(kit.make(done as unknown as Resource), () => 'finished')
    expect(log).toEqual(['finally'])
  })
})
