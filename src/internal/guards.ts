/** Type tests shared by the library's modules (the specification's "is an Object", and the like). */

/** Whether `target` has an own property `key`. */
export const hasOwn = (target: object, key: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(target, key)

/** Whether `value` is an object or a function (the specification's "is an Object"). */
export function isObjectLike(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function'
}

/** Whether `value` has a callable `then`: what `await` would treat as a promise. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return isObjectLike(value) && typeof (value as { then?: unknown }).then === 'function'
}

/**
 * Whether `x` is `target` or reaches it through a chain of own `cause`
 * properties (as Node's `AbortError`s link to an abort reason). Cycle-safe;
 * a node without an own `cause` ends the walk.
 */
export function reachesByCause(x: unknown, target: unknown): boolean {
  let seen: Set<unknown> | undefined
  for (let node = x; node !== target; node = (node as { cause?: unknown }).cause) {
    if (!isObjectLike(node) || !hasOwn(node, 'cause')) return false
    seen ??= new Set()
    if (seen.has(node)) return false
    seen.add(node)
  }
  return true
}

/**
 * Whether `value` can stand for an `AbortSignal` of any realm or copy: a
 * boolean `aborted` and both listener methods (a scope that listens must be
 * able to stop listening).
 */
export function isAbortSignalLike(value: unknown): value is AbortSignal {
  return (
    isObjectLike(value) &&
    typeof (value as { aborted?: unknown }).aborted === 'boolean' &&
    typeof (value as { addEventListener?: unknown }).addEventListener === 'function' &&
    typeof (value as { removeEventListener?: unknown }).removeEventListener === 'function'
  )
}

/** Whether `value` is a generator object, sync or async (by its built-in tag). */
export function isGeneratorObject(value: object): boolean {
  const tag = Object.prototype.toString.call(value)
  return tag === '[object Generator]' || tag === '[object AsyncGenerator]'
}

/**
 * Whether `value` looks like a `SuppressedError` of any realm or copy: an
 * error named so, with own `error` and `suppressed`. No class is consulted,
 * so a module that needs only this test pulls in none.
 */
export function looksSuppressed(value: unknown): value is Error & { error: unknown; suppressed: unknown } {
  return (
    value instanceof Error &&
    value.name === 'SuppressedError' &&
    hasOwn(value, 'error') &&
    hasOwn(value, 'suppressed')
  )
}
