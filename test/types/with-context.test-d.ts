// Types of running a block: `withContext` and `withAsyncContext`.
import { describe, expectTypeOf, test } from 'vitest'
import {
  asyncClosing,
  asyncDefer,
  closing,
  contextManager,
  defer,
  nullContext,
  suppress,
  timeout,
  withAsyncContext,
  withContext,
  type AsyncContextManager,
  type ContextManager,
} from '../../src/index.js'
import { resource, asyncResource } from './fixtures.js'

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
