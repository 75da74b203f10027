/**
 * The rules of one exit's outcome, shared by every driver: an exit returning
 * exactly `true` clears the pending error; a throw replaces it under the
 * nothing-is-lost rule; a function in a slot that does not await returning a
 * promise is a `TypeError` (see `refuseThenable`).
 */
import { chain } from './chaining.js'
import { ASYNC, BARE, CALLBACK, EXIT, FINAL, NONE, type Pending } from './entries.js'
import { isThenable } from './guards.js'
import { refuseThenable } from './thenables.js'

/** The pending error after an entry threw `thrown`. */
export function settleThrow(flags: number, pending: Pending, thrown: unknown): Pending {
  return pending === NONE || flags & FINAL ? thrown : chain(thrown, pending)
}

/**
 * The pending error after an entry returned `result` (awaited already when
 * the entry is async); `api` names the unwinding in messages.
 */
export function settleReturn(flags: number, pending: Pending, result: unknown, api: string): Pending {
  if (result === undefined || result === false) return pending
  if (result === true && flags & EXIT) return NONE
  if (!(flags & ASYNC) && isThenable(result)) return settleThrow(0, pending, refuseThenable(notAwaited(flags, api), result))
  return pending
}

/** What a sync slot whose function returned a promise is told: the slot, and the async form to use. */
function notAwaited(flags: number, api: string): string {
  const stack = api === 'AsyncExitStack' ? '' : 'AsyncExitStack.'
  const [slot, use] =
    flags & CALLBACK
      ? ['.callback', `${stack}pushAsyncCallback`]
      : flags & BARE
        ? ['.push', `${stack}pushAsyncExit`]
        : flags & EXIT
          ? [': exit', 'an async context manager']
          : [': [Symbol.dispose]', '[Symbol.asyncDispose]']
  return `${api}${slot} returned a promise, which is not awaited; use ${use}`
}
