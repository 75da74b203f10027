import './dispose-globals.js'
import type { AsyncContextManager, ContextManager } from './protocols.js'

/* eslint-disable @typescript-eslint/no-explicit-any -- `any` in constraint position only: it lets any manager type satisfy the constraint */

/**
 * Anything `withContext` and `ExitStack.enterContext` accept. `Generator` is
 * there for methods decorated with `@contextManager`: TypeScript keeps a
 * decorated method's declared type, so their managers are typed as the
 * generator they are built from.
 */
export type SyncContext = ContextManager<any> | Disposable | Generator<any>
/** Anything `withAsyncContext` and `AsyncExitStack.enterAsyncContext` accept (`AsyncGenerator`: see {@link SyncContext}). */
export type AsyncContext = AsyncContextManager<any> | SyncContext | AsyncDisposable | AsyncGenerator<any>

/**
 * The value a sync context enters as: `enter()`'s result, the yielded type of
 * a `@contextManager` method, or the disposable itself.
 */
export type ContextValue<C> = C extends { enter(): infer T; exit(...thrown: any[]): unknown }
  ? T
  : C extends Generator<infer T>
    ? T
    : C

/** The value an async context enters as, following the async preference order. */
export type AsyncContextValue<C> = C extends {
  enterAsync(): PromiseLike<infer T>
  exitAsync(...thrown: any[]): unknown
}
  ? T
  : C extends AsyncGenerator<infer T>
    ? T
    : ContextValue<C>

/** `undefined` when some manager's exit may return `true` (so the body's result may be lost), else `never`. */
export type MaySuppress<C> = C extends { exit(...thrown: any[]): infer R }
  ? true extends R
    ? undefined
    : never
  : C extends Generator<any>
    ? undefined
    : never

/** {@link MaySuppress} for async contexts. */
export type MaySuppressAsync<C> = C extends { exitAsync(...thrown: any[]): PromiseLike<infer R> }
  ? true extends R
    ? undefined
    : never
  : C extends AsyncGenerator<any>
    ? undefined
    : MaySuppress<C>

/** A body result that is not a promise: `withContext` refuses async bodies at compile time. */
export type NotThenable<R> = R extends PromiseLike<unknown> ? never : R
