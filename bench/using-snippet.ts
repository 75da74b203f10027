/**
 * The `using` cases of the benchmark, written once and compiled twice by
 * `bench/run.mjs` with `typescript.transpileModule`: at target ES2022 (the
 * `__addDisposableResource`/`__disposeResources` helpers TypeScript users
 * ship) and at target ESNext (types stripped, `using` left to the engine, run
 * on Node 24 only).
 */

/** One `using` declaration around a body. */
export function usingOne<R extends Disposable>(resource: R, body: (r: R) => number): number {
  using r = resource
  return body(r)
}

/** One `await using` declaration around a body. */
export async function awaitUsingOne<R extends AsyncDisposable>(resource: R, body: (r: R) => number): Promise<number> {
  await using r = resource
  return body(r)
}

/** A `DisposableStack` bound with `using`, the resource adopted through `defer`. */
export function usingDefer(defer: (fn: () => void) => Disposable, fn: () => void, body: (n: number) => number): number {
  using _ = defer(fn)
  return body(1)
}
