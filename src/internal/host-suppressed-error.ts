/**
 * The `SuppressedError` class the library creates and recognises: the
 * host's where it has one (read once, at load), else the library's own.
 */
import { looksSuppressed } from './guards.js'
import { type MakeSuppressedError, OwnSuppressedError, type SuppressedErrorLike } from './suppressed-error.js'

const host: unknown = (globalThis as { SuppressedError?: unknown }).SuppressedError

/** The runtime's `SuppressedError` where it has one, else the library's own. */
export const HostSuppressedError: MakeSuppressedError =
  typeof host === 'function' ? (host as MakeSuppressedError) : OwnSuppressedError

/** Whether `value` is a `SuppressedError`: an instance of the class in use, or one that looks like it (another realm or copy). */
export function isSuppressedError(value: unknown): value is SuppressedErrorLike {
  return value instanceof HostSuppressedError || looksSuppressed(value)
}
