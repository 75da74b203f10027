/**
 * An unwinding's entries: what to call at exit, with flags saying how. Shared
 * by the exit stacks and the multi-manager paths of `withContext`.
 */

/** "No error pending": a private sentinel, so that `throw undefined` still counts as a throw. */
export const NONE: unique symbol = Symbol('ctxlib.none')
/** The error pending at a moment of an unwinding, or {@link NONE}. */
export type Pending = unknown

/** Marks managers whose exit applies the nothing-is-lost rule itself (exit stacks). */
export const FINAL_EXIT: unique symbol = Symbol.for('ctxlib.finalExit') as typeof FINAL_EXIT

/** The entry is awaited. */
export const ASYNC = 1
/** The entry receives the pending error and may suppress it (an `exit`). */
export const EXIT = 2
/** What the entry throws is final: it already carries the error it was handed. */
export const FINAL = 4
/** The entry is a callback called with stored arguments. */
export const CALLBACK = 8
/** The entry is an exit function pushed bare (`push(fn)`), not a manager's exit. */
export const BARE = 16

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown

/**
 * The entries of an unwinding, stored flat (flags, function, target,
 * callback arguments) so that pushing one allocates nothing but array slots.
 */
export type Entries = unknown[]

/** Calls one entry as its flags say: an exit with the pending error (if any), a callback with its arguments, a disposer bare. */
export function callEntry(flags: number, fn: AnyFunction, target: unknown, args: unknown, pending: Pending): unknown {
  if (flags & EXIT) return pending === NONE ? fn.call(target) : fn.call(target, pending)
  if (flags & CALLBACK) {
    const list = args as unknown[]
    // Most callbacks take no arguments; a plain call spares the spread.
    return list.length === 0 ? fn() : fn(...list)
  }
  return fn.call(target)
}
