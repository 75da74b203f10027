/**
 * The shape the specification gives built-in classes, for the library's own
 * `DisposableStack`, `AsyncDisposableStack` and `SuppressedError`.
 */
import { define } from './define.js'
import { isObjectLike } from './guards.js'

/**
 * Gives a class the built-in shape the specification asks for: an explicit
 * `name` (minifiers rename classes), `[Symbol.toStringTag]` (not writable),
 * and the dispose symbol as an alias of the very same `dispose` function.
 */
export function builtin(ctor: { name: string; prototype: object }, name: string, key: symbol, dispose: string): void {
  const proto = ctor.prototype as Record<PropertyKey, unknown>
  define(ctor, 'name', name)
  define(proto, Symbol.toStringTag, name)
  define(proto, key, proto[dispose], true)
}

/**
 * GetPrototypeFromConstructor step 3: where NewTarget's `prototype` is not an
 * object, an ECMAScript class falls back to `%Object.prototype%`, a built-in
 * to its own intrinsic prototype. Decided from the prototype the engine
 * already gave `instance`; NewTarget's `prototype` is read a second time only
 * when that is `%Object.prototype%` (which NewTarget may also have chosen, as
 * `Reflect.construct(DisposableStack, [], Object)` does). Only reached for
 * subclasses and `Reflect.construct`.
 */
export function fixPrototype(instance: object, newTarget: unknown, intrinsic: object): object {
  const proto = Object.getPrototypeOf(instance) as object
  if (proto !== Object.prototype || isObjectLike((newTarget as { prototype: unknown }).prototype)) return proto
  Object.setPrototypeOf(instance, intrinsic)
  return intrinsic
}
