import {
  SuppressedError as OwnSuppressedError,
  type SuppressedErrorConstructor,
} from './ponyfill/suppressed-error.js'

export type { SuppressedErrorConstructor } from './ponyfill/suppressed-error.js'

const hostSuppressedError: unknown = (globalThis as { SuppressedError?: unknown }).SuppressedError

/**
 * The runtime's own `SuppressedError` where it has one (read once, when ctxlib
 * loads), else the library's spec-exact one from `ctxlib/ponyfill`.
 *
 * @remarks Every `SuppressedError` that ctxlib's nothing-is-lost rule creates is
 * an instance of this class.
 * @example
 * ```ts
 * import { SuppressedError } from 'ctxlib'
 * const e = new SuppressedError(new Error('exit'), new Error('body'), 'both failed')
 * e.error // Error: exit
 * ```
 */
export const SuppressedError: SuppressedErrorConstructor =
  typeof hostSuppressedError === 'function'
    ? (hostSuppressedError as SuppressedErrorConstructor)
    : OwnSuppressedError
