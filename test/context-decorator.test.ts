import { describe, expect, it } from 'vitest'
import { AsyncContextDecorator, ContextDecorator, type ContextManager } from '../src/index.js'

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Logs its enter and exit; suppresses when built with `suppressing`. */
class Logged extends ContextDecorator {
  readonly log: unknown[]
  readonly suppressing: boolean
  constructor(log: unknown[], suppressing = false) {
    super()
    this.log = log
    this.suppressing = suppressing
  }
  enter(): void {
    this.log.push('enter')
  }
  exit(...thrown: [] | [error: unknown]): boolean {
    this.log.push(thrown.length === 0 ? 'exit' : ['exit', thrown[0]])
    return this.suppressing
  }
}

class AsyncLogged extends AsyncContextDecorator {
  readonly log: unknown[]
  readonly suppressing: boolean
  constructor(log: unknown[], suppressing = false) {
    super()
    this.log = log
    this.suppressing = suppressing
  }
  async enterAsync(): Promise<void> {
    await tick()
    this.log.push('enter')
  }
  async exitAsync(...thrown: [] | [error: unknown]): Promise<boolean> {
    await tick()
    this.log.push(thrown.length === 0 ? 'exit' : ['exit', thrown[0]])
    return this.suppressing
  }
}

interface Kit {
  readonly name: 'ContextDecorator' | 'AsyncContextDecorator'
  /** `new Logged(...).wrap(fn)`, with the result turned into a promise. */
  wrap<This, A extends unknown[], R>(
    log: unknown[],
    suppressing: boolean,
    fn: (this: This, ...args: A) => R,
  ): (this: This, ...args: A) => Promise<R | undefined>
  readonly instance: (log: unknown[]) => ContextDecorator | AsyncContextDecorator
}

const kits: Kit[] = [
  {
    name: 'ContextDecorator',
    wrap<This, A extends unknown[], R>(log: unknown[], suppressing: boolean, fn: (this: This, ...args: A) => R) {
      const wrapped = new Logged(log, suppressing).wrap(fn)
      return function (this: This, ...args: A): Promise<R | undefined> {
        return new Promise((resolve) => {
          resolve(wrapped.apply(this, args))
        })
      }
    },
    instance: (log) => new Logged(log),
  },
  {
    name: 'AsyncContextDecorator',
    wrap: (log, suppressing, fn) => new AsyncLogged(log, suppressing).wrap(fn),
    instance: (log) => new AsyncLogged(log),
  },
]

describe.each(kits)('$name', (kit) => {
  it('runs fn inside the manager on every call and returns its result', async () => {
    const log: unknown[] = []
    const wrapped = kit.wrap(log, false, (n: number) => {
      log.push(['fn', n])
      return n * 10
    })
    expect(await wrapped(1)).toBe(10)
    expect(await wrapped(2)).toBe(20)
    expect(log).toEqual(['enter', ['fn', 1], 'exit', 'enter', ['fn', 2], 'exit'])
  })

  it("forwards the wrapper's `this` and arguments to fn", async () => {
    const seen: unknown[] = []
    const wrapped = kit.wrap([], false, function (this: { id: string }, a: number, b: string) {
      seen.push(this, a, b)
      return this.id
    })
    const self = { id: 'caller', wrapped }
    expect(await self.wrapped(1, 'b')).toBe('caller')
    expect(seen[0]).toBe(self)
    expect(seen.slice(1)).toEqual([1, 'b'])
  })

  it.each([
    ['an Error', new Error('fn failed')],
    ['undefined', undefined],
    ['a string', 'fn failed'],
  ])('hands %s thrown by fn to exit and propagates it by identity', async (_, thrown) => {
    const log: unknown[] = []
    const wrapped = kit.wrap(log, false, () => {
      throw thrown
    })
    const outcome = await wrapped().then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    )
    expect(outcome).toEqual({ error: thrown })
    expect('error' in outcome && outcome.error).toBe(thrown)
    expect(log).toEqual(['enter', ['exit', thrown]])
  })

  it('returns undefined when the manager suppresses the error fn throws', async () => {
    const log: unknown[] = []
    const error = new Error('fn failed')
    const wrapped = kit.wrap(log, true, (): number => {
      throw error
    })
    expect(await wrapped()).toBeUndefined()
    expect(log).toEqual(['enter', ['exit', error]])
  })

  it('throws a TypeError naming wrap and the received type when fn is not a function', () => {
    expect(() => kit.instance([]).wrap(42 as unknown as () => void)).toThrow(
      new TypeError(`${kit.name}.wrap: expected a function, got number`),
    )
  })
})

describe('ContextDecorator', () => {
  it('runs each call in the manager that recreate() gives', () => {
    const log: unknown[] = []
    let made = 0
    class Fresh extends ContextDecorator {
      readonly id: number
      constructor(id: number) {
        super()
        this.id = id
      }
      enter(): void {
        log.push(['enter', this.id])
      }
      exit(): void {
        log.push(['exit', this.id])
      }
      protected override recreate(): ContextManager {
        made += 1
        return new Fresh(made)
      }
    }
    const wrapped = new Fresh(0).wrap(() => log.push('fn'))
    wrapped()
    wrapped()
    expect(log).toEqual([['enter', 1], 'fn', ['exit', 1], ['enter', 2], 'fn', ['exit', 2]])
  })

  it('runs synchronously: exit has run when the wrapper returns', () => {
    const log: unknown[] = []
    const wrapped = new Logged(log).wrap(() => log.push('fn'))
    wrapped()
    log.push('returned')
    expect(log).toEqual(['enter', 'fn', 'exit', 'returned'])
  })
})

describe('AsyncContextDecorator', () => {
  it('awaits an async fn before exiting', async () => {
    const log: unknown[] = []
    const wrapped = new AsyncLogged(log).wrap(async () => {
      log.push('fn:start')
      await tick()
      log.push('fn:end')
      return 'done'
    })
    expect(await wrapped()).toBe('done')
    expect(log).toEqual(['enter', 'fn:start', 'fn:end', 'exit'])
  })

  it('returns a promise that rejects, never a synchronous throw, when fn throws synchronously', async () => {
    const error = new Error('sync throw')
    const wrapped = new AsyncLogged([]).wrap(() => {
      throw error
    })
    let result: Promise<unknown> | undefined
    expect(() => {
      result = wrapped()
    }).not.toThrow()
    expect(result).toBeInstanceOf(Promise)
    await expect(result).rejects.toBe(error)
  })
})
