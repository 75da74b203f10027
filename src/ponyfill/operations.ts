/**
 * The abstract operations that `DisposableStack` and `AsyncDisposableStack`
 * share (ECMA-262, "Disposable Resource Records" and the stacks' common
 * steps), written once. What touches a stack's internal slots stays in each
 * class: the slots are private fields, so that each class's brand check
 * (RequireInternalSlot) accepts its own instances and nothing else.
 */
import { badArgument } from '../internal/describe.js'
import { isObjectLike } from '../internal/guards.js'
import { asyncDisposeSymbol, disposeSymbol } from '../internal/symbols.js'

/** A resource's dispose method, as recorded. */
export type Method = (this: unknown) => unknown

/** The name messages give a stack's method: `DisposableStack.prototype.use`. */
export function api(stack: string, method: string): string {
  return `${stack}.prototype.${method}`
}

/** RequireInternalSlot's `TypeError`: `this` is not a stack of the class. */
export function notAStack(stack: string, method: string, received: unknown): TypeError {
  return badArgument(api(stack, method), `this to be ${stack === 'AsyncDisposableStack' ? 'an' : 'a'} ${stack}`, received)
}

/** The `ReferenceError` of a method called on a disposed stack. */
export function alreadyDisposed(stack: string, method: string): ReferenceError {
  return new ReferenceError(`${api(stack, method)}: the ${stack} is already disposed`)
}

/** Step 4 of `adopt`: a `TypeError` unless the disposer is callable. */
export function requireCallable(stack: string, method: string, fn: unknown): Method {
  if (typeof fn !== 'function') throw badArgument(api(stack, method), 'a function', fn)
  return fn as Method
}

/** `adopt` steps 5.–7.: a closure calling `onDispose(value)` with an undefined `this`. */
export function adoptMethod(onDispose: Method, value: unknown): Method {
  return () => (onDispose as (value: unknown) => unknown)(value)
}

/**
 * CreateDisposableResource 1.b. for sync-dispose: GetMethod(V, @@dispose),
 * which must be callable on an Object.
 */
export function disposeMethod(value: unknown): Method {
  const method = isObjectLike(value) ? (value as Record<symbol, unknown>)[disposeSymbol] : undefined
  if (typeof method !== 'function') throw badArgument(api('DisposableStack', 'use'), 'an object with a [Symbol.dispose] method', value)
  return method as Method
}

/**
 * CreateDisposableResource 1.b. for async-dispose: GetDisposeMethod(V,
 * async-dispose), GetMethod(V, @@asyncDispose), else GetMethod(V, @@dispose)
 * wrapped (1.b.ii.) so that its result is never awaited and its throw
 * becomes a rejection: one await either way.
 */
export function asyncDisposeMethod(value: unknown): Method {
  let method: unknown
  if (isObjectLike(value)) {
    method = (value as { [key: symbol]: unknown })[asyncDisposeSymbol]
    if (method === undefined || method === null) {
      const dispose = (value as { [key: symbol]: unknown })[disposeSymbol]
      method =
        typeof dispose === 'function'
          ? // eslint-disable-next-line @typescript-eslint/require-await -- async only to turn a throw into a rejection
            async function (this: unknown) {
              ;(dispose as Method).call(this)
            }
          : dispose
    }
  }
  // GetMethod's IsCallable check, and 1.b.iii.
  if (typeof method !== 'function') {
    throw badArgument(api('AsyncDisposableStack', 'use'), 'an object with a [Symbol.asyncDispose] or [Symbol.dispose] method', value)
  }
  return method as Method
}
