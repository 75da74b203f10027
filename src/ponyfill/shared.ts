/**
 * Small helpers shared by the ponyfill's classes. Kept apart from
 * `src/internal/` so that `ctxlib/ponyfill` stays small and self-contained.
 */
import { typeName } from '../internal/describe.js'

/** Whether `value` is an ECMAScript Object (spec: "is an Object"). */
export function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function'
}

/** Defines a non-enumerable, configurable data property, like a built-in's. */
export function define(target: object, key: PropertyKey, value: unknown, writable = false): void {
  Object.defineProperty(target, key, { value, writable, configurable: true })
}

/** A `TypeError` in the library's shape: `api: expected X, got <type>`. */
export function typeError(api: string, expected: string, received: unknown): TypeError {
  return new TypeError(`${api}: expected ${expected}, got ${typeName(received)}`)
}

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
 * After `super()`-style construction through a `newTarget` whose `prototype`
 * is not an object, an ECMAScript class gets `%Object.prototype%`; a built-in
 * gets its own intrinsic prototype instead (GetPrototypeFromConstructor,
 * step 3). Only reached for subclasses and `Reflect.construct`.
 */
export function fixPrototype(instance: object, newTarget: { prototype: unknown }, intrinsic: object): void {
  if (Object.getPrototypeOf(instance) === Object.prototype && !isObject(newTarget.prototype)) {
    Object.setPrototypeOf(instance, intrinsic)
  }
}
