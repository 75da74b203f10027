import { runInThisContext } from 'node:vm'
import { transform } from 'esbuild'
import { describe, expect, it, vi } from 'vitest'
import {
  AsyncGeneratorContextManager,
  GeneratorContextManager,
  SuppressedError,
  asyncContextManager,
  contextManager,
  withAsyncContext,
  withContext,
} from '../src/index.js'
import { collectGarbage, rejection } from './support/kit.js'

/**
 * The generator managers' behaviour is the same on both paths, so each test
 * is written once as a SYNC generator script and run through a twin: the
 * sync twin hands the script to `contextManager` as it is, the async twin
 * wraps it in an `async function*` that awaits first and delegates with
 * `yield*` (which forwards `next`/`throw`/`return` to the script).
 */
type Script<This, A extends unknown[], T> = (this: This, ...args: A) => Generator<T, unknown, undefined>

interface Twin<T> {
  readonly raw: GeneratorContextManager<T> | AsyncGeneratorContextManager<T>
  enter(): Promise<T>
  exit(...thrown: [] | [error: unknown]): Promise<boolean>
  run(body: (value: T) => unknown): Promise<unknown>
  wrap<This, A extends unknown[], R>(fn: (this: This, ...args: A) => R): (this: This, ...args: A) => Promise<R | undefined>
}

interface Kit {
  readonly name: 'contextManager' | 'asyncContextManager'
  readonly managerClass: typeof GeneratorContextManager | typeof AsyncGeneratorContextManager
  factory<This, A extends unknown[], T>(script: Script<This, A, T>): (this: This, ...args: A) => Twin<T>
  /** A manager from a factory whose function returns `fn()`'s result, whatever it is. */
  fromFunction(fn: () => unknown): Twin<unknown>
  /** What `enter` expects the factory to have returned, as its refusal names it. */
  readonly enterRefusal: string
  /** Source of a decorated generator method, for the TC39 decorator tests. */
  readonly decorated: string
}

/** Runs `fn` now and turns its outcome into a promise (a synchronous throw becomes a rejection). */
function settle<R>(fn: () => R): Promise<R> {
  return new Promise<R>((resolve) => {
    resolve(fn())
  })
}

function syncTwin<T>(raw: GeneratorContextManager<T>): Twin<T> {
  return {
    raw,
    enter: () => settle(() => raw.enter()),
    exit: (...thrown) => settle(() => raw.exit(...thrown)),
    run: (body) => settle(() => withContext(raw, body)),
    wrap<This, A extends unknown[], R>(fn: (this: This, ...args: A) => R) {
      const wrapped = raw.wrap(fn)
      return function (this: This, ...args: A): Promise<R | undefined> {
        return settle(() => wrapped.apply(this, args))
      }
    },
  }
}

function asyncTwin<T>(raw: AsyncGeneratorContextManager<T>): Twin<T> {
  return {
    raw,
    enter: () => raw.enterAsync(),
    exit: (...thrown) => raw.exitAsync(...thrown),
    run: (body) => withAsyncContext(raw, body),
    wrap: (fn) => raw.wrap(fn),
  }
}

const kits: Kit[] = [
  {
    name: 'contextManager',
    managerClass: GeneratorContextManager,
    factory<This, A extends unknown[], T>(script: Script<This, A, T>) {
      const make = contextManager(script)
      return function (this: This, ...args: A): Twin<T> {
        return syncTwin(make.apply(this, args))
      }
    },
    fromFunction: (fn) => syncTwin(contextManager(fn as () => Generator)()),
    enterRefusal: 'GeneratorContextManager.enter: expected the factory to return a generator',
    decorated: `@contextManager *transaction(label) {
      log.push(['enter', this.name, label])
      try { yield this.name + ':' + label } finally { log.push(['exit', this.name]) }
    }`,
  },
  {
    name: 'asyncContextManager',
    managerClass: AsyncGeneratorContextManager,
    factory<This, A extends unknown[], T>(script: Script<This, A, T>) {
      const make = asyncContextManager(async function* (this: This, ...args: A) {
        await Promise.resolve()
        return yield* script.apply(this, args)
      })
      return function (this: This, ...args: A): Twin<T> {
        return asyncTwin(make.apply(this, args))
      }
    },
    fromFunction: (fn) => asyncTwin(asyncContextManager(fn as () => AsyncGenerator)()),
    enterRefusal: 'AsyncGeneratorContextManager.enterAsync: expected the factory to return an async generator',
    decorated: `@asyncContextManager async *transaction(label) {
      await Promise.resolve()
      log.push(['enter', this.name, label])
      try { yield this.name + ':' + label } finally { log.push(['exit', this.name]) }
    }`,
  },
]

