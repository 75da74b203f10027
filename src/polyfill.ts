/**
 * `ctxlib/polyfill`: the library's only module with side effects. Importing
 * it installs, where missing, `Symbol.dispose`, `Symbol.asyncDispose`,
 * `DisposableStack`, `AsyncDisposableStack`, `SuppressedError` (exactly the
 * classes of `ctxlib/ponyfill`), `%IteratorPrototype%[Symbol.dispose]` and
 * `%AsyncIteratorPrototype%[Symbol.asyncDispose]`. Whatever is already
 * present, native or another polyfill's, is never replaced.
 *
 * The symbols it installs are `Symbol.for('Symbol.dispose')` and
 * `Symbol.for('Symbol.asyncDispose')`: the keys that core-js, esbuild, Babel
 * and the rest of ctxlib already fall back to, so everything agrees on one key
 * whichever was loaded first.
 *
 * @example
 * ```ts
 * import 'ctxlib/polyfill'
 * using stack = new DisposableStack()
 * ```
 *
 * @module ctxlib/polyfill
 */
import { asyncDisposeSymbol, disposeSymbol } from './internal/symbols.js'
import { AsyncDisposableStack, DisposableStack, SuppressedError } from './ponyfill/index.js'
import { define } from './internal/define.js'
import { badArgument } from './internal/describe.js'

/**
 * Installs `value` as `target[key]` unless `key` is already there. Uses
 * Reflect.defineProperty so that a frozen target (a hardened realm) is
 * left alone instead of making the import throw.
 */
function provide(target: object, key: PropertyKey, descriptor: PropertyDescriptor): void {
  if (!(key in target)) Reflect.defineProperty(target, key, descriptor)
}

/** Like a built-in: writable, not enumerable, configurable. */
const builtin = (value: unknown): PropertyDescriptor => ({ value, writable: true, configurable: true })

// Well-known symbols are { writable: false, enumerable: false, configurable: false }.
provide(Symbol, 'dispose', { value: disposeSymbol })
provide(Symbol, 'asyncDispose', { value: asyncDisposeSymbol })

provide(globalThis, 'SuppressedError', builtin(SuppressedError))
provide(globalThis, 'DisposableStack', builtin(DisposableStack))
provide(globalThis, 'AsyncDisposableStack', builtin(AsyncDisposableStack))

/** GetMethod(O, "return"): `undefined` for null/undefined, else it must be callable. */
function getReturn(api: string, iterator: unknown): ((this: unknown, ...args: unknown[]) => unknown) | undefined {
  // GetV: throws a TypeError for an undefined or null `this`, as the specification's does.
  const method = (iterator as { return?: unknown }).return
  if (method === undefined || method === null) return undefined
  if (typeof method !== 'function') throw badArgument(api, 'a callable "return" method', method)
  return method as (this: unknown, ...args: unknown[]) => unknown
}

// A class body, so that both methods are strict even in a sloppy bundle (an
// undefined `this` must stay undefined, and throw in GetV), and are methods:
// not constructors.
class IteratorMethods {
  // %IteratorPrototype% [ @@dispose ] ( )
  [disposeSymbol](this: unknown): void {
    // 1.–2.
    const method = getReturn('Iterator.prototype[Symbol.dispose]', this)
    // 3.a. Call(return, O, « »)
    if (method !== undefined) method.call(this)
    // 4.
  }

  // %AsyncIteratorPrototype% [ @@asyncDispose ] ( ): an async method, so 2. is its
  // promise and every abrupt completion (4., 6.b., 6.d.) rejects it.
  async [asyncDisposeSymbol](this: unknown): Promise<void> {
    // 1., 3.
    const method = getReturn('AsyncIterator.prototype[Symbol.asyncDispose]', this)
    // 5.a. resolve to undefined
    if (method === undefined) return
    // 6.a. Call(return, O, « »); 6.c.–g. PromiseResolve(%Promise%, result), then
    // fulfil with undefined once it settles: exactly one await.
    await method.call(this)
  }
}
const methods = IteratorMethods.prototype
const iteratorDispose = methods[disposeSymbol]
const asyncIteratorDispose = methods[asyncDisposeSymbol]
// The specification's names, whichever description the host's symbols carry.
define(iteratorDispose, 'name', '[Symbol.dispose]')
define(asyncIteratorDispose, 'name', '[Symbol.asyncDispose]')

// %IteratorPrototype% is the [[Prototype]] of %ArrayIteratorPrototype%;
// %AsyncIteratorPrototype% is that of %AsyncGeneratorPrototype%.
const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())) as object
const AsyncIteratorPrototype = Object.getPrototypeOf(
  Object.getPrototypeOf((async function* () {}).prototype as object),
) as object
provide(IteratorPrototype, disposeSymbol, builtin(iteratorDispose))
provide(AsyncIteratorPrototype, asyncDisposeSymbol, builtin(asyncIteratorDispose))
