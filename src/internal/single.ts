import { isThenable } from './describe.js'
import { ASYNC, EXIT, FINAL, FINAL_EXIT, NONE, type Pending, settleReturn, settleThrow } from './unwind.js'

/** A manager as the single-manager paths see it (both methods checked to be functions). */
export interface Manager {
  enter(): unknown
  exit(...thrown: [] | [error: unknown]): unknown
}

/** An async manager as the single-manager paths see it. */
export interface AsyncManager {
  enterAsync(): unknown
  exitAsync(...thrown: [] | [error: unknown]): unknown
}

/**
 * The key of a manager's own single-scope driver: `withAsyncContext` hands
 * the body to it instead of awaiting `enterAsync` and `exitAsync` through
 * their promises. Only the library's async generator managers have one.
 */
export const DRIVE: unique symbol = Symbol('ctxlib.drive')

/** Exits one manager with error `e` pending: returns `undefined` when it suppressed `e`, else throws. */
export function exitSingle(m: Manager, e: unknown): undefined {
  let pending: Pending
  try {
    pending = settleReturn(EXIT, e, m.exit(e))
  } catch (thrown) {
    pending = settleThrow(FINAL_EXIT in m ? EXIT | FINAL : EXIT, e, thrown)
  }
  if (pending !== NONE) throw pending
}

/** The async twin of {@link exitSingle}. */
export async function exitSingleAsync(m: AsyncManager, e: unknown): Promise<undefined> {
  let pending: Pending
  try {
    pending = settleReturn(ASYNC | EXIT, e, await m.exitAsync(e))
  } catch (thrown) {
    pending = settleThrow(FINAL_EXIT in m ? ASYNC | EXIT | FINAL : ASYNC | EXIT, e, thrown)
  }
  if (pending !== NONE) throw pending
}

/**
 * `async with m: body` for one async manager, with the shared settle rules.
 * Methods are called as methods, so that V8 can inline them.
 */
export async function runAsyncManager(m: AsyncManager, body: (value: unknown) => unknown): Promise<unknown> {
  const value = await m.enterAsync()
  let result: unknown
  try {
    result = body(value)
    // Await only a promise: a plain result costs no extra turn.
    if (isThenable(result)) result = await result
  } catch (e) {
    return exitSingleAsync(m, e)
  }
  await m.exitAsync()
  return result
}
