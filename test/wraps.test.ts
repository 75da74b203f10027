import { describe, expect, expectTypeOf, it } from 'vitest'
import { asyncContextManager, contextManager, withAsyncContext, withContext } from '../src/index.js'

/** Python's test_contextmanager_attribs: a decorator that sets attributes on a function. */
function attribs<F extends object>(fn: F, props: Record<string, unknown>): F {
  return Object.assign(fn, props)
}

const kits = [
  {
    name: 'contextManager',
    decorate: contextManager as (fn: unknown) => object,
    make: () =>
      contextManager(
        attribs(
          function* baz(this: void, spam: string, eggs: number): Generator<string, void, undefined> {
            yield `${spam} ${String(eggs)}`
          },
          { foo: 'bar', wrapped: 'shadowed' },
        ),
      ),
    run: (factory: (spam: string, eggs: number) => unknown) =>
      Promise.resolve(withContext(factory('spam', 2) as Parameters<typeof withContext>[0], (value: unknown) => value)),
  },
  {
    name: 'asyncContextManager',
    decorate: asyncContextManager as (fn: unknown) => object,
    make: () =>
      asyncContextManager(
        attribs(
          async function* baz(this: void, spam: string, eggs: number): AsyncGenerator<string, void, undefined> {
            yield await Promise.resolve(`${spam} ${String(eggs)}`)
          },
          { foo: 'bar', wrapped: 'shadowed' },
        ),
      ),
    run: (factory: (spam: string, eggs: number) => unknown) =>
      withAsyncContext(factory('spam', 2) as Parameters<typeof withAsyncContext>[0], (value: unknown) => value),
  },
]

describe.each(kits)('$name copies the factory as functools.wraps does', ({ decorate, make, run }) => {
  it('takes the name, length and own enumerable properties, and keeps the original as .wrapped', async () => {
    const factory = make()
    expect(factory.name).toBe('baz')
    expect(factory.length).toBe(2)
    expect((factory as unknown as { foo: unknown }).foo).toBe('bar')
    // the original wins over a copied property of the same name, as __wrapped__ is set last
    expect(factory.wrapped.name).toBe('baz')
    expect(typeof factory.wrapped).toBe('function')
    expect(Object.getOwnPropertyDescriptor(factory, 'wrapped')).toMatchObject({ enumerable: false, writable: true, configurable: true })
    // the copy is a value: changing it on the factory leaves the original alone
    ;(factory as unknown as { foo: unknown }).foo = 'changed'
    expect((factory.wrapped as unknown as { foo: unknown }).foo).toBe('bar')
    await expect(run(factory)).resolves.toBe('spam 2')
  })

  it('copies enumerable symbol keys but not non-enumerable ones', () => {
    const tag = Symbol('tag')
    const hidden = Symbol('hidden')
    const factory = make()
    const original = factory.wrapped
    Object.defineProperty(original, hidden, { value: 1, enumerable: false })
    Object.assign(original, { [tag]: 'yes' })
    const copy = decorate(original) as Record<symbol, unknown>
    expect(copy[tag]).toBe('yes')
    expect(Object.prototype.hasOwnProperty.call(copy, hidden)).toBe(false)
  })
})

describe('.wrapped is typed as the generator function', () => {
  it('keeps the parameters and the generator type', () => {
    const sync = contextManager(function* (path: string): Generator<number, void, undefined> {
      yield path.length
    })
    const asynchronous = asyncContextManager(async function* (n: number): AsyncGenerator<number, void, undefined> {
      yield await Promise.resolve(n)
    })
    expectTypeOf(sync.wrapped).parameters.toEqualTypeOf<[path: string]>()
    expectTypeOf(sync.wrapped).returns.toEqualTypeOf<Generator<number, void, undefined>>()
    expectTypeOf(asynchronous.wrapped).returns.toEqualTypeOf<AsyncGenerator<number, void, undefined>>()
    expect(sync.wrapped('abc').next()).toEqual({ done: false, value: 3 })
  })
})
