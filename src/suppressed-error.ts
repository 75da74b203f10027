import { HostSuppressedError } from './internal/host-suppressed-error.js'
import type { SuppressedErrorConstructor } from './ponyfill/suppressed-error.js'

export type { SuppressedErrorConstructor } from './ponyfill/suppressed-error.js'

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
export const SuppressedError: SuppressedErrorConstructor = HostSuppressedError as unknown as SuppressedErrorConstructor
