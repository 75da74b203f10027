import './dispose-globals.js'
import type { AsyncContextManager, ContextManager } from './protocols.js'

/* eslint-disable @typescript-eslint/no-explicit-any -- `any` in constraint position only: it lets any manager type satisfy the constraint */

/** Anything `withContext` and `ExitStack.enterContext` accept. */
export type SyncContext = ContextManager<any> | Disposable
/** Anything `withAsyncContext` and `AsyncExitStack.enterAsyncContext` accept. */
export type AsyncContext = AsyncContextManager<any> | SyncContext | AsyncDisposable

/** The value a sync context enters as: `enter()`'s result, or the disposable itself. */
export type ContextValue<C> = C extends { enter(): infer T; exit(...thrown: any[]): unknown } ? T : C

/** The value an async context enters as, following the async preference order. */
export type AsyncContextValue<C> = C extends {
  enterAsync(): PromiseLike<infer T>
  exitAsync(...thrown: any[]): unknown
}
  ? T
  : ContextValue<C>

/** `undefined` when some manager's exit may return `true` (so the body's result may be lost), else `never`. */
export type MaySuppress<C> = C extends { exit(...thrown: any[]): infer R }
  ? true extends R
    ? undefined
    : never
  : never

export type MaySuppressAsync<C> = C extends { exitAsync(...thrown: any[]): PromiseLike<infer R> }
  ? true extends R
    ? undefined
    : never
  : MaySuppress<C>

/** A body result that is not a promise: `withContext` refuses async bodies at compile time. */
export type NotThenable<R> = R extends PromiseLike<unknown> ? never : R
