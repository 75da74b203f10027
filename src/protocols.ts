import { isObjectLike } from './internal/guards.js'
import { asyncDisposeSymbol, disposeSymbol } from './internal/symbols.js'

/**
 * A synchronous context manager: Python's `__enter__`/`__exit__` with plain names.
 *
 * @remarks Python: `contextlib.AbstractContextManager`. `exit` receives no
 * argument when the block completed and exactly one (even `undefined`) when
 * it threw; returning exactly `true` suppresses that error.
 * @example
 * ```ts
 * class Timer implements ContextManager<Timer> {
 *   enter() { return this }
 *   exit(...thrown: [] | [unknown]) { console.log(thrown.length ? 'failed' : 'done') }
 * }
 * withContext(new Timer(), () => work())
 * ```
 */
export interface ContextManager<T = unknown> {
  /** Acquires the resource and returns the value the block receives. */
  enter(): T
  /**
   * Releases the resource. No argument: the block completed; one argument:
   * the block threw it. Return `true` to suppress that error.
   */
  exit(...thrown: [] | [error: unknown]): boolean | void
}

/**
 * An asynchronous context manager: Python's `__aenter__`/`__aexit__`.
 *
 * @remarks Python: `contextlib.AbstractAsyncContextManager`. Same rules as
 * {@link ContextManager}, with promises.
 * @example
 * ```ts
 * const lock: AsyncContextManager<void> = {
 *   async enterAsync() { await mutex.acquire() },
 *   async exitAsync() { mutex.release() },
 * }
 * await withAsyncContext(lock, async () => work())
 * ```
 */
export interface AsyncContextManager<T = unknown> {
  /** Acquires the resource and resolves to the value the block receives. */
  enterAsync(): Promise<T>
  /** Releases the resource; resolving to `true` suppresses the block's error. */
  exitAsync(...thrown: [] | [error: unknown]): Promise<boolean | void>
}

function hasMethod(value: unknown, key: PropertyKey): boolean {
  return isObjectLike(value) && typeof (value as Record<PropertyKey, unknown>)[key] === 'function'
}

/**
 * Whether `value` has callable `enter` and `exit` methods.
 * @example
 * ```ts
 * isContextManager(closing(socket)) // true
 * ```
 */
export function isContextManager(value: unknown): value is ContextManager {
  return hasMethod(value, 'enter') && hasMethod(value, 'exit')
}

/**
 * Whether `value` has callable `enterAsync` and `exitAsync` methods.
 * @example
 * ```ts
 * isAsyncContextManager(timeout(100)) // true
 * ```
 */
export function isAsyncContextManager(value: unknown): value is AsyncContextManager {
  return hasMethod(value, 'enterAsync') && hasMethod(value, 'exitAsync')
}

/**
 * Whether `value` has a callable `[Symbol.dispose]` (the host's symbol, or the
 * shared fallback where the host has none).
 * @example
 * ```ts
 * isDisposable(new ExitStack()) // true
 * ```
 */
export function isDisposable(value: unknown): value is Disposable {
  return hasMethod(value, disposeSymbol)
}

/**
 * Whether `value` has a callable `[Symbol.asyncDispose]`. A sync-only
 * disposable is not an async disposable, although async contexts accept it.
 * @example
 * ```ts
 * isAsyncDisposable(new AsyncExitStack()) // true
 * ```
 */
export function isAsyncDisposable(value: unknown): value is AsyncDisposable {
  return hasMethod(value, asyncDisposeSymbol)
}
