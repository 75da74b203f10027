/**
 * The library's own `SuppressedError`, following ECMA-262 § 20.5.8
 * (Explicit Resource Management). It is a function, not a class, because the
 * specification lets it be called without `new`.
 */

/** An error that carries another error suppressed while it was being handled. */
export interface SuppressedError extends Error {
  /** The error thrown last: the one that won. */
  error: unknown
  /** The error that was pending when `error` was thrown. */
  suppressed: unknown
}

/** The constructor of {@link SuppressedError}: callable with or without `new`. */
export interface SuppressedErrorConstructor {
  new (error: unknown, suppressed: unknown, message?: string): SuppressedError
  (error: unknown, suppressed: unknown, message?: string): SuppressedError
  readonly prototype: SuppressedError
}

function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function'
}

const define = (target: object, key: PropertyKey, value: unknown): void => {
  Object.defineProperty(target, key, { value, writable: true, enumerable: false, configurable: true })
}

// 20.5.8.1 SuppressedError ( error, suppressed, message )
function SuppressedErrorImpl(this: unknown, error: unknown, suppressed: unknown, message?: unknown): SuppressedError {
  // 1. If NewTarget is undefined, let newTarget be the active function object.
  const newTarget: unknown = new.target ?? SuppressedErrorImpl
  // 2. OrdinaryCreateFromConstructor(newTarget, "%SuppressedError.prototype%", « [[ErrorData]] »).
  //    Reflect.construct on Error gives the object real [[ErrorData]]; a
  //    non-object prototype falls back to this realm's %SuppressedError.prototype%.
  let proto: unknown = (newTarget as { prototype?: unknown }).prototype
  if (!isObject(proto)) proto = SuppressedErrorImpl.prototype
  // 3. If message is not undefined, ToString it and define "message" (Error does both).
  const args = message === undefined ? [] : [message]
  const O = Reflect.construct(Error, args, newTarget === SuppressedErrorImpl ? SuppressedErrorImpl : Error) as SuppressedError
  if (Object.getPrototypeOf(O) !== proto) Object.setPrototypeOf(O, proto as object)
  // 4. CreateNonEnumerableDataPropertyOrThrow(O, "error", error).
  define(O, 'error', error)
  // 5. CreateNonEnumerableDataPropertyOrThrow(O, "suppressed", suppressed).
  define(O, 'suppressed', suppressed)
  // 6. Return O.
  return O
}

// 20.5.8.2 Properties of the SuppressedError Constructor: [[Prototype]] is %Error%.
Object.setPrototypeOf(SuppressedErrorImpl, Error)
// 20.5.8.3 Properties of the SuppressedError Prototype Object.
const prototype = Object.create(Error.prototype) as object
define(prototype, 'constructor', SuppressedErrorImpl)
define(prototype, 'message', '')
define(prototype, 'name', 'SuppressedError')
Object.defineProperty(SuppressedErrorImpl, 'prototype', { value: prototype, writable: false, enumerable: false, configurable: false })

/** The library's own `SuppressedError` (never the runtime's). */
export const SuppressedError: SuppressedErrorConstructor = SuppressedErrorImpl as unknown as SuppressedErrorConstructor
