/**
 * The dispose symbols as the host defines them. Node 20/22 expose registered
 * `Symbol.for('nodejs.dispose')` symbols; newer hosts real well-known ones.
 * Where the host has none, fall back to the registered keys that core-js,
 * esbuild, Babel and TypeScript's emitted helpers also look up, so `using`
 * lowered by any of them finds the library's disposers. Read once, at load:
 * `ctxlib/polyfill` installs exactly these fallbacks, so the answer is stable.
 */
import { isObjectLike } from './guards.js'

const S = Symbol as unknown as { dispose?: symbol; asyncDispose?: symbol }

export const disposeSymbol: typeof Symbol.dispose = (typeof S.dispose === 'symbol'
  ? S.dispose
  : Symbol.for('Symbol.dispose')) as typeof Symbol.dispose

export const asyncDisposeSymbol: typeof Symbol.asyncDispose = (typeof S.asyncDispose === 'symbol'
  ? S.asyncDispose
  : Symbol.for('Symbol.asyncDispose')) as typeof Symbol.asyncDispose

/**
 * What `await using` would call on `value`: its `Symbol.asyncDispose`, else
 * its `Symbol.dispose` (unchecked: the caller tests for a function), or
 * `undefined` when `value` is not an object.
 */
export function disposerOf(value: unknown): unknown {
  return isObjectLike(value)
    ? ((value as Partial<AsyncDisposable>)[asyncDisposeSymbol] ?? (value as Partial<Disposable>)[disposeSymbol])
    : undefined
}