const weird: [string, unknown][] = [
  ['undefined', undefined],
  ['null', null],
  ['a number', 42],
  ['a string', 'boom'],
  ['a plain object', { reason: 'boom' }],
  ['an Error', new Error('boom')],
]

describe.each(kits)('$name', (kit) => {
  describe('factory', () => {
    it('runs nothing until the manager is entered', () => {
      const log: string[] = []
      const make = kit.factory(function* () {
        log.push('started')
        yield 1
      })
      make()
      expect(log).toEqual([])
    })

    it('returns a fresh manager on every call', () => {
      const make = kit.factory(function* () {
        yield 1
      })
      const a = make()
      const b = make()
      expect(a.raw).toBeInstanceOf(kit.managerClass)
      expect(a.raw).not.toBe(b.raw)
    })

    it('forwards `this` and the arguments to the generator function', async () => {
      const seen: unknown[] = []
      const self = { id: 'self' }
      const make = kit.factory(function* (this: { id: string }, a: number, b: string) {
        seen.push(this, a, b)
        yield `${this.id}-${a}-${b}`
      })
      const value = await make.call(self, 1, 'x').run((v) => v)
      expect(value).toBe('self-1-x')
      expect(seen).toEqual([self, 1, 'x'])
      expect(seen[0]).toBe(self)
    })
  })

  describe('enter and exit', () => {
    it('runs the generator to its first yield, gives the yielded value to the body, then finishes it', async () => {
      const log: unknown[] = []
      const make = kit.factory(function* () {
        log.push('before')
        yield 'value'
        log.push('after')
      })
      const result = await make().run((value) => {
        log.push(['body', value])
        return 'result'
      })
      expect(result).toBe('result')
      expect(log).toEqual(['before', ['body', 'value'], 'after'])
    })

    it('returns false from exit when the block completed', async () => {
      const manager = kit.factory(function* () {
        yield 1
      })()
      expect(await manager.enter()).toBe(1)
      expect(await manager.exit()).toBe(false)
    })

    it('propagates an error thrown before the first yield, without running the body', async () => {
      const boom = new Error('enter failed')
      const log: string[] = []
      // eslint-disable-next-line require-yield -- it fails before its yield
      const make = kit.factory(function* (): Generator<number> {
        throw boom
      })
      expect(
        await rejection(
          make().run(() => {
            log.push('body')
          }),
        ),
      ).toBe(boom)
      expect(log).toEqual([])
    })

    it("throws a TypeError containing `didn't yield` when the generator finishes without yielding", async () => {
      const log: string[] = []
      // eslint-disable-next-line require-yield -- a generator that never yields is the point
      const make = kit.factory(function* (): Generator<number> {
        log.push('ran')
      })
      const error = await rejection(
        make().run(() => {
          log.push('body')
        }),
      )
      expect(error).toBeInstanceOf(TypeError)
      expect((error as Error).message).toContain("didn't yield")
      expect(log).toEqual(['ran'])
    })

    it('propagates an error thrown after the yield when the block completed', async () => {
      const boom = new Error('exit failed')
      const make = kit.factory(function* () {
        yield 1
        throw boom
      })
      expect(await rejection(make().run(() => 'result'))).toBe(boom)
    })

    it("throws a TypeError containing `didn't stop`, without a cause, when the generator yields twice; its finally still runs", async () => {
      const log: string[] = []
      const make = kit.factory(function* () {
        try {
          yield 1
          yield 2
          log.push('unreachable')
        } finally {
          log.push('finally')
        }
      })
      const error = await rejection(make().run(() => log.push('body')))
      expect(error).toBeInstanceOf(TypeError)
      expect((error as Error).message).toContain("didn't stop")
      expect((error as Error).message).not.toContain('after throw')
      expect(Object.hasOwn(error as object, 'cause')).toBe(false)
      expect(log).toEqual(['body', 'finally'])
    })

    it('does not lose an error thrown by the finally block that closes a generator yielding twice', async () => {
      const closeError = new Error('finally failed')
      const make = kit.factory(function* () {
        try {
          yield 1
          yield 2
        } finally {
          // eslint-disable-next-line no-unsafe-finally -- the point of the test
          throw closeError
        }
      })
      const error = await rejection(make().run(() => undefined))
      expect(error).toBeInstanceOf(SuppressedError)
      const suppressed = error as SuppressedError
      expect(suppressed.error).toBe(closeError)
      expect(suppressed.suppressed).toBeInstanceOf(TypeError)
      expect((suppressed.suppressed as Error).message).toContain("didn't stop")
    })
  })

  describe('when the block throws', () => {
    it.each(weird)('throws %s into the generator at the yield, by identity', async (_, thrown) => {
      const seen: unknown[] = []
      const make = kit.factory(function* () {
        try {
          yield 1
        } catch (error) {
          seen.push(error)
          throw error
        }
      })
      const error = await rejection(
        make().run(() => {
          throw thrown
        }),
      )
      expect(seen).toHaveLength(1)
      expect(seen[0]).toBe(thrown)
      expect(error).toBe(thrown)
    })

    it('counts `throw undefined` as a throw: the generator catches undefined and the block returns undefined', async () => {
      const log: unknown[] = []
      const make = kit.factory(function* () {
        try {
          yield 1
          log.push('completed')
        } catch (error) {
          log.push(['caught', error])
        }
      })
      const result = await make().run(() => {
        throw undefined
      })
      expect(result).toBeUndefined()
      expect(log).toEqual([['caught', undefined]])
    })

    it('propagates the error by identity when the generator does not catch it; finally runs first', async () => {
      const boom = new Error('body failed')
      const log: string[] = []
      const make = kit.factory(function* () {
        try {
          yield 1
        } finally {
          log.push('finally')
        }
      })
      const error = await rejection(
        make().run(() => {
          log.push('body')
          throw boom
        }),
      )
      expect(error).toBe(boom)
      expect(log).toEqual(['body', 'finally'])
    })

    it('returns false from exit when the generator re-throws the same value', async () => {
      const boom = new Error('body failed')
      const manager = kit.factory(function* () {
        // eslint-disable-next-line no-useless-catch -- re-throwing the same value is the case under test
        try {
          yield 1
        } catch (error) {
          throw error
        }
      })()
      await manager.enter()
      expect(await manager.exit(boom)).toBe(false)
    })

    it('suppresses the error when the generator catches it and finishes: exit returns true, the block gives undefined', async () => {
      const make = kit.factory(function* () {
        try {
          yield 1
        } catch {
          // swallowed on purpose
        }
      })
      const direct = make()
      await direct.enter()
      expect(await direct.exit(new Error('x'))).toBe(true)
      expect(
        await make().run(() => {
          throw new Error('body failed')
        }),
      ).toBeUndefined()
    })

    it('throws a SuppressedError (error: the new one, suppressed: the body one) when the generator throws something else', async () => {
      const bodyError = new Error('body failed')
      const exitError = new RangeError('exit failed')
      const make = kit.factory(function* () {
        try {
          yield 1
        } catch {
          throw exitError
        }
      })
      const error = await rejection(
        make().run(() => {
          throw bodyError
        }),
      )
      expect(error).toBeInstanceOf(SuppressedError)
      const suppressed = error as SuppressedError
      expect(suppressed.error).toBe(exitError)
      expect(suppressed.suppressed).toBe(bodyError)
      expect(suppressed.message).toContain('RangeError: exit failed')
      expect(suppressed.message).toContain('Error: body failed')
    })

    it('throws a SuppressedError when the generator throws a non-Error value instead of the body one', async () => {
      const make = kit.factory(function* () {
        try {
          yield 1
        } catch {
          throw 7
        }
      })
      const error = await rejection(
        make().run(() => {
          throw 'body'
        }),
      )
      expect(error).toBeInstanceOf(SuppressedError)
      expect((error as SuppressedError).error).toBe(7)
      expect((error as SuppressedError).suppressed).toBe('body')
    })

    it('propagates the new error itself when the generator chains it with `{ cause: e }`', async () => {
      const bodyError = new Error('body failed')
      let translated: Error | undefined
      const make = kit.factory(function* () {
        try {
          yield 1
        } catch (e) {
          translated = new Error('translated', { cause: e })
          throw translated
        }
      })
      const error = await rejection(
        make().run(() => {
          throw bodyError
        }),
      )
      expect(error).toBe(translated)
      expect((error as Error).cause).toBe(bodyError)
    })

    it("throws a TypeError containing `didn't stop after throw`, its cause the pending error, when the generator yields again; its finally still runs", async () => {
      const bodyError = new Error('body failed')
      const log: string[] = []
      const make = kit.factory(function* () {
        try {
          try {
            yield 1
          } catch {
            yield 2
          }
        } finally {
          log.push('finally')
        }
      })
      const error = await rejection(
        make().run(() => {
          throw bodyError
        }),
      )
      expect(error).toBeInstanceOf(TypeError)
      expect((error as Error).message).toContain("didn't stop after throw")
      expect((error as Error).cause).toBe(bodyError)
      expect(log).toEqual(['finally'])
    })

    it("gives `didn't stop after throw` an own `cause` of undefined when the block threw undefined", async () => {
      const make = kit.factory(function* () {
        try {
          yield 1
        } catch {
          yield 2
        }
      })
      const error = await rejection(
        make().run(() => {
          throw undefined
        }),
      )
      expect(error).toBeInstanceOf(TypeError)
      expect(Object.hasOwn(error as object, 'cause')).toBe(true)
      expect((error as Error).cause).toBeUndefined()
    })
  })

  describe('single use', () => {
    it('throws a TypeError when entered twice', async () => {
      const log: string[] = []
      const manager = kit.factory(function* () {
        log.push('started')
        yield 1
      })()
      await manager.enter()
      expect(await rejection(manager.enter())).toBeInstanceOf(TypeError)
      expect(log).toEqual(['started'])
    })

    it('throws a TypeError when entered again after exit', async () => {
      const manager = kit.factory(function* () {
        yield 1
      })()
      await manager.run(() => undefined)
      const error = await rejection(manager.run(() => undefined))
      expect(error).toBeInstanceOf(TypeError)
      expect((error as Error).message).toContain('once')
    })

    it("throws a TypeError when entered again after `didn't yield`", async () => {
        const manager = kit.factory(function* (): Generator<number> {
        // finishes at once
      })()
      await rejection(manager.enter())
      const error = await rejection(manager.enter())
      expect(error).toBeInstanceOf(TypeError)
      expect((error as Error).message).not.toContain("didn't yield")
    })

    it('refuses to enter when the factory returned no generator, naming what it returned', async () => {
      for (const [returned, type] of [[42, 'number'], [null, 'null'], [{ next: 1 }, 'object']] as const) {
        const manager = kit.fromFunction(() => returned)
        expect(await rejection(manager.enter())).toEqual(new TypeError(`${kit.enterRefusal}, got ${type}`))
        // never entered: nothing to exit
        expect((await rejection(manager.exit()) as Error).message).toContain('not entered')
      }
    })

    it('leaves nothing to exit when the generator throws before it yields', async () => {
      const log: string[] = []
      const boom = new Error('setup failed')
      const manager = kit.factory(function* (): Generator<number> {
        log.push('started')
        if (log.length > 0) throw boom
        yield 1
      })()
      expect(await rejection(manager.enter())).toBe(boom)
      const error = await rejection(manager.exit())
      expect(error).toBeInstanceOf(TypeError)
      expect((error as Error).message).toContain('not entered')
      expect(await rejection(manager.enter())).toBeInstanceOf(TypeError)
      expect(log).toEqual(['started'])
    })

    it('throws a TypeError when exit is called without enter', async () => {
      const log: string[] = []
      const manager = kit.factory(function* () {
        log.push('started')
        yield 1
      })()
      const error = await rejection(manager.exit())
      expect(error).toBeInstanceOf(TypeError)
      expect((error as Error).message).toContain('not entered')
      expect(log).toEqual([])
    })

    it('throws a TypeError when exit is called twice, without resuming the generator again', async () => {
      const log: string[] = []
      const manager = kit.factory(function* () {
        yield 1
        log.push('resumed')
      })()
      await manager.enter()
      expect(await manager.exit()).toBe(false)
      expect(await rejection(manager.exit(new Error('again')))).toBeInstanceOf(TypeError)
      expect(log).toEqual(['resumed'])
    })
  })

  describe('wrap', () => {
    it('builds a fresh manager with the same factory arguments on every call', async () => {
      const log: unknown[] = []
      const self = { id: 'factory-this' }
      const make = kit.factory(function* (this: { id: string }, label: string) {
        log.push(['enter', this.id, label])
        yield label
        log.push(['exit', label])
      })
      const wrapped = make.call(self, 'L').wrap((n: number) => {
        log.push(['fn', n])
        return n * 2
      })
      expect(await wrapped(1)).toBe(2)
      expect(await wrapped(2)).toBe(4)
      expect(log).toEqual([
        ['enter', 'factory-this', 'L'],
        ['fn', 1],
        ['exit', 'L'],
        ['enter', 'factory-this', 'L'],
        ['fn', 2],
        ['exit', 'L'],
      ])
    })

    it("forwards the wrapper's `this` and arguments to fn", async () => {
      const seen: unknown[] = []
      const wrapped = kit
        .factory(function* () {
          yield 1
        })()
        .wrap(function (this: { id: string }, a: number, b: string) {
          seen.push(this, a, b)
          return this.id
        })
      const self = { id: 'caller', wrapped }
      expect(await self.wrapped(1, 'b')).toBe('caller')
      expect(seen[0]).toBe(self)
      expect(seen.slice(1)).toEqual([1, 'b'])
    })

    it('returns undefined when the manager suppresses the error fn throws', async () => {
      const wrapped = kit
        .factory(function* () {
          try {
            yield 1
          } catch {
            // suppressed
          }
        })()
        .wrap((): number => {
          throw new Error('fn failed')
        })
      expect(await wrapped()).toBeUndefined()
    })

    it('propagates the error fn throws, by identity, when the manager does not suppress it', async () => {
      const boom = new Error('fn failed')
      const wrapped = kit
        .factory(function* () {
          yield 1
        })()
        .wrap(() => {
          throw boom
        })
      expect(await rejection(wrapped())).toBe(boom)
    })

    it('works from a manager that was already used', async () => {
      const manager = kit.factory(function* () {
        yield 1
      })()
      await manager.run(() => undefined)
      expect(await manager.wrap(() => 'again')()).toBe('again')
    })

    it('throws a TypeError naming wrap when fn is not a function', () => {
      const manager = kit.factory(function* () {
        yield 1
      })()
      expect(() => manager.raw.wrap(42 as unknown as () => void)).toThrow(
        new TypeError(`${manager.raw.constructor.name}.wrap: expected a function, got number`),
      )
    })
  })

  describe('as a TC39 method decorator (compiled by esbuild)', () => {
    type Db = { name: string; transaction(label: string): GeneratorContextManager<string> | AsyncGeneratorContextManager<string> }
    type DbClass = new (name: string) => Db

    /**
     * vitest's transformer (oxc, through vite 8) leaves stage-3 decorators as
     * they are, and Node 20 cannot parse them; esbuild lowers them, so the
     * class is compiled here and evaluated in this realm.
     */
    async function compile(log: unknown[]): Promise<DbClass> {
      const source = `module.exports = class Db {
        constructor(name) { this.name = name }
        ${kit.decorated}
      }`
      const { code } = await transform(source, { loader: 'ts', target: 'es2022', format: 'cjs' })
      const define = runInThisContext(
        `(function (module, log, contextManager, asyncContextManager) {\n${code}\n})`,
      ) as (module: { exports: unknown }, log: unknown[], cm: typeof contextManager, acm: typeof asyncContextManager) => void
      const module: { exports: unknown } = { exports: undefined }
      define(module, log, contextManager, asyncContextManager)
      return module.exports as DbClass
    }

    async function run(manager: Db['transaction'] extends (label: string) => infer M ? M : never): Promise<unknown> {
      return manager instanceof GeneratorContextManager
        ? withContext(manager, (value) => value)
        : withAsyncContext(manager, (value) => value)
    }

    it('turns the method into a manager factory whose generator gets the instance as `this`', async () => {
      const log: unknown[] = []
      const Db = await compile(log)
      const db = new Db('main')
      const manager = db.transaction('t1')
      expect(manager).toBeInstanceOf(kit.managerClass)
      expect(log).toEqual([])
      expect(await run(manager)).toBe('main:t1')
      expect(log).toEqual([
        ['enter', 'main', 't1'],
        ['exit', 'main'],
      ])
    })

    it("rebuilds the manager for `.wrap` with the method's `this`, while fn gets the wrapper's `this`", async () => {
      const log: unknown[] = []
      const Db = await compile(log)
      const db = new Db('main')
      const caller = { name: 'caller' }
      const fn = function (this: { name: string }): string {
        log.push(['fn', this.name])
        return 'done'
      }
      const manager = db.transaction('t2')
      const wrapped: (this: { name: string }) => unknown =
        manager instanceof GeneratorContextManager ? manager.wrap(fn) : manager.wrap(fn)
      expect(await Promise.resolve(wrapped.call(caller))).toBe('done')
      expect(await Promise.resolve(wrapped.call(caller))).toBe('done')
      expect(log).toEqual([
        ['enter', 'main', 't2'],
        ['fn', 'caller'],
        ['exit', 'main'],
        ['enter', 'main', 't2'],
        ['fn', 'caller'],
        ['exit', 'main'],
      ])
    })
  })
})

