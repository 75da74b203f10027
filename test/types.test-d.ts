import { describe, expectTypeOf, test } from 'vitest'
import {
  AsyncGeneratorContextManager,
  GeneratorContextManager,
  asyncClosing,
  asyncContextManager,
  asyncDefer,
  closing,
  contextManager,
  defer,
  flattenErrors,
  isAsyncContextManager,
  isAsyncDisposable,
  isContextManager,
  isDisposable,
  nullContext,
  suppress,
  timeout,
  withAsyncContext,
  withContext,
  type AsyncContextManager,
  type ContextManager,
} from '../src/index.js'

interface Db {
  readonly url: string
}
interface Tx {
  commit(): void
}
const db: Db = { url: 'mem://' }
const resource = { id: 1, close(): void {} }
const asyncResource = { id: 2, async close(): Promise<void> {} }

describe('contextManager', () => {
  const transaction = contextManager(function* (this: void, target: Db, retries: number) {
    const tx: Tx = { commit() {} }
    yield tx
    tx.commit()
    return [target, retries]
  })

  test('infers the factory parameters from the generator function', () => {
    expectTypeOf(transaction).parameters.toEqualTypeOf<[target: Db, retries: number]>()
    // @ts-expect-error -- a missing argument does not compile
    transaction(db)
    // @ts-expect-error -- a wrong argument type does not compile
    transaction(db, 'three')
  })

  test('infers the yielded type as the manager value', () => {
    expectTypeOf(transaction(db, 1)).toEqualTypeOf<GeneratorContextManager<Tx>>()
    expectTypeOf(transaction(db, 1).enter()).toEqualTypeOf<Tx>()
    withContext(transaction(db, 1), (tx) => {
      expectTypeOf(tx).toEqualTypeOf<Tx>()
    })
  })

  test('types the result R | undefined, because a generator manager may suppress', () => {
    expectTypeOf(withContext(transaction(db, 1), () => 42)).toEqualTypeOf<number | undefined>()
  })

  test('types `this` from the generator function', () => {
    const method = contextManager(function* (this: Db) {
      yield this.url
    })
    expectTypeOf(method).thisParameter.toEqualTypeOf<Db>()
    const holder = { url: 'x', method }
    expectTypeOf(holder.method()).toEqualTypeOf<GeneratorContextManager<string>>()
  })

  test('rejects what is not a sync generator function', () => {
    // @ts-expect-error -- a number is not a generator function
    contextManager(42)
    // @ts-expect-error -- an async generator function belongs to asyncContextManager
    contextManager(async function* () {
      yield 1
    })
  })

  test('wrap keeps the parameters and `this` of fn and adds undefined to its result', () => {
    const wrapped = transaction(db, 1).wrap(function (this: Db, n: number) {
      return `${this.url}${n}`
    })
    expectTypeOf(wrapped).parameters.toEqualTypeOf<[n: number]>()
    expectTypeOf(wrapped).thisParameter.toEqualTypeOf<Db>()
    expectTypeOf(wrapped).returns.toEqualTypeOf<string | undefined>()
  })

  test('works as a TC39 stage-3 method decorator: `this` is the instance, the block gets the yielded type', () => {
    class Repo {
      readonly url = 'x'
      @contextManager
      *transaction(label: string): Generator<string, void, undefined> {
        expectTypeOf(this.url).toEqualTypeOf<string>()
        yield this.url + label
      }
    }
    const repo = new Repo()
    // TypeScript keeps a decorated method's declared type: the manager is typed as the generator
    expectTypeOf<Parameters<Repo['transaction']>>().toEqualTypeOf<[label: string]>()
    const result = withContext(repo.transaction('t'), (value) => {
      expectTypeOf(value).toEqualTypeOf<string>()
      return value.length
    })
    expectTypeOf(result).toEqualTypeOf<number | undefined>()
    // @ts-expect-error -- the decorated method keeps its parameters
    repo.transaction(1)
  })

  test('as a decorator, refuses a method that is not a generator', () => {
    class Repo {
      // @ts-expect-error -- a plain method is not a generator function
      @contextManager
      transaction(): number {
        return 1
      }
    }
    expectTypeOf<Repo>().toHaveProperty('transaction')
  })
})

