// Types of the `ctxlib/ponyfill` entry.
import { describe, expectTypeOf, test } from 'vitest'
import { AsyncDisposableStack, DisposableStack, SuppressedError } from '../../src/ponyfill/index.js'

describe('ctxlib/ponyfill', () => {
  test('use and adopt return what they were given', () => {
    const stack = new DisposableStack()
    const resource = { id: 1, [Symbol.dispose](): void {} }
    expectTypeOf(stack.use(resource)).toEqualTypeOf<typeof resource>()
    expectTypeOf(stack.use(null)).toEqualTypeOf<null>()
    expectTypeOf(stack.adopt(7, (n) => expectTypeOf(n).toEqualTypeOf<number>())).toEqualTypeOf<number>()
    expectTypeOf(stack.move()).toEqualTypeOf<DisposableStack>()
  })

  test('the async stack disposes through a promise and accepts sync disposables', () => {
    const stack = new AsyncDisposableStack()
    expectTypeOf(stack.disposeAsync()).toEqualTypeOf<Promise<void>>()
    const sync = { [Symbol.dispose](): void {} }
    expectTypeOf(stack.use(sync)).toEqualTypeOf<typeof sync>()
    // @ts-expect-error a value that is not disposable
    stack.use({ id: 1 })
  })

  test('SuppressedError is callable with and without new', () => {
    expectTypeOf(new SuppressedError(1, 2)).toEqualTypeOf<SuppressedError>()
    expectTypeOf(SuppressedError(1, 2, 'both')).toEqualTypeOf<SuppressedError>()
    expectTypeOf(new SuppressedError(1, 2).error).toEqualTypeOf<unknown>()
  })
})
