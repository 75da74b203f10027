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

// withAsyncContext drives an async generator manager itself (one async
// function awaiting the generator's own promises) instead of awaiting
// enterAsync/exitAsync. These tests pin that the driver is only faster:
// same outcomes and event logs as the general path, which `[m]` takes.
describe("withAsyncContext's driver for async generator managers", () => {
  type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown }
  const outcome = (p: Promise<unknown>): Promise<Outcome> =>
    p.then(
      (value) => ({ ok: true, value }),
      (error: unknown) => ({ ok: false, error }),
    )

  /** One scenario: a generator script and a body, both logging into `log`. */
  interface Scenario {
    name: string
    script: (log: unknown[]) => AsyncGenerator<unknown, void, undefined>
    body: (log: unknown[]) => (value: unknown) => unknown
  }
  const BOOM = new Error('boom')
  const returns = (log: unknown[]) => (value: unknown) => {
    log.push(['body', value])
    return 'result'
  }
  const throws = (thrown: unknown) => (log: unknown[]) => (value: unknown) => {
    log.push(['body', value])
    throw thrown
  }
  const scenarios: Scenario[] = [
    {
      name: 'the body returns',
      async *script(log) {
        log.push('enter')
        yield 'v'
        log.push('exit')
      },
      body: returns,
    },
    {
      name: 'the body rejects and the generator lets it through',
      async *script(log) {
        try {
          yield 'v'
        } finally {
          log.push('finally')
        }
      },
      body: (log) => async (value) => {
        log.push(['body', value])
        await Promise.resolve()
        throw BOOM
      },
    },
    ...[BOOM, undefined, 'a string', 42].map(
      (thrown): Scenario => ({
        name: `the body throws ${String(thrown)} and the generator catches it`,
        async *script(log) {
          try {
            yield 'v'
          } catch (e) {
            log.push(['caught', e])
          }
        },
        body: throws(thrown),
      }),
    ),
    {
      name: 'the generator throws at exit',
      async *script(log) {
        yield 'v'
        log.push('exit')
        throw BOOM
      },
      body: returns,
    },
    {
      name: 'both the body and the generator throw',
      async *script() {
        try {
          yield 'v'
        } finally {
          // eslint-disable-next-line no-unsafe-finally -- the scenario under test
          throw new TypeError('in finally')
        }
      },
      body: throws(BOOM),
    },
    {
      name: 'the generator yields twice',
      async *script(log) {
        try {
          yield 'v'
          yield 'again'
        } finally {
          log.push('closed')
        }
      },
      body: returns,
    },
    {
      name: 'the generator never yields',
      // eslint-disable-next-line require-yield -- the scenario under test
      async *script(log) {
        log.push('enter')
        await Promise.resolve()
      },
      body: returns,
    },
  ]

  it.each(scenarios)('gives the general path’s outcome and event log when $name', async (scenario) => {
    const run = async (wrapInArray: boolean) => {
      const log: unknown[] = []
      const make = asyncContextManager(() => scenario.script(log))
      const body = scenario.body(log)
      const result = wrapInArray
        ? await outcome(withAsyncContext([make()], ([value]) => body(value)))
        : await outcome(withAsyncContext(make(), body))
      return { log, result }
    }
    const driven = await run(false)
    const general = await run(true)
    expect(driven).toEqual(general)
    // and the errors are the very same kind, message and chain
    if (!driven.result.ok && !general.result.ok) {
      expect(String(driven.result.error)).toBe(String(general.result.error))
      expect((driven.result.error as { cause?: unknown } | undefined)?.cause).toEqual((general.result.error as { cause?: unknown } | undefined)?.cause)
    }
  })

  it('refuses a manager entered twice exactly as enterAsync does', async () => {
    const make = asyncContextManager(async function* () {
      yield 1
    })
    const m = make()
    await withAsyncContext(m, () => 'first')
    await expect(withAsyncContext(m, () => 'second')).rejects.toThrow(
      new TypeError('AsyncGeneratorContextManager.enterAsync: a generator manager can only be entered once'),
    )
  })

  it('goes through enterAsync and exitAsync when a subclass overrides them', async () => {
    const log: string[] = []
    const make = asyncContextManager(async function* () {
      yield 'v'
    })
    const Base = AsyncGeneratorContextManager as unknown as new (...args: never[]) => AsyncGeneratorContextManager<string>
    class Logged extends Base {
      override enterAsync(): Promise<string> {
        log.push('enterAsync')
        return super.enterAsync()
      }
      override exitAsync(...thrown: [] | [error: unknown]): Promise<boolean> {
        log.push('exitAsync')
        return super.exitAsync(...thrown)
      }
    }
    const original = make()
    Object.setPrototypeOf(original, Logged.prototype)
    expect(await withAsyncContext(original, (v) => `${v}!`)).toBe('v!')
    expect(log).toEqual(['enterAsync', 'exitAsync'])
  })

  it('reaches the body and the exit in as many microtask turns as awaiting the generator by hand', async () => {
    // a ticker counts microtask turns; each path logs the turn of each step
    let turn = 0
    const ticker = (async () => {
      for (let i = 0; i < 40; i++) {
        await Promise.resolve()
        turn++
      }
    })()
    const at = new Map<string, number>()
    async function* script(name: string) {
      at.set(`${name}:enter`, turn)
      yield name
      at.set(`${name}:exit`, turn)
    }
    const make = asyncContextManager(script)
    const byHand = (async () => {
      const g = script('hand')
      const step = await g.next()
      at.set('hand:body', turn)
      await g.next()
      at.set('hand:done', turn)
      return step.value
    })()
    const driven = (async () => {
      const value = await withAsyncContext(make('ctx'), (v) => {
        at.set('ctx:body', turn)
        return v
      })
      at.set('ctx:done', turn)
      return value
    })()
    expect(await Promise.all([byHand, driven, ticker])).toEqual(['hand', 'ctx', undefined])
    for (const step of ['enter', 'body', 'exit']) expect([step, at.get(`ctx:${step}`)]).toEqual([step, at.get(`hand:${step}`)])
    // the one turn a library call costs: its own promise, awaited by the caller
    expect(at.get('ctx:done')).toBe((at.get('hand:done') ?? NaN) + 1)
  })

  it('rejects, without throwing synchronously, when reading the manager throws', async () => {
    const hostile = {
      get enterAsync(): never {
        throw new RangeError('getter')
      },
    }
    let promise: Promise<unknown> | undefined
    expect(() => {
      promise = withAsyncContext(hostile as never, () => 1)
    }).not.toThrow()
    await expect(promise).rejects.toThrow(new RangeError('getter'))
  })
})
