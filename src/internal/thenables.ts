/** Promises the library no longer owns. */

/** Marks a promise-like as handled so that a rejection we no longer own cannot crash the process. */
export function markHandled(value: PromiseLike<unknown>): void {
  try {
    value.then(undefined, () => undefined)
  } catch {
    // a hostile thenable: nothing more we can do for it
  }
}
