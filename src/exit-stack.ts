import { BaseExitStack } from './base-exit-stack.js'
import { define } from './internal/define.js'
import { disposeSymbol } from './internal/symbols.js'
import type { ContextManager } from './protocols.js'

/** The arguments of an exit for a completed block, shared to spare an allocation per close. */
const COMPLETED: readonly [] = []

/**
 * A stack of exits, unwound LIFO as one block: Python's `ExitStack`.
 *
 * Every entry runs, even when earlier ones throw; each sees the error pending
 * at its moment; an exit returning `true` suppresses it for the rest; an
 * error thrown while another is pending becomes a `SuppressedError` unless it
 * links to it. The stack behaves exactly like the same managers written as
 * nested `withContext` calls. It is reusable after `close()` and reentrant as
 * CPython's: entered again while entered, its first exit unwinds everything.
 *
 * @remarks Python: `contextlib.ExitStack` (`enter_context` → `enterContext`,
 * `pop_all` → `popAll`). Also a `Disposable`: under `using` it unwinds as
 * `close()` does, because `using` never tells a disposer that the block threw;
 * managers that must see the error belong in `withContext(stack, …)`.
 * @example
 * ```ts
 * withContext(new ExitStack(), (stack) => {
 *   const files = paths.map((p) => stack.enterContext(openFileSync(p, 'r')))
 *   return files.map((fd) => fs.readFileSync(fd, 'utf8'))
 * })
 * ```
 */
export class ExitStack extends BaseExitStack implements ContextManager<ExitStack>, Disposable {
  /** @internal The name errors give. */
  protected get apiName(): string {
    return 'ExitStack'
  }

  /**
   * Enters the stack itself: returns it, also while it is already entered
   * (reentrant as CPython's: the first exit unwinds every entry registered so
   * far, and an outer exit then finds the stack empty).
   */
  enter(): this {
    return this
  }

  /**
   * Unwinds every entry, LIFO, with the error given (if any).
   * @returns `true` when it suppressed the error it was given, else `false`
   * @throws the final pending error when it is not the one it was given
   */
  exit(...thrown: [] | [error: unknown]): boolean {
    return this.unwind(thrown)
  }

  /**
   * Unwinds every entry, LIFO, as a block that completed. The stack is empty
   * (and reusable) afterwards.
   * @throws what the entries threw, chained by the nothing-is-lost rule
   */
  close(): void {
    this.unwind(COMPLETED)
  }

  /** The same as {@link ExitStack.close}: `using stack = new ExitStack()`. */
  declare [Symbol.dispose]: () => void
}

// Keyed by the host's dispose symbol, or the shared fallback where it has none.
define(ExitStack.prototype, disposeSymbol, function (this: ExitStack): void {
  this.close()
}, true)
