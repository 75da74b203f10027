/**
 * The generator managers' protocol errors, written once for the sync and the
 * async manager. Python raises them as `RuntimeError`; here they are
 * `TypeError`s carrying the pending error as `cause`.
 */
import { badArgument } from './describe.js'

/** `didn't stop` (the block completed) or `didn't stop after throw` (it threw `pending[0]`, the cause). */
export function didNotStop(api: string, ...pending: [] | [error: unknown]): TypeError {
  return pending.length === 0
    ? new TypeError(`${api}: generator didn't stop`)
    : new TypeError(`${api}: generator didn't stop after throw`, { cause: pending[0] })
}

/** The generator finished without yielding. */
export function didNotYield(api: string): TypeError {
  return new TypeError(`${api}: generator didn't yield`)
}

/**
 * Why a generator manager refuses to enter: it was entered before (`state`
 * is not 0, fresh), or its factory returned no generator.
 */
export function enterRefusal(state: number, returned: unknown, api: string, generator: string): TypeError {
  return state === 0 ? badArgument(api, `the factory to return ${generator}`, returned) : new TypeError(`${api}: a generator manager can only be entered once`)
}

/** Calling exit without a successful enter, or twice. */
export function notEntered(api: string): TypeError {
  return new TypeError(`${api}: the manager is not entered (exit without enter, or twice)`)
}
