import { isSuppressedError } from './internal/host-suppressed-error.js'

/**
 * The errors inside a `SuppressedError`/`AggregateError` tree, outermost
 * first, depth-first: a `SuppressedError` contributes its `error` then its
 * `suppressed`, an `AggregateError` its `errors` in order. Containers
 * themselves and `cause` are not followed; anything else (also `undefined`)
 * is a leaf, so a non-container gives `[error]`. Iterative: a tree of any
 * depth is walked without growing the call stack.
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
  // What is left to visit, the next node last.
  const todo: unknown[] = [error]
  while (todo.length > 0) {
    const node = todo.pop()
    const suppressed = isSuppressedError(node)
    if (!suppressed && !(node instanceof AggregateError)) leaves.push(node)
    else if (!seen.has(node)) {
      seen.add(node)
      if (suppressed) todo.push(node.suppressed, node.error)
      else {
        // A loop, not a spread into push: a group may hold more parts than a call takes arguments.
        const parts = [...(node.errors as Iterable<unknown>)]
        for (let i = parts.length; i-- > 0; ) todo.push(parts[i])
      }
    }
  }
  return leaves
}
