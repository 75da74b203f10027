/**
 * The library's own `SuppressedError` (ECMA-262, Explicit Resource
 * Management, "SuppressedError Objects"). A function rather than a class,
 * because the specification lets it be called without `new`.
 */
import { define, fixPrototype } from './shared.js'

/**
 * An error that carries another error which was suppressed while it was
 * being handled: `error` is the one thrown last, `suppressed` the one that
 * was pending at that moment.
 *
 * @remarks Python: the exception that a `__exit__` raised, with `__context__`
 * set to the one it replaced; JavaScript keeps both, explicitly.
 * @example
 * ```ts
 * try { stack.dispose() } catch (e) {
 *   if (e instanceof SuppressedError) console.log(e.error, e.suppressed)
 * }
 * ```
 */
export interface SuppressedError extends Error {
  /** The error thrown last: the one that won. */
  error: unknown
  /** The error that was pending when `error` was thrown. */
  suppressed: unknown
}

/**
 * The constructor of {@link SuppressedError}: callable with or without `new`,
 * and subclassable.
 *
 * @remarks Mirrors the `SuppressedErrorConstructor` of TypeScript's
 * `esnext.disposable` library, without requiring it.
 * @example
 * ```ts
 * const e = new SuppressedError(new Error('exit'), new Error('body'), 'both failed')
 * e.error // Error: exit
 * e.suppressed // Error: body
 * ```
 */
export interface SuppressedErrorConstructor {
  /** Creates a `SuppressedError` carrying `error` (thrown last) and `suppressed` (pending when it was thrown). */
  new (error: unknown, suppressed: unknown, message?: string): SuppressedError
  (error: unknown, suppressed: unknown, message?: string): SuppressedError
  /** The prototype of every `SuppressedError`. */
  readonly prototype: SuppressedError
}

// SuppressedError ( error, suppressed, message )
function construct(this: unknown, error: unknown, suppressed: unknown, message?: unknown): SuppressedError {
  // 1.–2. OrdinaryCreateFromConstructor(newTarget, "%SuppressedError.prototype%", « [[ErrorData]] »).
  //    Called with `new`, the engine has already read newTarget.prototype (before
  //    ToString(message)) to create `this`, falling back to %Object.prototype% where
  //    the spec falls back to %SuppressedError.prototype%: take the prototype from
  //    `this`. Without `new`, newTarget is this function.
  const newTarget: unknown = new.target
  const proto = newTarget === undefined ? prototype : fixPrototype(this as object, newTarget, prototype)
  // Error gives the object a real [[ErrorData]] slot (so Object.prototype.toString
  // and Error.isError see an error) and performs 3. (ToString(message), "message").
  const O = Reflect.construct(Error, message === undefined ? [] : [message], construct) as SuppressedError
  if (proto !== prototype) Object.setPrototypeOf(O, proto)
  // 4.–5. CreateNonEnumerableDataPropertyOrThrow "error", then "suppressed".
  define(O, 'error', error, true)
  define(O, 'suppressed', suppressed, true)
  // 6.
  return O
}

// Properties of the SuppressedError Prototype Object: an ordinary object
// inheriting from %Error.prototype%, with constructor, message and name.
const prototype = Object.create(Error.prototype) as object
define(prototype, 'constructor', construct, true)
define(prototype, 'message', '', true)
define(prototype, 'name', 'SuppressedError', true)
// Properties of the SuppressedError Constructor: [[Prototype]] is %Error%;
// "prototype" is { writable: false, enumerable: false, configurable: false };
// "name" is set explicitly so that minifiers renaming `construct` cannot change it.
Object.setPrototypeOf(construct, Error)
Object.defineProperty(construct, 'prototype', { value: prototype, writable: false })
define(construct, 'name', 'SuppressedError')

/**
 * The library's own `SuppressedError`, exact to ECMA-262: what the ponyfill's
 * stacks throw when a disposer fails while another error is pending.
 *
 * @remarks `ctxlib` exports the runtime's own `SuppressedError` where it has
 * one; `ctxlib/ponyfill` always exports this one. Python has no such class:
 * it links the two exceptions through `__context__` instead.
 * @example
 * ```ts
 * import { SuppressedError } from 'ctxlib/ponyfill'
 * const e = SuppressedError(new Error('exit'), new Error('body'))
 * e instanceof Error // true
 * e.name // 'SuppressedError'
 * ```
 */
export const SuppressedError: SuppressedErrorConstructor = construct as unknown as SuppressedErrorConstructor
