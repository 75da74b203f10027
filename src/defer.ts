import { badArgument, defineMethod } from './internal/describe.js'
import { asyncDisposeSymbol, disposeSymbol } from './internal/symbols.js'

/**
 * A `Disposable` that calls `fn` when disposed, at most once however often
 * it is disposed: `using _ = defer(() => …)`, Go's `defer` for a block.
 *
 * @remarks No Python twin (`ExitStack.callback` is the nearest). Accepted by
 * `withContext` and `ExitStack.enterContext` as any disposable is.
 * @param fn - called with no arguments
 * @throws `TypeError` when `fn` is not a function
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
  let pending: (() => unknown) | undefined = fn
  const disposable = {} as Disposable
  defineMethod(disposable, disposeSymbol, () => {
    const call = pending
    pending = undefined
    call?.()
  })
  return disposable
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
  let pending: (() => unknown) | undefined = fn
  const disposable = {} as AsyncDisposable
  defineMethod(disposable, asyncDisposeSymbol, async () => {
    const call = pending
    pending = undefined
    await call?.()
  })
  return disposable
}
