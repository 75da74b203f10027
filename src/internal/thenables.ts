/** Promises the library no longer owns. */
import { define } from './define.js'

/**
 * Marks a promise-like as handled so that a rejection we no longer own cannot
 * crash the process; `onRejected`, when given, receives that rejection.
 */
export function markHandled(value: PromiseLike<unknown>, onRejected: (reason: unknown) => void = () => undefined): void {
  try {
    value.then(undefined, onRejected)
  } catch {
    // a hostile thenable: nothing more we can do for it
  }
}

/**
 * The `TypeError` of a slot that does not await whose function returned
 * `thenable`: the thenable is marked handled at once, and its rejection, when
 * it comes, becomes the error's own `cause` (so nothing is lost, and
 * `linksTo` and `formatError` follow it).
 */
export function refuseThenable(message: string, thenable: PromiseLike<unknown>): TypeError {
  const error = new TypeError(message)
  markHandled(thenable, (reason) => {
    define(error, 'cause', reason, true)
  })
  return error
}
