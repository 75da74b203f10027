import { describe, expect, it } from 'vitest'
import { ExitStack, SuppressedError, flattenErrors, withAsyncContext, withContext } from '../src/index.js'
import { disposeSymbol, asyncDisposeSymbol } from '../src/internal/symbols.js'
import { type Log, failure, kits, label, pass, recordUnhandledRejections, returns, suppressIt, syncKit, throws } from './support/kit.js'

describe.each(kits)('withContext / withAsyncContext (%s)', (_name, kit) => {
  it('enters in order, exits in reverse, and returns the body result', async () => {
    const log: Log = []
    const outcome = await kit.run([kit.manager(log, 'a'), kit.manager(log, 'b')], (values: string[]) => {
      log.push(`body ${values.join(',')}`)
      return 42
    })
    expect(outcome).toEqual({ ok: true, value: 42 })
    expect(log).toEqual(['enter a', 'enter b', 'body a,b', 'exit b: none', 'exit a: none'])
  })

  it('passes the entered value of a single manager to the body', async () => {
    const log: Log = []
    const outcome = await kit.run(kit.manager(log, 'only'), (value: string) => `got ${value}`)
    expect(outcome).toEqual({ ok: true, value: 'got only' })
  })

  it('hands each exit the error pending at its moment', async () => {
    const log: Log = []
    const body = new Error('body')
    const inner = new Error('inner')
    const outcome = await kit.run([kit.manager(log, 'a'), kit.manager(log, 'b', throws(inner))], () => {
      throw body
    })
    const error = failure(outcome)
    expect(log).toEqual(['enter a', 'enter b', 'exit b: body', `exit a: ${label(error)}`])
    expect(error).toBeInstanceOf(SuppressedError)
    const chained = error as SuppressedError
    expect(chained.error).toBe(inner)
    expect(chained.suppressed).toBe(body)
    expect(chained.message).toContain('Error: inner')
    expect(chained.message).toContain('Error: body')
  })

  it('suppresses the pending error when an exit returns true; outer exits see none', async () => {
    const log: Log = []
    const outcome = await kit.run([kit.manager(log, 'a'), kit.manager(log, 'b', suppressIt)], () => {
      throw new Error('body')
    })
    expect(outcome).toEqual({ ok: true, value: undefined })
    expect(log).toEqual(['enter a', 'enter b', 'exit b: body', 'exit a: none'])
  })

  it.each([1, 'yes', {}, 'true'])('suppresses only on exactly true, not on %j', async (truthy) => {
    const log: Log = []
    const body = new Error('body')
    const outcome = await kit.run(kit.manager(log, 'a', returns(truthy)), () => {
      throw body
    })
    expect(failure(outcome)).toBe(body)
  })

  it('lets an error thrown with { cause } propagate as itself', async () => {
    const log: Log = []
    const body = new Error('body')
    const outcome = await kit.run(
      kit.manager(log, 'a', { kind: 'throwChained', make: (e) => new RangeError('translated', { cause: e }) }),
      () => {
        throw body
      },
    )
    const error = failure(outcome)
    expect(error).toBeInstanceOf(RangeError)
    expect((error as Error).cause).toBe(body)
  })

  it('lets an exit re-throw the pending error by identity', async () => {
    const log: Log = []
    const body = new Error('body')
    const outcome = await kit.run(kit.manager(log, 'a', { kind: 'throwChained', make: (e) => e }), () => {
      throw body
    })
    expect(failure(outcome)).toBe(body)
  })

  it('counts `throw undefined` as a throw: the exit receives one argument', async () => {
    const seen: number[] = []
    const manager = {
      enter: () => 'v',
      exit: (...thrown: [] | [unknown]) => {
        seen.push(thrown.length)
      },
      enterAsync: () => Promise.resolve('v'),
      exitAsync: (...thrown: [] | [unknown]) => {
        seen.push(thrown.length)
        return Promise.resolve()
      },
    }
    const outcome = await kit.run(manager, () => {
      throw undefined
    })
    expect(outcome).toEqual({ ok: false, error: undefined })
    expect(seen).toEqual([1])
  })

  it('chains non-Error values and names their types in the message', async () => {
    const log: Log = []
    const outcome = await kit.run(kit.manager(log, 'a', throws('exit text')), () => {
      throw 7
    })
    const error = failure(outcome) as SuppressedError
    expect(error).toBeInstanceOf(SuppressedError)
    expect(error.error).toBe('exit text')
    expect(error.suppressed).toBe(7)
    expect(error.message).toContain('string')
    expect(error.message).toContain('number')
  })

  it('chains an exit throwing while `undefined` is pending (no own cause never links to undefined)', async () => {
    const log: Log = []
    const x = new Error('x')
    const outcome = await kit.run(kit.manager(log, 'a', throws(x)), () => {
      throw undefined
    })
    const error = failure(outcome) as SuppressedError
    expect(error).toBeInstanceOf(SuppressedError)
    expect(error.error).toBe(x)
    expect(error.suppressed).toBeUndefined()
  })

  it('keeps an error that already links to the pending one through a SuppressedError or AggregateError', async () => {
    const log: Log = []
    const body = new Error('body')
    const outcome = await kit.run(
      kit.manager(log, 'a', { kind: 'throwChained', make: (e) => new AggregateError([new Error('other'), e], 'group') }),
      () => {
        throw body
      },
    )
    const error = failure(outcome)
    expect(error).toBeInstanceOf(AggregateError)
    expect((error as AggregateError).errors[1]).toBe(body)
  })

  it('loses nothing when every exit throws: the chain holds all errors, newest first', async () => {
    const log: Log = []
    const [ea, eb, body] = [new Error('a'), new Error('b'), new Error('body')]
    const outcome = await kit.run([kit.manager(log, 'a', throws(ea)), kit.manager(log, 'b', throws(eb))], () => {
      throw body
    })
    expect(flattenErrors(failure(outcome))).toEqual([ea, eb, body])
  })

  it('exits the managers already entered with the error of a failing enter', async () => {
    const log: Log = []
    const boom = new Error('enter boom')
    const outcome = await kit.run(
      [kit.manager(log, 'a'), kit.manager(log, 'b', pass, boom), kit.manager(log, 'c')],
      () => log.push('body'),
    )
    expect(failure(outcome)).toBe(boom)
    expect(log).toEqual(['enter a', 'enter b', 'exit a: enter boom'])
  })

  it('returns undefined without running the body when an outer exit suppresses a failing enter', async () => {
    const log: Log = []
    const outcome = await kit.run(
      [kit.manager(log, 'a', suppressIt), kit.manager(log, 'b', pass, new Error('enter boom'))],
      () => log.push('body'),
    )
    expect(outcome).toEqual({ ok: true, value: undefined })
    expect(log).toEqual(['enter a', 'enter b', 'exit a: enter boom'])
  })

  it('accepts a disposable: it enters as itself, is disposed at exit and never suppresses', async () => {
    const log: Log = []
    const body = new Error('body')
    const disposable = {
      [disposeSymbol]() {
        log.push('dispose')
        return true
      },
    }
    const ok = await kit.run(disposable, (value: unknown) => value === disposable)
    expect(ok).toEqual({ ok: true, value: true })
    const outcome = await kit.run([kit.manager(log, 'a'), disposable], () => {
      throw body
    })
    expect(failure(outcome)).toBe(body)
    expect(log).toEqual(['dispose', 'enter a', 'dispose', 'exit a: body'])
  })

  it('chains an error thrown by a disposer with the pending one', async () => {
    const body = new Error('body')
    const disposeError = new Error('dispose')
    const disposable = {
      [disposeSymbol]() {
        throw disposeError
      },
    }
    const error = failure(
      await kit.run(disposable, () => {
        throw body
      }),
    ) as SuppressedError
    expect(error.error).toBe(disposeError)
    expect(error.suppressed).toBe(body)
  })

  it('runs the body with [] for an empty list', async () => {
    const outcome = await kit.run([], (values: unknown[]) => values)
    expect(outcome).toEqual({ ok: true, value: [] })
  })

  it('names the function and the received type for a bad manager', async () => {
    const error = failure(await kit.run(42, () => 1))
    expect(error).toBeInstanceOf(TypeError)
    expect((error as Error).message).toMatch(kit.name === 'sync' ? /^withContext: .*got number$/ : /^withAsyncContext: .*got number$/)
  })

  it('names the function and the received type for a bad body', async () => {
    const log: Log = []
    const error = failure(await kit.run(kit.manager(log, 'a'), 'body' as never))
    expect(error).toBeInstanceOf(TypeError)
    expect((error as Error).message).toContain('got string')
    expect(log).toEqual([])
  })

  it('releases what it entered when a later manager is not a manager', async () => {
    const log: Log = []
    const error = failure(await kit.run([kit.manager(log, 'a'), null], () => log.push('body')))
    expect(error).toBeInstanceOf(TypeError)
    expect((error as Error).message).toContain('got null')
    expect(log).toEqual(['enter a', `exit a: ${(error as Error).message}`])
  })

  it('does not chain again what an exit stack throws: its error is final', async () => {
    const log: Log = []
    const x = new Error('x')
    const stack = new ExitStack()
    stack.callback(() => {
      log.push('callback')
      throw x
    })
    stack.push(() => {
      log.push('suppressor')
      return true
    })
    const outcome = await kit.run(stack, () => {
      throw new Error('body')
    })
    // Like `with A(): with B(): raise e` where B suppresses e and A raises x: x has no context.
    expect(failure(outcome)).toBe(x)
    expect(log).toEqual(['suppressor', 'callback'])
  })
})

