/**
 * The nothing-is-lost rule: an error thrown while another is pending keeps
 * it, either because it already links to it or inside a `SuppressedError`.
 * Every walk here is a loop, so chains of any depth work.
 */
import { describeError } from './describe.js'
import { hasOwn, isObjectLike } from './guards.js'
import { HostSuppressedError, isSuppressedError } from './host-suppressed-error.js'

/** The nodes a link may follow out of `node`, appended to `out`. */
function links(node: object, out: unknown[]): void {
  if (hasOwn(node, 'cause')) out.push((node as { cause?: unknown }).cause)
  if (isSuppressedError(node)) out.push(node.error, node.suppressed)
  if (node instanceof AggregateError && Array.isArray(node.errors)) for (const child of node.errors as unknown[]) out.push(child)
}

/**
 * Whether `x` already carries `e`: it is `e`, or reaches it through own `cause`
 * properties, `SuppressedError`'s `error`/`suppressed`, or `AggregateError`'s
 * `errors`. Cycle-safe, breadth-first, iterative. A node without an own
 * `cause` never reaches `undefined`.
 */
export function linksTo(x: unknown, e: unknown): boolean {
  if (x === e) return true
  // A primitive, or a fresh error, links to nothing: nothing is allocated for it.
  if (!isObjectLike(x) || !(hasOwn(x, 'cause') || isSuppressedError(x) || x instanceof AggregateError)) return false
  const queue: unknown[] = []
  links(x, queue)
  const seen = new Set<unknown>([x])
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]
    if (node === e) return true
    if (isObjectLike(node) && !seen.has(node)) {
      seen.add(node)
      links(node, queue)
    }
  }
  return false
}

/** A description in a chained message, cut at 400 characters. */
function quote(value: unknown): string {
  const text = describeError(value)
  return text.length > 400 ? `${text.slice(0, 400)}…` : text
}

/**
 * The nothing-is-lost rule: `x` was thrown while `e` was pending. The new
 * pending error is `x` when it already links to `e`, otherwise a
 * `SuppressedError` carrying both (JavaScript's spelling of Python's
 * implicit `__context__`). Its message quotes `x` and the error `e` last
 * raised (a chain's head), never the whole chain: bounded at any depth.
 */
export function chain(x: unknown, e: unknown): unknown {
  if (linksTo(x, e)) return x
  let head = e
  // A bounded walk: a SuppressedError that contains itself cannot hang it.
  for (let i = 0; i < 64 && isSuppressedError(head); i++) head = head.error
  return new HostSuppressedError(x, e, `${quote(x)} was thrown while handling ${quote(head)}`)
}
