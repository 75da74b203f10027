// Types of the generator managers: `contextManager` and `asyncContextManager`.
import { describe, expectTypeOf, test } from 'vitest'
import {
  AsyncGeneratorContextManager,
  GeneratorContextManager,
  asyncContextManager,
  contextManager,
  withAsyncContext,
  withContext,
} from '../../src/index.js'
import { type Db, type Tx, db } from './fixtures.js'

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