describe('withContext', () => {
  const rejections = recordUnhandledRejections()

  it('refuses an async body: managers exit with a TypeError naming withAsyncContext, which is thrown', async () => {
    const log: Log = []
    const run = withContext as (cm: unknown, body: () => unknown) => unknown
    let caught: unknown
    try {
      run(syncKit.manager(log, 'a', suppressIt), () => Promise.reject(new Error('late')))
    } catch (e) {
      caught = e
    }
    expect(caught).toBeInstanceOf(TypeError)
    expect((caught as Error).message).toContain('withAsyncContext')
    expect(log).toEqual(['enter a', `exit a: ${(caught as Error).message}`])
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(rejections).toEqual([])
  })

  it('refuses an async body with several managers too', () => {
    const log: Log = []
    const run = withContext as (cm: unknown, body: () => unknown) => unknown
    expect(() => run([syncKit.manager(log, 'a'), syncKit.manager(log, 'b')], () => Promise.resolve(1))).toThrow(
      /withAsyncContext/,
    )
    expect(log).toHaveLength(4)
  })

  it('treats a promise returned by a sync exit as a TypeError, never as suppression', async () => {
    const body = new Error('body')
    const manager = {
      enter: () => undefined,
      exit: () => Promise.reject(new Error('async exit')),
    }
    let caught: unknown
    try {
      withContext(manager as never, () => {
        throw body
      })
    } catch (e) {
      caught = e
    }
    const chained = caught as SuppressedError
    expect(chained).toBeInstanceOf(SuppressedError)
    expect(chained.error).toBeInstanceOf(TypeError)
    expect(chained.suppressed).toBe(body)
    expect(() => withContext(manager as never, () => 1)).toThrow(TypeError)
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(rejections).toEqual([])
  })

  it('prefers enter/exit over Symbol.dispose on the same object', () => {
    const log: Log = []
    const both = {
      enter: () => {
        log.push('enter')
        return 'entered'
      },
      exit: () => {
        log.push('exit')
      },
      [disposeSymbol]: () => {
        log.push('dispose')
      },
    }
    expect(withContext(both, (value) => value)).toBe('entered')
    expect(log).toEqual(['enter', 'exit'])
  })
})

