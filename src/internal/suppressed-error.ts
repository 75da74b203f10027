/**
 * The library's own `SuppressedError` (ECMA-262, Explicit Resource
 * Management, "SuppressedError Objects"), and the class the nothing-is-lost
 * rule creates: the host's where it has one, else this one. A function rather
 * than a class, because the specification lets it be called without `new`.
 * `ctxlib/ponyfill` and `ctxlib` give it its public type and documentation.
 */
import { define } from './define.js'
import { fixPrototype } from './built-in.js'

/** A `SuppressedError` as the library's internals see it. */
export type SuppressedErrorLike = Error & { error: unknown; suppressed: unknown }

/** `SuppressedError`'s constructor as the library's internals call it. */
export type MakeSuppressedError = new (error: unknown, suppressed: unknown, message?: string) => SuppressedErrorLike

/**
 * The maker of plain `SuppressedError`s: its prototype is
 * `SuppressedError.prototype`. `new Own()` takes V8's fast path for
 * subclasses of Error, where `Reflect.construct(Error, …, construct)` costs
 * about three times as much: a chain of many errors is made in a third of
 * the time.
 */
class Own extends Error {}

// SuppressedError ( error, suppressed, message )
function construct(this: unknown, error: unknown, suppressed: unknown, message?: unknown): SuppressedErrorLike {
  // 1.–2. OrdinaryCreateFromConstructor(newTarget, "%SuppressedError.prototype%", « [[ErrorData]] »).
  //    Without `new`, or with `new SuppressedError`, newTarget's prototype is
  //    %SuppressedError.prototype% (not writable, not configurable): `Own` makes the object,
  //    and Error performs 3. (ToString(message), "message"). A subclass's `new`: the engine
  //    has already read newTarget.prototype (before ToString(message)) to create `this`,
  //    falling back to %Object.prototype% where the spec falls back to
  //    %SuppressedError.prototype%, so the prototype is taken from `this`.
  const newTarget: unknown = new.target
  let O: SuppressedErrorLike
  if (newTarget === undefined || newTarget === construct) O = new Own(message as string | undefined) as SuppressedErrorLike
  else {
    const proto = fixPrototype(this as object, newTarget, prototype)
    // Error gives the object a real [[ErrorData]] slot (so Object.prototype.toString
    // and Error.isError see an error).
    O = Reflect.construct(Error, message === undefined ? [] : [message], construct) as SuppressedErrorLike
    if (proto !== prototype) Object.setPrototypeOf(O, proto)
  }
  // 4.–5. CreateNonEnumerableDataPropertyOrThrow "error", then "suppressed".
  define(O, 'error', error, true)
  define(O, 'suppressed', suppressed, true)
  // 6.
  return O
}

// Properties of the SuppressedError Prototype Object: an ordinary object
// inheriting from %Error.prototype%, with constructor, message and name.
const prototype: object = Own.prototype
define(prototype, 'constructor', construct, true)
define(prototype, 'message', '', true)
define(prototype, 'name', 'SuppressedError', true)
// Properties of the SuppressedError Constructor: [[Prototype]] is %Error%;
// "prototype" is { writable: false, enumerable: false, configurable: false };
// "name" is set explicitly so that minifiers renaming `construct` cannot change it.
Object.setPrototypeOf(construct, Error)
Object.defineProperty(construct, 'prototype', { value: prototype, writable: false })
define(construct, 'name', 'SuppressedError')

/** The library's own, spec-exact `SuppressedError`. */
export const OwnSuppressedError: MakeSuppressedError = construct as unknown as MakeSuppressedError
