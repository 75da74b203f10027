import { badArgument } from './internal/describe.js'
import { isObjectLike, isThenable } from './internal/guards.js'
import { markHandled } from './internal/thenables.js'
import type { AsyncContextManager, ContextManager } from './protocols.js'

function requireClose(api: string, thing: unknown): void {
  if (!isObjectLike(thing) || (typeof (thing as { close?: unknown }).close !== 'function' && typeof (thing as { return?: unknown }).return !== 'function')) {
    throw badArgument(api, 'an object with a close() or return() method', thing)
  }
}

/** What `closing` accepts: a `close()` method, else a `return()` (a generator, an iterator). */
type Closeable = { close(): unknown } | { return(...args: never[]): unknown }

/** Python's "generator ignored GeneratorExit": `return()` left the generator suspended at a `yield`. */
function ignoredReturn(api: string, step: unknown): void {
  if (isObjectLike(step) && (step as { done?: unknown }).done === false) {
    throw new TypeError(`${api}: the generator yielded instead of finishing when closed through return()`)
  }
}

/** Calls `close()`, else `return()`; a thing's `close` wins, as it is what its author wrote for closing. */
function closeThing(api: string, thing: Closeable): unknown {
  if (typeof (thing as { close?: unknown }).close === 'function') return (thing as { close(): unknown }).close()
  const step = (thing as { return(): unknown }).return()
  if (isThenable(step)) {
    markHandled(step)
    throw new TypeError(`${api}: return() gave a promise (an async generator?); use asyncClosing`)
  }
  ignoredReturn(api, step)
  return step
}

async function closeThingAsync(api: string, thing: Closeable): Promise<void> {
  if (typeof (thing as { close?: unknown }).close === 'function') {
    await (thing as { close(): unknown }).close()
    return
  }
  ignoredReturn(api, await (thing as { return(): unknown }).return())
}

class Closing<T extends Closeable> implements ContextManager<T> {
  readonly #thing: T
  constructor(thing: T) {
    this.#thing = thing
  }
  enter(): T {
    return this.#thing
  }
  exit(): void {
    closeThing('closing', this.#thing)
  }
}

class AsyncClosing<T extends Closeable> implements AsyncContextManager<T> {
  readonly #thing: T
  constructor(thing: T) {
    this.#thing = thing
  }
  enterAsync(): Promise<T> {
    return Promise.resolve(this.#thing)
  }
  async exitAsync(): Promise<void> {
    await closeThingAsync('asyncClosing', this.#thing)
  }
}

/**
 * A context manager that enters as `thing` and calls `thing.close()` at exit,
 * or, when it has none, `thing.return()` (a generator or iterator), whether
 * the block completed or threw. It never suppresses.
 *
 * @remarks Python: `contextlib.closing` (which closes a generator with
 * `close()`; JavaScript's spelling is `return()`). Reusable and reentrant.
 * A generator that yields again from a `finally` while being closed is a
 * `TypeError`, as Python raises "generator ignored GeneratorExit".
 * @param thing - an object with a `close()` or `return()` method
 * @throws `TypeError` when neither `thing.close` nor `thing.return` is a
 * function; at exit, `TypeError` when `return()` leaves the generator
 * suspended or gives a promise (use {@link asyncClosing}); whatever closing throws
 * @example
 * ```ts
 * withContext(closing(db.cursor()), (cursor) => cursor.fetchAll())
 * ```
 */
export function closing<T extends { close(): unknown } | { return(...args: never[]): unknown }>(
  thing: T,
): ContextManager<T> & { exit(...thrown: [] | [error: unknown]): void } {
  requireClose('closing', thing)
  return new Closing(thing)
}

/**
 * An async context manager that enters as `thing` and awaits `thing.close()`
 * at exit, or, when it has none, `thing.return()` (an async generator, as
 * Python's `aclosing` closes one with `aclose()`). It never suppresses.
 *
 * @remarks Python: `contextlib.aclosing`. Reusable and reentrant. An async
 * generator left suspended by `return()` (it yielded from a `finally`)
 * rejects with a `TypeError`, as Python's "async generator ignored GeneratorExit".
 * @param thing - an object with a `close()` or `return()` method, sync or async
 * @throws `TypeError` when neither `thing.close` nor `thing.return` is a
 * function; at exit, `TypeError` when `return()` leaves the generator
 * suspended; whatever closing throws
 * @example
 * ```ts
 * await withAsyncContext(asyncClosing(watcher), async (w) => { for await (const event of w) handle(event) })
 * ```
 */
export function asyncClosing<T extends { close(): unknown } | { return(...args: never[]): unknown }>(
  thing: T,
): AsyncContextManager<T> & { exitAsync(...thrown: [] | [error: unknown]): Promise<void> } {
  requireClose('asyncClosing', thing)
  return new AsyncClosing(thing)
}