describe('withAsyncContext', () => {
  it('never throws synchronously: bad input rejects', async () => {
    const call = withAsyncContext as (cm: unknown, body: unknown) => Promise<unknown>
    const promise = call(undefined, 'nope')
    expect(promise).toBeInstanceOf(Promise)
    await expect(promise).rejects.toThrow(/^withAsyncContext: expected a body function, got string$/)
  })

  it('accepts sync managers, async disposables and disposables, preferring the async protocols', async () => {
    const log: Log = []
    const asyncFirst = {
      enterAsync: () => {
        log.push('enterAsync')
        return Promise.resolve('async')
      },
      exitAsync: () => {
        log.push('exitAsync')
        return Promise.resolve()
      },
      enter: () => {
        log.push('enter')
        return 'sync'
      },
      exit: () => {
        log.push('exit')
      },
    }
    const syncFirst = {
      enter: () => 'sync',
      exit: () => {
        log.push('exit 2')
      },
      [asyncDisposeSymbol]: () => {
        log.push('asyncDispose 2')
        return Promise.resolve()
      },
    }
    const asyncDisposable = {
      [asyncDisposeSymbol]: async () => {
        await Promise.resolve()
        log.push('asyncDispose 3')
      },
      [disposeSymbol]: () => {
        log.push('dispose 3')
      },
    }
    const disposable = {
      [disposeSymbol]: () => {
        log.push('dispose 4')
      },
    }
    const values = await withAsyncContext([asyncFirst, syncFirst, asyncDisposable, disposable], (v) => v)
    expect(values.slice(0, 2)).toEqual(['async', 'sync'])
    expect(values[2]).toBe(asyncDisposable)
    expect(values[3]).toBe(disposable)
    expect(log).toEqual(['enterAsync', 'dispose 4', 'asyncDispose 3', 'exit 2', 'exitAsync'])
  })

  it('awaits each exit before running the next', async () => {
    const log: Log = []
    const slow = (name: string) => ({
      enterAsync: () => Promise.resolve(name),
      exitAsync: async () => {
        log.push(`start ${name}`)
        await new Promise((resolve) => setTimeout(resolve, 5))
        log.push(`end ${name}`)
      },
    })
    await withAsyncContext([slow('a'), slow('b')], () => undefined)
    expect(log).toEqual(['start b', 'end b', 'start a', 'end a'])
  })
})

describe.each(kits)('generator objects (%s)', (_name, kit) => {
  it('refuses a raw generator object, naming contextManager, and runs nothing', async () => {
    const log: Log = []
    function* plain(): Generator<number> {
      log.push('generator ran')
      yield 1
    }
    async function* plainAsync(): AsyncGenerator<number> {
      log.push('async generator ran')
      yield 1
    }
    for (const generator of [plain(), plainAsync()]) {
      const error = failure(await kit.run(generator, () => log.push('body')))
      expect(error).toBeInstanceOf(TypeError)
      expect((error as Error).message).toContain('got a generator object')
      expect((error as Error).message).toContain('contextManager')
    }
    expect(log).toEqual([])
  })
})
