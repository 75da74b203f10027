/**
 * The driver of one manager: enter, run the body, exit, settle the return.
 * `withContext`, `withAsyncContext`, the decorators and the generator
 * managers' `wrap` all run a single manager through it. Methods are called as
 * methods (`m.enter()`, not `enter.call(m)`): V8 inlines those, which makes
 * this path about three times faster; rare outcomes leave it through helpers.
 */
import { ASYNC, EXIT, FINAL, FINAL_EXIT, NONE, type Pending } from './entries.js'
import { isThenable } from './guards.js'
import { settleReturn, settleThrow } from './settle.js'
import { markHandled } from './thenables.js'

/** A manager as the driver sees it (both methods checked to be functions). */
export interface Manager {
  enter(): unknown
  exit(...thrown: [] | [error: unknown]): unknown
}

/** An async manager as the driver sees it. */
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

/** `with m: body` for one manager. */
export function drive(m: Manager, body: (value: unknown) => unknown): unknown {
  const value = m.enter()
  let result: unknown
  try {
    result = body(value)
  } catch (e) {
    exitSingle(m, e)
    return undefined
  }
  if (typeof result === 'object' || typeof result === 'function') return completeWithObject(m, result)
  const returned = m.exit()
  if (returned !== undefined && typeof returned !== 'boolean') checkReturned(returned)
  return result
}

/** The refusal of an async body in a sync scope. */
export function asyncBodyError(): TypeError {
  return new TypeError('withContext: the body returned a promise; use withAsyncContext for an async body')
}

/** A sync exit must not return a promise: the shared rule turns one into a `TypeError`. */
function checkReturned(returned: unknown): void {
  const pending = settleReturn(EXIT, NONE, returned, 'withContext')
  if (pending !== NONE) throw pending
}

/** The driver's end for an object result, which may be a promise (an async body: refused). */
function completeWithObject(m: Manager, result: object | null): unknown {
  if (isThenable(result)) {
    markHandled(result)
    const refused = asyncBodyError()
    exitSingle(m, refused)
    throw refused
  }
  const returned = m.exit()
  if (returned !== undefined && typeof returned !== 'boolean') checkReturned(returned)
  return result
}

/** Exits one manager with error `e` pending: returns `undefined` when it suppressed `e`, else throws. */
export function exitSingle(m: Manager, e: unknown): undefined {
  let pending: Pending
  try {
    pending = settleReturn(EXIT, e, m.exit(e), 'withContext')
  } catch (thrown) {
    pending = settleThrow(FINAL_EXIT in m ? EXIT | FINAL : EXIT, e, thrown)
  }
  if (pending !== NONE) throw pending
}

/** The async twin of {@link exitSingle}. */
export async function exitSingleAsync(m: AsyncManager, e: unknown): Promise<undefined> {
  let pending: Pending
  try {
    pending = settleReturn(ASYNC | EXIT, e, await m.exitAsync(e), 'withAsyncContext')
  } catch (thrown) {
    pending = settleThrow(FINAL_EXIT in m ? ASYNC | EXIT | FINAL : ASYNC | EXIT, e, thrown)
  }
  if (pending !== NONE) throw pending
}

/** `async with m: body` for one async manager. */
export async function driveAsync(m: AsyncManager, body: (value: unknown) => unknown): Promise<unknown> {
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
