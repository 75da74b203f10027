/** The type of a value as error messages name it: never the value itself. */
export function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value
}

/** `name: message` for errors, the value's type for anything else. */
export function describeError(value: unknown): string {
  return value instanceof Error ? (value.message ? `${value.name}: ${value.message}` : value.name) : typeName(value)
}

/** A `TypeError` in the library's message shape: `api: expected X, got <type>`. */
export function badArgument(api: string, expected: string, received: unknown): TypeError {
  return new TypeError(`${api}: expected ${expected}, got ${typeName(received)}`)
}

/** A generator manager's protocol error (`didn't stop`), caused by the error pending when there is one. */
export function protocolError(message: string, ...pending: [] | [error: unknown]): TypeError {
  return pending.length === 0 ? new TypeError(message) : new TypeError(message, { cause: pending[0] })
}

/**
 * Why a generator manager refuses to enter: it was entered before (`state`
 * is not 0, fresh), or its factory returned no generator.
 */
export function enterRefusal(state: number, returned: unknown, api: string, generator: string): TypeError {
  return state === 0 ? badArgument(api, `the factory to return ${generator}`, returned) : new TypeError(`${api}: a generator manager can only be entered once`)
}

/**
 * What a generator manager was made from: its factory's generator function,
 * `this` and arguments. `wrap` makes fresh managers from it.
 */
export interface Origin<F> {
  readonly factory: F
  readonly self: unknown
  readonly args: readonly unknown[]
}

/**
 * The origin of a factory call with `this` and `args`; without them (a plain
 * call) the origin is shared by every manager of the factory.
 */
export function originOf<F>(factory: F, self?: unknown, args?: IArguments): Origin<F> {
  return { factory, self, args: args === undefined ? [] : Array.prototype.slice.call(args) }
}

/** Whether `value` is an object or a function (the specification's "is an Object"). */
export function isObjectLike(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function'
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return isObjectLike(value) && typeof (value as { then?: unknown }).then === 'function'
}

/** Marks a promise-like as handled so that a rejection we no longer own cannot crash the process. */
export function markHandled(value: PromiseLike<unknown>): void {
  try {
    value.then(undefined, () => undefined)
  } catch {
    // a hostile thenable: nothing more we can do for it
  }
}

/** Gives a wrapper the name of the function it stands for (stack traces, decorators). */
export function nameAfter<F extends (...args: never[]) => unknown>(original: { name: string }, wrapper: F): F {
  Object.defineProperty(wrapper, 'name', { value: original.name, configurable: true })
  return wrapper
}

/** Defines a method as class syntax would: writable, configurable, not enumerable. */
export function defineMethod(target: object, key: PropertyKey, fn: (...args: never[]) => unknown): void {
  Object.defineProperty(target, key, { value: fn, writable: true, enumerable: false, configurable: true })
}
