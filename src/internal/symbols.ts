/**
 * The dispose symbols as the host defines them. Node 20/22 expose registered
 * `Symbol.for('nodejs.dispose')` symbols; newer hosts real well-known ones.
 * Where the host has none, fall back to the registered keys that core-js,
 * esbuild, Babel and TypeScript's emitted helpers also look up, so `using`
 * lowered by any of them finds the library's disposers. Read once, at load:
 * `ctxlib/polyfill` installs exactly these fallbacks, so the answer is stable.
 */
const S = Symbol as unknown as { dispose?: symbol; asyncDispose?: symbol }

export const disposeSymbol: typeof Symbol.dispose = (typeof S.dispose === 'symbol'
  ? S.dispose
  : Symbol.for('Symbol.dispose')) as typeof Symbol.dispose

export const asyncDisposeSymbol: typeof Symbol.asyncDispose = (typeof S.asyncDispose === 'symbol'
  ? S.asyncDispose
  : Symbol.for('Symbol.asyncDispose')) as typeof Symbol.asyncDispose
