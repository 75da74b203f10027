import { badArgument } from './internal/describe.js'
import { isObjectLike } from './internal/guards.js'
import type { AsyncContextManager, ContextManager } from './protocols.js'

function requireClose(api: string, thing: unknown): void {
  if (!isObjectLike(thing) || typeof (thing as { close?: unknown }).close !== 'function') {
    throw badArgument(api, 'an object with a close() method', thing)
  }
}

class Closing<T extends { close(): unknown }> implements ContextManager<T> {
  readonly #thing: T
  constructor(thing: T) {
    this.#thing = thing
  }
  enter(): T {
    return this.#thing
  }
  exit(): void {
    this.#thing.close()
  }
}

class AsyncClosing<T extends { close(): unknown }> implements AsyncContextManager<T> {
  readonly #thing: T
  constructor(thing: T) {
    this.#thing = thing
  }
  enterAsync(): Promise<T> {
    return Promise.resolve(this.#thing)
  }
  async exitAsync(): Promise<void> {
    await this.#thing.close()
  }
}

/**
 * A context manager that enters as `thing` and calls `thing.close()` at exit,
 * whether the block completed or threw. It never suppresses.
 *
 * @remarks Python: `contextlib.closing`. Reusable and reentrant.
 * @param thing - an object with a `close()` method
 * @throws `TypeError` when `thing.close` is not a function
 * @example
 * ```ts
 * withContext(closing(db.cursor()), (cursor) => cursor.fetchAll())
 * ```
 */
export function closing<T extends { close(): unknown }>(
  thing: T,
): ContextManager<T> & { exit(...thrown: [] | [error: unknown]): void } {
  requireClose('closing', thing)
  return new Closing(thing)
}

/**
 * An async context manager that enters as `thing` and awaits `thing.close()`
 * at exit. It never suppresses.
 *
 * @remarks Python: `contextlib.aclosing`. Reusable and reentrant.
 * @param thing - an object with a `close()` method, sync or async
 * @throws `TypeError` when `thing.close` is not a function
 * @example
 * ```ts
 * await withAsyncContext(asyncClosing(watcher), async (w) => { for await (const event of w) handle(event) })
 * ```
 */
export function asyncClosing<T extends { close(): unknown }>(
  thing: T,
): AsyncContextManager<T> & { exitAsync(...thrown: [] | [error: unknown]): Promise<void> } {
  requireClose('asyncClosing', thing)
  return new AsyncClosing(thing)
}
