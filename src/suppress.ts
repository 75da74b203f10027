import { looksSuppressed } from './internal/guards.js'
import type { ContextManager } from './protocols.js'

/** What `suppress` matches: an error class, an error `code` string, or a predicate. */
export type ErrorMatcher =
  | (abstract new (...args: never[]) => unknown)
  | string
  | ((error: unknown) => boolean)

/**
 * Whether `error` matches `matcher`. Classified here, at exit, rather than
 * when `suppress(...)` is called: the manager is built on every call of a
 * hot path while an error is the rare case, so the common path allocates
 * nothing but the manager.
 */
function matches(matcher: ErrorMatcher, error: unknown): boolean {
  // a code string matches the `code` of any value (primitives have none)
  if (typeof matcher === 'string') return (error as { code?: unknown } | null | undefined)?.code === matcher
  // an error class is `Error` or a function whose prototype inherits from Error.prototype
  if (matcher === Error || (matcher as { prototype?: unknown }).prototype instanceof Error) return error instanceof matcher
  return (matcher as (error: unknown) => unknown)(error) === true
}

/**
 * What is left of `error` once the matching parts are taken out: the
 * `matchers` array itself (a value no one else holds) when it matches,
 * `error` itself when nothing in it does, else (Python 3.12's
 * `ExceptionGroup.split` for `AggregateError`) a new group of the same shape
 * holding the rest, emptied nested groups dropped.
 */
function rest(error: unknown, matchers: readonly ErrorMatcher[]): unknown {
  // Python matches the exception being raised, whatever its `__context__`. The
  // nothing-is-lost rule spells "x raised while handling e" as
  // SuppressedError(x, e), so its head x is matched too. By its shape
  // (`looksSuppressed`), not `isSuppressedError`: that one consults the
  // class in use, which would add some 330 bytes to a lone `suppress` import.
  let head = error
  while (looksSuppressed(head)) head = head.error
  for (const matcher of matchers) if (matches(matcher, error) || (head !== error && matches(matcher, head))) return matchers
  if (!(error instanceof AggregateError)) return error
  const kept: unknown[] = []
  let changed = false
  for (const part of error.errors as unknown[]) {
    const left = rest(part, matchers)
    if (left !== part) changed = true
    if (left !== matchers) kept.push(left)
  }
  if (!changed) return error
  return kept.length > 0 ? new AggregateError(kept, error.message, { cause: error }) : matchers
}

class Suppress implements ContextManager<void> {
  readonly #matchers: readonly ErrorMatcher[]

  constructor(matchers: readonly ErrorMatcher[]) {
    this.#matchers = matchers
  }

  enter(): void {
    return undefined
  }

  exit(...thrown: [] | [error: unknown]): boolean
  // `arguments`, not a rest parameter: no array per scope on the hot path.
  exit(error?: unknown): boolean {
    if (arguments.length > 0) {
      const left = rest(error, this.#matchers)
      if (left === this.#matchers) return true
      if (left !== error) throw left as AggregateError // a new group: the rest of a split
    }
    return false
  }
}

/**
 * A context manager that suppresses errors matching any of `matchers`: Python's `suppress`.
 *
 * A matcher is an error class (matched with `instanceof`), a string (equal to
 * the error's `code`, e.g. `'ENOENT'`), or a predicate returning `true`. An
 * `AggregateError` is split as Python 3.12 splits an exception group: when
 * every part matches it is suppressed; when some do, the rest is thrown as a
 * new `AggregateError` (same message, `cause`: the original); when none do,
 * the original propagates. No matchers: suppresses nothing.
 *
 * @remarks Python: `contextlib.suppress`. Reusable and reentrant. Not a
 * `Disposable`: under `using` it could not see the error, so use `withContext`.
 * @param matchers - error classes, code strings or predicates
 * @returns a reusable context manager entering as `undefined`
 * @throws `TypeError` when a matcher is none of those
 * @example
 * ```ts
 * withContext(suppress('ENOENT'), () => fs.unlinkSync('cache.json'))
 * ```
 */
export function suppress(...matchers: ErrorMatcher[]): ContextManager<void> {
  // An indexed loop: for-of allocates an iterator here on some V8 versions.
  for (let i = 0; i < matchers.length; i++) {
    const matcher: unknown = matchers[i]
    if (typeof matcher !== 'string' && typeof matcher !== 'function') {
      // Spelled out rather than through badArgument: it keeps a lone `suppress` import small.
      throw new TypeError(
        `suppress: expected error classes, code strings or predicates, got ${matcher === null ? 'null' : Array.isArray(matcher) ? 'array' : typeof matcher}`,
      )
    }
  }
  return new Suppress(matchers)
}
