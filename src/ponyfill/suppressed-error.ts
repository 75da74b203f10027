/**
 * The library's own `SuppressedError`, with its public type. The
 * implementation is shared with the `ctxlib` entry (`src/internal/`), so the
 * nothing-is-lost rule and `ctxlib/ponyfill` create instances of one class.
 */
import { OwnSuppressedError } from '../internal/suppressed-error.js'

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
export const SuppressedError: SuppressedErrorConstructor = OwnSuppressedError as unknown as SuppressedErrorConstructor
