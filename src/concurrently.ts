import { defineMethod } from './internal/define.js'
import { badArgument } from './internal/describe.js'
import { asyncDisposeSymbol, disposerOf } from './internal/symbols.js'
import type { AsyncContextManager } from './protocols.js'

type Dispose = (this: object) => unknown

/** Disposables disposed all at once: made by {@link concurrently}. */
export class Concurrently implements AsyncContextManager<void>, AsyncDisposable {
  #entries: [object, Dispose][] | undefined

  /** Prefer {@link concurrently}; the constructor checks its arguments the same way. */
  constructor(disposables: readonly (Disposable | AsyncDisposable | null | undefined)[]) {
    const entries: [object, Dispose][] = []
    for (const d of disposables) {
      if (d === null || d === undefined) continue
      const method = disposerOf(d)
      if (typeof method !== 'function') throw badArgument('concurrently', 'disposables, null or undefined', d)
      entries.push([d, method as Dispose])
    }
    this.#entries = entries
  }

  /** Resolves to `undefined`: the block has nothing to use. */
  enterAsync(): Promise<void> {
    return Promise.resolve()
  }

  /**
   * Starts every disposal at once and waits for all of them. Rejects with the
   * one failure, or an `AggregateError` of several in argument order; never
   * suppresses. Only the first call disposes.
   */
  async exitAsync(): Promise<false> {
    const entries = this.#entries
    this.#entries = undefined
    if (entries === undefined || entries.length === 0) return false
    const outcomes = await Promise.allSettled(
      entries.map(([d, method]) => {
        try {
          return Promise.resolve(method.call(d))
        } catch (e) {
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- rejects with what the disposal threw, unchanged
          return Promise.reject(e)
        }
      }),
    )
    const errors: unknown[] = []
    for (const outcome of outcomes) if (outcome.status === 'rejected') errors.push(outcome.reason)
    if (errors.length === 1) throw errors[0] as Error
    if (errors.length > 1) throw new AggregateError(errors, 'concurrently: several disposals failed')
    return false
  }

  /** The same as {@link Concurrently.exitAsync}: `await using _ = concurrently(a, b)`. */
  declare [Symbol.asyncDispose]: () => Promise<void>
}

defineMethod(Concurrently.prototype, asyncDisposeSymbol, async function (this: Concurrently): Promise<void> {
  await this.exitAsync()
})

/**
 * An `AsyncDisposable` that disposes all of `disposables` at once (each
 * `Symbol.asyncDispose`, else `Symbol.dispose`) and waits for every one:
 * closing ten sockets takes as long as the slowest, not the sum.
 *
 * `null` and `undefined` are skipped. One failure rejects with that error;
 * several with an `AggregateError` of them in argument order (a disposal that
 * fails does not stop the others). Disposes at most once. Exit stacks and
 * `using` stay sequential, in reverse order, as specified; use this where
 * the order does not matter.
 *
 * @remarks No Python twin; Effect's `ExecutionStrategy.parallel`. Also an
 * async manager (entering as `undefined`).
 * @param disposables - sync or async disposables, `null` or `undefined`
 * @returns a {@link Concurrently}
 * @throws `TypeError` (at the call) when an argument is not a disposable, `null` or `undefined`
 * @example
 * ```ts
 * await using _ = concurrently(db, cache, queue) // all three close together
 * ```
 */
export function concurrently(...disposables: (Disposable | AsyncDisposable | null | undefined)[]): Concurrently {
  return new Concurrently(disposables)
}
