/**
 * The nothing-is-lost rule: an error thrown while another is pending keeps
 * it, either because it already links to it or inside a `SuppressedError`.
 */
import { describeError } from './describe.js'
import { hasOwn, isObjectLike } from './guards.js'
import { HostSuppressedError, isSuppressedError } from './host-suppressed-error.js'

function isAggregateError(value: object): value is { errors: unknown[] } {
  return value instanceof AggregateError && Array.isArray((value as { errors?: unknown }).errors)
}

/**
 * Whether `x` already carries `e`: it is `e`, or reaches it through own `cause`
 * properties, `SuppressedError`'s `error`/`suppressed`, or `AggregateError`'s
 * `errors`. Cycle-safe. A node without an own `cause` never reaches `undefined`.
 */
export function linksTo(x: unknown, e: unknown): boolean {
  if (x === e) return true
  if (!isObjectLike(x)) return false
  const seen = new Set<object>()
  const queue: object[] = [x]
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as object
    if (seen.has(node)) continue
    seen.add(node)
    const next: unknown[] = []
    if (hasOwn(node, 'cause')) next.push((node as { cause?: unknown }).cause)
    if (isSuppressedError(node)) next.push(node.error, node.suppressed)
    if (isAggregateError(node)) next.push(...node.errors)
    for (const child of next) {
      if (child === e) return true
      if (isObjectLike(child)) queue.push(child)
    }
  }
  return false
}

/**
 * The nothing-is-lost rule: `x` was thrown while `e` was pending. The new
 * pending error is `x` when it already links to `e`, otherwise a
 * `SuppressedError` carrying both (JavaScript's spelling of Python's
 * implicit `__context__`).
 */
export function chain(x: unknown, e: unknown): unknown {
  if (linksTo(x, e)) return x
  return new HostSuppressedError(x, e, `${describeError(x)} was thrown while handling ${describeError(e)}`)
}
