/**
 * The rules of one exit's outcome, shared by every driver: an exit returning
 * exactly `true` clears the pending error; a throw replaces it under the
 * nothing-is-lost rule; a sync exit returning a promise is a `TypeError`.
 */
import { chain } from './chaining.js'
import { ASYNC, EXIT, FINAL, NONE, type Pending } from './entries.js'
import { isThenable } from './guards.js'
import { markHandled } from './thenables.js'

/** The pending error after an entry threw `thrown`. */
export function settleThrow(flags: number, pending: Pending, thrown: unknown): Pending {
  return pending === NONE || flags & FINAL ? thrown : chain(thrown, pending)
}

/** The pending error after an exit returned `result` (awaited already when the entry is async). */
export function settleReturn(flags: number, pending: Pending, result: unknown): Pending {
  if (!(flags & EXIT) || result === undefined || result === false) return pending
  if (result === true) return NONE
  if (!(flags & ASYNC) && isThenable(result)) {
    markHandled(result)
    return settleThrow(
      0,
      pending,
      new TypeError('exit: a synchronous exit returned a promise; use an async context manager with withAsyncContext'),
    )
  }
  return pending
}
