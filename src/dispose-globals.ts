/**
 * The few global types that ctxlib's declarations name, declared here so that
 * a consumer type-checks without `esnext.disposable` in `lib` and without
 * `@types/node` (a browser project on `lib: ["es2022", "dom"]`). Each is
 * written exactly as TypeScript's own `lib.esnext.disposable.d.ts` and
 * `@types/node` write it, so the three merge cleanly when present together.
 *
 * Declarations only: nothing here exists at run time. `ctxlib/polyfill`
 * installs the values where the host lacks them.
 *
 * The modules of `ctxlib` and `ctxlib/ponyfill` that name these types
 * import this file, so the declaration bundler puts this block into a
 * declaration module that both entries import (`ctxlib/node` needs
 * `@types/node`, which declares them too). test/package/types.test.ts checks
 * the result in browser-like projects.
 */
export {}

declare global {
  interface SymbolConstructor {
    /** The method that `using` calls when a scope ends. */
    readonly dispose: unique symbol
    /** The method that `await using` calls (and awaits) when a scope ends. */
    readonly asyncDispose: unique symbol
  }
  /** An object `using` can hold. */
  interface Disposable {
    [Symbol.dispose](): void
  }
  /** An object `await using` can hold. */
  interface AsyncDisposable {
    [Symbol.asyncDispose](): PromiseLike<void>
  }
}
