import { badArgument } from './internal/describe.js'
import type { AsyncContextManager, ContextManager } from './protocols.js'
import { withAsyncContext, withContext } from './with-context.js'

const runWith = withContext as (cm: unknown, body: () => unknown) => unknown

/**
 * A base class that gives a class-based context manager `.wrap(fn)`: the
 * returned function runs `fn` inside the manager on every call.
 *
 * @remarks Python: `contextlib.ContextDecorator`. Python's decorator syntax
 * becomes a call to `wrap`; `recreate()` is Python's `_recreate_cm` (returns
 * the manager itself, which must then be reusable; override it otherwise).
 * @example
 * ```ts
 * class Logged extends ContextDecorator {
 *   enter() { console.log('start') }
 *   exit() { console.log('end') }
 * }
 * const run = new Logged().wrap(() => 42)
 * run() // logs start, end; returns 42
 * ```
 */
export abstract class ContextDecorator implements ContextManager {
  /** Acquires the resource; see {@link ContextManager.enter}. */
  abstract enter(): unknown
  /** Releases it; see {@link ContextManager.exit}. */
  abstract exit(...thrown: [] | [error: unknown]): boolean | void

  /** The manager each call runs in: this one by default. */
  protected recreate(): ContextManager {
    return this
  }

  /**
   * Returns a function that runs `fn` (with its `this` and arguments) inside
   * the manager that `recreate()` gives, on every call.
   * @returns `fn`'s result, or `undefined` when the manager suppressed its error
   * @throws `TypeError` when `fn` is not a function
   */
  wrap<This, A extends unknown[], R>(fn: (this: This, ...args: A) => R): (this: This, ...args: A) => R | undefined {
    if (typeof fn !== 'function') throw badArgument('ContextDecorator.wrap', 'a function', fn)
    const recreate = (): ContextManager => this.recreate()
    return function wrapped(this: This, ...args: A): R | undefined {
      return runWith(recreate(), () => Reflect.apply(fn, this, args)) as R | undefined
    }
  }
}

/**
 * The async twin of {@link ContextDecorator}: `.wrap(fn)` runs an async `fn`
 * inside the manager on every call.
 *
 * @remarks Python: `contextlib.AsyncContextDecorator`.
 * @example
 * ```ts
 * class Span extends AsyncContextDecorator {
 *   async enterAsync() { tracer.start() }
 *   async exitAsync() { await tracer.flush() }
 * }
 * const handler = new Span().wrap(async (req: Request) => respond(req))
 * ```
 */
export abstract class AsyncContextDecorator implements AsyncContextManager {
  /** Acquires the resource; see {@link AsyncContextManager.enterAsync}. */
  abstract enterAsync(): Promise<unknown>
  /** Releases it; see {@link AsyncContextManager.exitAsync}. */
  abstract exitAsync(...thrown: [] | [error: unknown]): Promise<boolean | void>

  /** The manager each call runs in: this one by default. */
  protected recreate(): AsyncContextManager {
    return this
  }

  /**
   * Returns an async function that awaits `fn` inside the manager on every call.
   * @returns a promise of `fn`'s result, or of `undefined` when the manager suppressed its error
   * @throws `TypeError` when `fn` is not a function
   */
  wrap<This, A extends unknown[], R>(
    fn: (this: This, ...args: A) => R | PromiseLike<R>,
  ): (this: This, ...args: A) => Promise<R | undefined> {
    if (typeof fn !== 'function') throw badArgument('AsyncContextDecorator.wrap', 'a function', fn)
    const recreate = (): AsyncContextManager => this.recreate()
    return function wrapped(this: This, ...args: A): Promise<R | undefined> {
      return withAsyncContext(recreate(), (): unknown => Reflect.apply(fn, this, args)) as Promise<R | undefined>
    }
  }
}
