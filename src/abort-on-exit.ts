import { defineMethod } from './internal/define.js'
import { disposeSymbol } from './internal/symbols.js'
import type { ContextManager } from './protocols.js'

/**
 * A scope's `AbortSignal` that aborts when the scope ends: made by
 * {@link abortOnExit}. Live from construction (`.signal`, `.controller`), so
 * `using scope = abortOnExit()` works as well as `withContext`.
 */
export class AbortOnExit implements ContextManager<AbortSignal>, Disposable {
  #controller = new AbortController()
  readonly #reason: unknown

  /** Prefer {@link abortOnExit}. */
  constructor(reason?: unknown) {
    this.#reason = reason
  }

  /** The controller of the current scope. */
  get controller(): AbortController {
    return this.#controller
  }

  /** The signal of the current scope. */
  get signal(): AbortSignal {
    return this.#controller.signal
  }

  /** Enters as the signal; after a previous scope aborted it, a fresh one (reusable). */
  enter(): AbortSignal {
    if (this.#controller.signal.aborted) this.#controller = new AbortController()
    return this.#controller.signal
  }

  /** Aborts the signal with the reason (unless already aborted); never suppresses. */
  exit(): false {
    const controller = this.#controller
    if (!controller.signal.aborted) controller.abort(this.#reason)
    return false
  }

  /** The same as {@link AbortOnExit.exit}: `using scope = abortOnExit()`. */
  declare [Symbol.dispose]: () => void
}

defineMethod(AbortOnExit.prototype, disposeSymbol, function (this: AbortOnExit): void {
  this.exit()
})

/**
 * A manager entering as an `AbortSignal` that aborts when the block ends, on
 * every path: work started in the block with that signal (fetches, timers,
 * listeners, streams) is cancelled instead of outliving it.
 *
 * Exit (and dispose) aborts with `reason`, by default the platform's
 * `AbortError`; a signal aborted already (by `.controller.abort()` inside the
 * block) is left as it is. Reusable: entering again after a scope ended
 * gives a fresh signal. Not reentrant: nested scopes share one signal, and
 * the innermost exit aborts it. Never suppresses an error.
 *
 * @remarks No Python twin (the nearest is cancelling a task at the end of a
 * `with` block); the DOM's proposed "AutoAbort". Sync: works with
 * `withContext`, `withAsyncContext`, exit stacks and `using`.
 * @param reason - the abort reason; omitted or `undefined`: the platform's `AbortError`
 * @returns a live {@link AbortOnExit}
 * @example
 * ```ts
 * await withAsyncContext(abortOnExit(), async (signal) => {
 *   const first = await Promise.any(mirrors.map((url) => fetch(url, { signal })))
 *   return first.text() // the other fetches are aborted when the block ends
 * })
 * ```
 */
export function abortOnExit(reason?: unknown): AbortOnExit {
  return new AbortOnExit(reason)
}
