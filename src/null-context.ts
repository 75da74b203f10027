import type { AsyncContextManager, ContextManager } from './protocols.js'

/** A manager that does nothing, for both `withContext` and `withAsyncContext`. */
export interface NullContext<T> extends ContextManager<T>, AsyncContextManager<T> {
  enter(): T
  exit(): false
  enterAsync(): Promise<T>
  exitAsync(): Promise<false>
}

class NullContextImpl<T> implements NullContext<T> {
  readonly #value: T
  constructor(value: T) {
    this.#value = value
  }
  enter(): T {
    return this.#value
  }
  exit(): false {
    return false
  }
  enterAsync(): Promise<T> {
    return Promise.resolve(this.#value)
  }
  exitAsync(): Promise<false> {
    return Promise.resolve(false)
  }
}

/**
 * A manager that enters as `value` and does nothing at exit, sync and async:
 * a stand-in where a manager is optional.
 *
 * @remarks Python: `contextlib.nullcontext`. Reusable and reentrant.
 * @param value - what the block receives (default `undefined`)
 * @example
 * ```ts
 * withContext(lock ?? nullContext(), () => update())
 * ```
 */
export function nullContext<T = undefined>(value?: T): NullContext<T> {
  return new NullContextImpl(value as T)
}
