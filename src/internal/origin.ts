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