describe('contextManager', () => {
  it("keeps nothing of the caller's alive, the first factory and manager included (sync and async)", async () => {
    // Each module keeps one idle manager of its own (V8 drops the managers'
    // hidden class when none is alive): it must not be the caller's.
    vi.resetModules()
    const sync = await import('../src/context-manager.js')
    const async = await import('../src/async-context-manager.js')
    const log: unknown[] = []
    const refs = await (async (): Promise<WeakRef<object>[]> => {
      const syncFn = function* (): Generator<string> {
        yield 'sync'
      }
      const asyncFn = async function* (): AsyncGenerator<string> {
        yield 'async'
      }
      const syncManager = sync.contextManager(syncFn)()
      const asyncManager = async.asyncContextManager(asyncFn)()
      log.push(withContext(syncManager, (value) => value), await withAsyncContext(asyncManager, (value) => value))
      return [syncFn, asyncFn, syncManager, asyncManager].map((object) => new WeakRef(object))
    })()
    await collectGarbage()
    expect(log).toEqual(['sync', 'async'])
    expect(refs.map((ref) => ref.deref())).toEqual([undefined, undefined, undefined, undefined])
  })

  it('gives the factory the name of the generator function', () => {
    const make = contextManager(function* named() {
      yield 1
    })
    expect(make.name).toBe('named')
  })

  it('throws a TypeError naming contextManager and the received type when given a non-function', () => {
    expect(() => contextManager(42 as never)).toThrow(
      new TypeError('contextManager: expected a generator function, got number'),
    )
    expect(() => contextManager(null as never)).toThrow(
      new TypeError('contextManager: expected a generator function, got null'),
    )
  })

  it('runs synchronously: the block has completed when withContext returns', () => {
    const log: string[] = []
    const make = contextManager(function* () {
      log.push('enter')
      yield
      log.push('exit')
    })
    withContext(make(), () => log.push('body'))
    expect(log).toEqual(['enter', 'body', 'exit'])
  })
})
