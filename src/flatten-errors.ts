import { isSuppressedError } from './internal/host-suppressed-error.js'

/**
 * The errors inside a `SuppressedError`/`AggregateError` tree, outermost
 * first, depth-first: a `SuppressedError` contributes its `error` then its
 * `suppressed`, an `AggregateError` its `errors` in order. Containers
 * themselves and `cause` are not followed; anything else (also `undefined`)
 * is a leaf, so a non-container gives `[error]`.
 *
 * @remarks No Python twin (Python keeps the chain in `__context__`).
 * @param error - any thrown value
 * @returns the leaves, in order
 * @example
 * ```ts
 * try { withContext([a, b], body) } catch (e) {
 *   for (const leaf of flattenErrors(e)) log(leaf)
 * }
 * ```
 */
export function flattenErrors(error: unknown): unknown[] {
  const leaves: unknown[] = []
  const seen = new Set<unknown>()
  const visit = (node: unknown): void => {
    if (isSuppressedError(node)) {
      if (seen.has(node)) return
      seen.add(node)
      visit(node.error)
      visit(node.suppressed)
    } else if (node instanceof AggregateError) {
      if (seen.has(node)) return
      seen.add(node)
      for (const part of node.errors as unknown[]) visit(part)
    } else {
      leaves.push(node)
    }
  }
  visit(error)
  return leaves
}
