import { badArgument } from './internal/describe.js'
import { isThenable } from './internal/guards.js'
import { refuseThenable } from './internal/thenables.js'
import { asyncDisposeSymbol, disposeSymbol } from './internal/symbols.js'

// Classes, not an object literal per call: the dispose method lives once on
// the prototype and every instance has one shape, so the call sites of
// `using` and `withContext` stay monomorphic.

class Deferred implements Disposable {
  #fn: (() => unknown) | undefined
  constructor(fn: () => unknown) {
    this.#fn = fn
  }
  [disposeSymbol](): void {
    const fn = this.#fn
    this.#fn = undefined
    const result = fn?.()
    if (isThenable(result)) throw refuseThenable('defer: the callback returned a promise, which is not awaited; use asyncDefer', result)
  }
}

class AsyncDeferred implements AsyncDisposable {
  #fn: (() => unknown) | undefined
  constructor(fn: () => unknown) {
    this.#fn = fn
  }
  async [asyncDisposeSymbol](): Promise<void> {
    const fn = this.#fn
    this.#fn = undefined
    await fn?.()
  }
}

/**
 * A `Disposable` that calls `fn` when disposed, at most once however often
 * it is disposed: `using _ = defer(() => …)`, Go's `defer` for a block.
 *
 * @remarks No Python twin (`ExitStack.callback` is the nearest). Accepted by
 * `withContext` and `ExitStack.enterContext` as any disposable is.
 * @param fn - called with no arguments; not awaited
 * @throws `TypeError` when `fn` is not a function; at disposal, a `TypeError`
 * naming `asyncDefer` when `fn` returned a promise (marked handled at once;
 * its rejection, when it comes, becomes the `TypeError`'s `cause`)
 * @example
 * ```ts
 * {
 *   using _ = defer(() => console.log('left the block'))
 *   work()
 * }
 * ```
 */
export function defer(fn: () => unknown): Disposable {
  if (typeof fn !== 'function') throw badArgument('defer', 'a function', fn)
  return new Deferred(fn)
}

/**
 * An `AsyncDisposable` that awaits `fn` when disposed, at most once:
 * `await using _ = asyncDefer(async () => …)`.
 *
 * @remarks No Python twin (`AsyncExitStack.pushAsyncCallback` is the nearest).
 * @param fn - called with no arguments; may return a promise
 * @throws `TypeError` when `fn` is not a function
 * @example
 * ```ts
 * await using _ = asyncDefer(() => server.close())
 * ```
 */
export function asyncDefer(fn: () => unknown): AsyncDisposable {
  if (typeof fn !== 'function') throw badArgument('asyncDefer', 'a function', fn)
  return new AsyncDeferred(fn)
}