describe('asyncContextManager', () => {
  const session = asyncContextManager(async function* (target: Db, user?: string) {
    await Promise.resolve()
    yield { target, user: user ?? 'anon' }
  })

  test('infers the factory parameters, optional ones included, and the yielded type', () => {
    expectTypeOf(session).parameters.toEqualTypeOf<[target: Db, user?: string]>()
    expectTypeOf(session(db)).toEqualTypeOf<AsyncGeneratorContextManager<{ target: Db; user: string }>>()
    expectTypeOf(session(db).enterAsync()).resolves.toEqualTypeOf<{ target: Db; user: string }>()
  })

  test('types the value and a Promise<R | undefined> result in withAsyncContext', async () => {
    const result = withAsyncContext(session(db), async (value) => {
      expectTypeOf(value).toEqualTypeOf<{ target: Db; user: string }>()
      return value.user.length
    })
    expectTypeOf(result).toEqualTypeOf<Promise<number | undefined>>()
    await result
  })

  test('rejects a sync generator function and non-functions', () => {
    // @ts-expect-error -- a sync generator belongs to contextManager
    asyncContextManager(function* () {
      yield 1
    })
    // @ts-expect-error -- a string is not a generator function
    asyncContextManager('x')
  })

  test('works as a TC39 stage-3 method decorator on async generator methods', async () => {
    class Repo {
      readonly url = 'x'
      @asyncContextManager
      async *session(id: number): AsyncGenerator<{ url: string; id: number }, void, undefined> {
        await Promise.resolve()
        yield { url: this.url, id }
      }
    }
    const result = withAsyncContext(new Repo().session(1), (value) => {
      expectTypeOf(value).toEqualTypeOf<{ url: string; id: number }>()
      return value.id
    })
    expectTypeOf(result).toEqualTypeOf<Promise<number | undefined>>()
    await result
  })

  test('wrap returns an async function of fn parameters resolving to R | undefined', () => {
    const wrapped = session(db).wrap(async (n: number) => n > 0)
    expectTypeOf(wrapped).parameters.toEqualTypeOf<[n: number]>()
    expectTypeOf(wrapped).returns.toEqualTypeOf<Promise<boolean | undefined>>()
  })

  test('cannot be used with withContext', () => {
    // @ts-expect-error -- an async manager is not a sync context
    withContext(session(db), () => 1)
  })
})

describe('withContext', () => {
  const openA = contextManager(function* () {
    yield 'a'
  })

  test('infers every value of a tuple of managers, in order', () => {
    const result = withContext([openA(), closing(resource), nullContext(7)], ([a, r, n]) => {
      expectTypeOf(a).toEqualTypeOf<string>()
      expectTypeOf(r).toEqualTypeOf<typeof resource>()
      expectTypeOf(n).toEqualTypeOf<number>()
      return true
    })
    expectTypeOf(result).toEqualTypeOf<boolean | undefined>()
  })

  test('enters a disposable as itself', () => {
    const d = defer(() => undefined)
    withContext(d, (value) => {
      expectTypeOf(value).toEqualTypeOf<Disposable>()
    })
  })

  test('types the result R, without undefined, when no manager can suppress', () => {
    expectTypeOf(withContext(closing(resource), (r) => r.id)).toEqualTypeOf<number>()
    expectTypeOf(withContext(nullContext('v'), (v) => v.length)).toEqualTypeOf<number>()
    expectTypeOf(withContext(defer(() => undefined), () => 'x')).toEqualTypeOf<string>()
    expectTypeOf(withContext([closing(resource), nullContext()], () => 1)).toEqualTypeOf<number>()
  })

  test('types the result R | undefined when some manager may suppress', () => {
    expectTypeOf(withContext(suppress(Error), () => 1)).toEqualTypeOf<number | undefined>()
    expectTypeOf(withContext([closing(resource), suppress('ENOENT')], () => 1)).toEqualTypeOf<number | undefined>()
    const custom: ContextManager<string> = { enter: () => 's', exit: () => true }
    expectTypeOf(withContext(custom, () => 1)).toEqualTypeOf<number | undefined>()
  })

  test('refuses an async body', () => {
    // @ts-expect-error -- an async body belongs to withAsyncContext
    void withContext(nullContext(), async () => 1)
    // @ts-expect-error -- a body returning a promise is refused too
    void withContext(closing(resource), () => Promise.resolve(1))
  })

  test('refuses what is neither a manager nor a disposable', () => {
    // @ts-expect-error -- a number is not a context
    withContext(42, () => 1)
    // @ts-expect-error -- an object with only enter is not a context
    withContext({ enter: () => 1 }, () => 1)
  })
})

