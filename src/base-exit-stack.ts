import { badArgument } from './internal/describe.js'
import { enterAsync, enterSync, pushExit } from './internal/enter.js'
import { ASYNC, CALLBACK, type Entries, FINAL_EXIT, NONE, type Pending } from './internal/entries.js'
import { trackMade, trackReleased } from './internal/track.js'
import { unwind, unwindAsync } from './internal/unwind.js'
import type { ContextValue, SyncContext } from './types.js'

/**
 * What `ExitStack` and `AsyncExitStack` share: the entries, the methods
 * Python's `_BaseExitStack` has, and the end of an unwinding. An exit stack
 * applies the nothing-is-lost rule inside its own unwinding, so what its exit
 * throws is final (`FINAL_EXIT`): a caller does not chain it again.
 */
export abstract class BaseExitStack {
  // Made on the first entry, as a literal when that entry is a callback:
  // pushing onto an empty array makes V8 reserve 17 slots, most of the cost
  // of a one-callback stack.
  #entries: Entries | undefined = undefined

  constructor() {
    trackMade(this)
  }

  /** @internal The class name used in messages. */
  protected abstract get apiName(): string

  /**
   * Enters a context manager (or takes a disposable) and pushes its exit.
   * @returns the entered value (a disposable enters as itself)
   * @throws `TypeError` naming the received type when `cm` is neither; whatever `enter` throws (nothing is pushed)
   */
  enterContext<C extends SyncContext>(cm: C): ContextValue<C> {
    return enterSync(this.apiName, cm, (this.#entries ??= []), 'enterContext') as ContextValue<C>
  }

  /**
   * Pushes an exit without entering anything: a function called like `exit`
   * (`(...thrown)`, may return `true` to suppress), a manager's `exit`, or a
   * disposable's dispose. It is not awaited: an exit that returns a promise
   * is a `TypeError` at unwinding (use `pushAsyncExit`), its promise marked
   * handled and its rejection, when it comes, the `TypeError`'s `cause`.
   * @returns its argument
   * @throws `TypeError` when `exit` is none of those
   */
  push<X extends ((...thrown: [] | [error: unknown]) => unknown) | SyncContext>(exit: X): X {
    pushExit((this.#entries ??= []), this.apiName, 'push', exit, false)
    return exit
  }

  /**
   * Pushes a callback, called with `args` at unwinding. It never sees the
   * pending error and never suppresses it, and it is not awaited: a callback
   * that returns a promise is a `TypeError` at unwinding (use
   * `pushAsyncCallback`), its promise marked handled and its rejection, when
   * it comes, the `TypeError`'s `cause`.
   * @returns `fn`
   * @throws `TypeError` when `fn` is not a function
   */
  callback<F extends (...args: never[]) => unknown>(fn: F, ...args: Parameters<F>): F {
    this.#pushCallback(CALLBACK, 'callback', fn, args)
    return fn
  }

  /**
   * Moves every entry to a new stack of the same class and returns it; this
   * stack is left empty, so closing it releases nothing.
   */
  popAll(): this {
    const moved = new (this.constructor as new () => this)()
    moved.#entries = this.#entries
    this.#entries = undefined
    return moved
  }

  /** @internal Pushes an async exit (`pushAsyncExit`). */
  protected pushAsyncExitEntry(member: string, exit: unknown): void {
    pushExit((this.#entries ??= []), this.apiName, member, exit, true)
  }

  /** @internal */
  protected enterAsyncEntry(member: string, cm: unknown): Promise<unknown> {
    return enterAsync(this.apiName, cm, (this.#entries ??= []), member)
  }

  /** @internal Unwinds synchronously; `true` when the error handed in was suppressed. */
  protected unwind(thrown: readonly unknown[]): boolean {
    trackReleased(this)
    const entries = this.#entries
    const pending = thrown.length === 0 ? NONE : thrown[0]
    return settle(thrown, entries === undefined ? pending : unwind(entries, pending, this.apiName))
  }

  /** @internal Unwinds asynchronously; `true` when the error handed in was suppressed. */
  protected async unwindAsync(thrown: readonly unknown[]): Promise<boolean> {
    trackReleased(this)
    const entries = this.#entries
    const pending = thrown.length === 0 ? NONE : thrown[0]
    return settle(thrown, entries === undefined ? pending : await unwindAsync(entries, pending, this.apiName))
  }

  /** @internal Pushes an awaited callback (`pushAsyncCallback`). */
  protected pushAsyncCallbackEntry(member: string, fn: unknown, args: unknown[]): void {
    this.#pushCallback(ASYNC | CALLBACK, member, fn, args)
  }

  /** Checks and records a callback; the first entry is a four-slot literal (see `#entries`). */
  #pushCallback(flags: number, member: string, fn: unknown, args: unknown[]): void {
    if (typeof fn !== 'function') throw badArgument(`${this.apiName}.${member}`, 'a function', fn)
    const entries = this.#entries
    if (entries === undefined) this.#entries = [flags, fn, undefined, args]
    else entries.push(flags, fn, undefined, args)
  }
}

Object.defineProperty(BaseExitStack.prototype, FINAL_EXIT, { value: true })

/** The stack's exit result: suppressed → `true`; the same error → `false`; anything else is final and thrown. */
function settle(thrown: readonly unknown[], pending: Pending): boolean {
  if (pending === NONE) return thrown.length > 0
  if (thrown.length > 0 && pending === thrown[0]) return false
  throw pending
}
