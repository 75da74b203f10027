import { BaseExitStack } from './base-exit-stack.js'
import { define } from './internal/define.js'
import { asyncDisposeSymbol } from './internal/symbols.js'
import type { AsyncContext, AsyncContextValue } from './types.js'
import type { AsyncContextManager } from './protocols.js'


/**
 * The asynchronous exit stack: Python's `AsyncExitStack`. Holds sync and
 * async exits alike and awaits each in turn, LIFO, with the rules of
 * {@link ExitStack}.
 *
 * @remarks Python: `contextlib.AsyncExitStack` (`enter_async_context` →
 * `enterAsyncContext`, `push_async_exit` → `pushAsyncExit`,
 * `push_async_callback` → `pushAsyncCallback`, `aclose` → `closeAsync`).
 * Also an `AsyncDisposable` (`await using`), unwinding as `closeAsync()`.
 * @example
 * ```ts
 * await withAsyncContext(new AsyncExitStack(), async (stack) => {
 *   const socket = await stack.enterAsyncContext(connect({ host: '127.0.0.1', port }))
 *   stack.callback(() => console.log('closing'))
 *   socket.write('ping')
 * })
 * ```
 */
export class AsyncExitStack extends BaseExitStack implements AsyncContextManager<AsyncExitStack>, AsyncDisposable {
  /** @internal The name errors give. */
  protected get apiName(): string {
    return 'AsyncExitStack'
  }

  /**
   * Enters an async manager (or a sync one, or takes a disposable) and pushes its exit.
   * @returns a promise of the entered value
   * @throws (rejects) `TypeError` naming the received type; whatever entering throws (nothing is pushed)
   */
  enterAsyncContext<C extends AsyncContext>(cm: C): Promise<AsyncContextValue<C>> {
    return this.enterAsyncEntry('enterAsyncContext', cm) as Promise<AsyncContextValue<C>>
  }

  /**
   * Pushes an async exit without entering anything: an async function called
   * like `exitAsync`, an async manager's `exitAsync`, or an async disposable
   * (sync ones are accepted too).
   * @returns its argument
   * @throws `TypeError` when `exit` is none of those
   */
  pushAsyncExit<X extends ((...thrown: [] | [error: unknown]) => unknown) | AsyncContext>(exit: X): X {
    this.pushAsyncExitEntry('pushAsyncExit', exit)
    return exit
  }

  /**
   * Pushes an async callback, awaited with `args` at unwinding; it never sees
   * the error and never suppresses it.
   * @returns `fn`
   * @throws `TypeError` when `fn` is not a function
   */
  pushAsyncCallback<F extends (...args: never[]) => unknown>(fn: F, ...args: Parameters<F>): F {
    this.pushAsyncCallbackEntry('pushAsyncCallback', fn, args)
    return fn
  }

  /**
   * Enters the stack itself: resolves to it, also while it is already entered
   * (reentrant as CPython's: the first exit unwinds every entry registered so far).
   */
  enterAsync(): Promise<this> {
    return Promise.resolve(this)
  }

  /**
   * Unwinds every entry, LIFO, awaiting each, with the error given (if any).
   * @returns a promise of `true` when it suppressed the error it was given
   * @throws (rejects) the final pending error when it is not the one it was given
   */
  exitAsync(...thrown: [] | [error: unknown]): Promise<boolean> {
    return this.unwindAsync(thrown)
  }

  /**
   * Unwinds every entry as a block that completed; the stack is empty and reusable afterwards.
   * @throws (rejects) what the entries threw, chained by the nothing-is-lost rule
   */
  async closeAsync(): Promise<void> {
    await this.unwindAsync([])
  }

  /** The same as {@link AsyncExitStack.closeAsync}: `await using stack = new AsyncExitStack()`. */
  declare [Symbol.asyncDispose]: () => Promise<void>
}

define(AsyncExitStack.prototype, asyncDisposeSymbol, function (this: AsyncExitStack): Promise<void> {
  return this.closeAsync()
}, true)
