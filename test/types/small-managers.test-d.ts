// Types of the small managers, `flattenErrors` and the type guards.
import { describe, expectTypeOf, test } from 'vitest'
import {
  asyncClosing,
  asyncDefer,
  closing,
  defer,
  flattenErrors,
  isAsyncContextManager,
  isAsyncDisposable,
  isContextManager,
  isDisposable,
  nullContext,
  suppress,
  timeout,
  type AsyncContextManager,
  type ContextManager,
} from '../../src/index.js'
import { resource, asyncResource } from './fixtures.js'

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