describe('withAsyncContext', () => {
  test('infers every value of a mixed tuple: async manager, sync manager, async disposable, disposable', async () => {
    const result = withAsyncContext(
      [timeout(100), asyncClosing(asyncResource), closing(resource), asyncDefer(() => undefined), defer(() => undefined)],
      async ([signal, ar, r, ad, d]) => {
        expectTypeOf(signal).toEqualTypeOf<AbortSignal>()
        expectTypeOf(ar).toEqualTypeOf<typeof asyncResource>()
        expectTypeOf(r).toEqualTypeOf<typeof resource>()
        expectTypeOf(ad).toEqualTypeOf<AsyncDisposable>()
        expectTypeOf(d).toEqualTypeOf<Disposable>()
        return 'done'
      },
    )
    expectTypeOf(result).toEqualTypeOf<Promise<string>>()
    await result
  })

  test('types the result R, without undefined, for managers that cannot suppress', () => {
    expectTypeOf(withAsyncContext(timeout(1), () => 1)).toEqualTypeOf<Promise<number>>()
    expectTypeOf(withAsyncContext(asyncClosing(asyncResource), () => 1)).toEqualTypeOf<Promise<number>>()
    expectTypeOf(withAsyncContext(nullContext(), async () => 1)).toEqualTypeOf<Promise<number>>()
  })

  test('types the result R | undefined when some manager may suppress', () => {
    expectTypeOf(withAsyncContext([timeout(1), suppress(Error)], () => 1)).toEqualTypeOf<Promise<number | undefined>>()
    const custom: AsyncContextManager<void> = { enterAsync: async () => {}, exitAsync: async () => true }
    expectTypeOf(withAsyncContext(custom, () => 1)).toEqualTypeOf<Promise<number | undefined>>()
  })

  test('unwraps the value of an async body', () => {
    expectTypeOf(withAsyncContext(nullContext(), () => Promise.resolve('x'))).toEqualTypeOf<Promise<string>>()
  })
})

describe('small managers', () => {
  test('suppress accepts classes, abstract classes, code strings and predicates, and nothing else', () => {
    abstract class Base extends Error {}
    expectTypeOf(suppress(TypeError, Base, 'ENOENT', (e: unknown) => e === 1)).toEqualTypeOf<ContextManager<void>>()
    // @ts-expect-error -- a number is not a matcher
    suppress(42)
    // @ts-expect-error -- a predicate must return a boolean
    suppress((e: unknown) => String(e))
  })

  test('closing requires a close method and enters as the thing itself', () => {
    expectTypeOf(closing(resource)).toExtend<ContextManager<typeof resource>>()
    expectTypeOf(closing(resource).enter()).toEqualTypeOf<typeof resource>()
    expectTypeOf(asyncClosing(asyncResource)).toExtend<AsyncContextManager<typeof asyncResource>>()
    // @ts-expect-error -- no close method
    closing({ id: 1 })
    // @ts-expect-error -- close is not a function
    asyncClosing({ close: 1 })
  })

  test('nullContext enters as its value, or undefined', () => {
    expectTypeOf(nullContext().enter()).toEqualTypeOf<undefined>()
    expectTypeOf(nullContext({ a: 1 }).enterAsync()).resolves.toEqualTypeOf<{ a: number }>()
  })

  test('defer and asyncDefer give a Disposable and an AsyncDisposable', () => {
    expectTypeOf(defer(() => 1)).toEqualTypeOf<Disposable>()
    expectTypeOf(asyncDefer(async () => {})).toEqualTypeOf<AsyncDisposable>()
    // @ts-expect-error -- defer needs a function
    defer('x')
  })

  test('timeout takes a number and enters as an AbortSignal', () => {
    expectTypeOf(timeout).parameters.toEqualTypeOf<[ms: number]>()
    // @ts-expect-error -- a string is not a duration
    timeout('5')
  })

  test('flattenErrors gives unknown leaves', () => {
    expectTypeOf(flattenErrors(new Error('x'))).toEqualTypeOf<unknown[]>()
  })
})

describe('type guards', () => {
  test('narrow unknown values to the protocols', () => {
    const value: unknown = null
    if (isContextManager(value)) expectTypeOf(value).toEqualTypeOf<ContextManager>()
    if (isAsyncContextManager(value)) expectTypeOf(value).toEqualTypeOf<AsyncContextManager>()
    if (isDisposable(value)) expectTypeOf(value).toEqualTypeOf<Disposable>()
    if (isAsyncDisposable(value)) expectTypeOf(value).toEqualTypeOf<AsyncDisposable>()
  })
})
