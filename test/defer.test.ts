import { describe, expect, it } from 'vitest'
import {
  SuppressedError,
  asyncDefer,
  defer,
  isAsyncDisposable,
  isDisposable,
  withAsyncContext,
  withContext,
} from '../src/index.js'

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('defer', () => {
  it('is a Disposable under the host symbol, and not an async one', () => {
    const disposable = defer(() => undefined)
    expect(isDisposable(disposable)).toBe(true)
    expect(isAsyncDisposable(disposable)).toBe(false)
    expect(typeof disposable[Symbol.dispose]).toBe('function')
  })

  it('calls fn, with no arguments, when disposed', () => {
    const calls: unknown[][] = []
    const disposable = defer((...args: unknown[]) => calls.push(args))
    expect(calls).toEqual([])
    disposable[Symbol.dispose]()
    expect(calls).toEqual([[]])
  })

  it('calls fn at most once however often it is disposed', () => {
    const log: string[] = []
    const disposable = defer(() => log.push('fn'))
    disposable[Symbol.dispose]()
    disposable[Symbol.dispose]()
    disposable[Symbol.dispose]()
    expect(log).toEqual(['fn'])
  })

  it('calls fn at most once even when fn threw the first time', () => {
    const error = new Error('fn failed')
    let calls = 0
    const disposable = defer(() => {
      calls += 1
      throw error
    })
    expect(() => {
      disposable[Symbol.dispose]()
    }).toThrow(error)
    disposable[Symbol.dispose]()
    expect(calls).toBe(1)
  })

  it('runs at the end of a `using` block, after the block, in reverse order of declaration', () => {
    const log: string[] = []
    {
      using _first = defer(() => log.push('first disposed'))
      using _second = defer(() => log.push('second disposed'))
      log.push('block')
    }
    log.push('after')
    expect(log).toEqual(['block', 'second disposed', 'first disposed', 'after'])
  })

  it('runs at the end of a `using` block that throws, and the error propagates', () => {
    const log: string[] = []
    const error = new Error('block failed')
    expect(() => {
      using _d = defer(() => log.push('disposed'))
      throw error
    }).toThrow(error)
    expect(log).toEqual(['disposed'])
  })

  it('is accepted by withContext, entering as itself and never suppressing', () => {
    const log: unknown[] = []
    const disposable = defer(() => log.push('disposed'))
    const error = new Error('x')
    expect(() =>
      withContext(disposable, (value) => {
        log.push(value === disposable)
        throw error
      }),
    ).toThrow(error)
    expect(log).toEqual([true, 'disposed'])
  })

  it('loses nothing when fn throws while the block error is pending', () => {
    const bodyError = new Error('body failed')
    const fnError = new Error('fn failed')
    let thrown: unknown
    try {
      withContext(
        defer(() => {
          throw fnError
        }),
        () => {
          throw bodyError
        },
      )
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(SuppressedError)
    expect((thrown as SuppressedError).error).toBe(fnError)
    expect((thrown as SuppressedError).suppressed).toBe(bodyError)
  })

  it.each([
    ['number', 1],
    ['undefined', undefined],
    ['object', {}],
  ])('throws a TypeError naming defer and the received type (%s) when fn is not a function', (type, fn) => {
    expect(() => defer(fn as unknown as () => void)).toThrow(new TypeError(`defer: expected a function, got ${type}`))
  })
})

describe('asyncDefer', () => {
  it('is an AsyncDisposable under the host symbol, and not a sync one', () => {
    const disposable = asyncDefer(() => undefined)
    expect(isAsyncDisposable(disposable)).toBe(true)
    expect(isDisposable(disposable)).toBe(false)
  })

  it('awaits fn when disposed', async () => {
    const log: string[] = []
    const disposable = asyncDefer(async () => {
      log.push('fn:start')
      await tick()
      log.push('fn:end')
    })
    const disposed = disposable[Symbol.asyncDispose]()
    log.push('called')
    await disposed
    expect(log).toEqual(['fn:start', 'called', 'fn:end'])
  })

  it('calls fn at most once however often it is disposed', async () => {
    const log: string[] = []
    const disposable = asyncDefer(() => log.push('fn'))
    await disposable[Symbol.asyncDispose]()
    await disposable[Symbol.asyncDispose]()
    await Promise.all([disposable[Symbol.asyncDispose](), disposable[Symbol.asyncDispose]()])
    expect(log).toEqual(['fn'])
  })

  it('rejects, never throws synchronously, when fn throws synchronously', async () => {
    const error = new Error('fn failed')
    const disposable = asyncDefer(() => {
      throw error
    })
    let disposed: PromiseLike<void> | undefined
    expect(() => {
      disposed = disposable[Symbol.asyncDispose]()
    }).not.toThrow()
    expect(disposed).toBeInstanceOf(Promise)
    await expect(disposed).rejects.toBe(error)
  })

  it('runs at the end of an `await using` block, after the block, awaiting fn', async () => {
    const log: string[] = []
    {
      await using _d = asyncDefer(async () => {
        await tick()
        log.push('disposed')
      })
      log.push('block')
    }
    log.push('after')
    expect(log).toEqual(['block', 'disposed', 'after'])
  })

  it('is accepted by withAsyncContext, entering as itself and disposed after the body', async () => {
    const log: unknown[] = []
    const disposable = asyncDefer(async () => {
      await tick()
      log.push('disposed')
    })
    const result = await withAsyncContext(disposable, async (value) => {
      await tick()
      log.push(value === disposable)
      return 'result'
    })
    expect(result).toBe('result')
    expect(log).toEqual([true, 'disposed'])
  })

  it('throws a TypeError naming asyncDefer and the received type when fn is not a function', () => {
    expect(() => asyncDefer('x' as unknown as () => void)).toThrow(
      new TypeError('asyncDefer: expected a function, got string'),
    )
  })
})
