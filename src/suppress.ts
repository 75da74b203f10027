import { badArgument, isObjectLike } from './internal/describe.js'
import type { ContextManager } from './protocols.js'

/** What `suppress` matches: an error class, an error `code` string, or a predicate. */
export type ErrorMatcher =
  | (abstract new (...args: never[]) => unknown)
  | string
  | ((error: unknown) => boolean)

type Test = (error: unknown) => boolean

function isErrorClass(fn: (...args: never[]) => unknown): boolean {
  if (fn === Error) return true
  const proto: unknown = (fn as { prototype?: unknown }).prototype
  return isObjectLike(proto) && Object.prototype.isPrototypeOf.call(Error.prototype, proto)
}

function toTest(matcher: unknown): Test {
  if (typeof matcher === 'string') {
    return (error) => isObjectLike(error) && (error as { code?: unknown }).code === matcher
  }
  if (typeof matcher === 'function') {
    const fn = matcher as (...args: never[]) => unknown
    if (isErrorClass(fn)) return (error) => error instanceof fn
    return (error) => (fn as (error: unknown) => unknown)(error) === true
  }
  throw badArgument('suppress', 'error classes, code strings or predicates', matcher)
}

/**
 * Python 3.12's `ExceptionGroup.split` for `AggregateError`: the parts that
 * match none of the tests, as a group of the same shape. Returns the group
 * itself when no part matched, `undefined` when every part did.
 */
function rest(group: AggregateError, test: Test): AggregateError | undefined {
  const kept: unknown[] = []
  let changed = false
  for (const part of group.errors as unknown[]) {
    if (test(part)) {
      changed = true
      continue
    }
    if (part instanceof AggregateError) {
      const left = rest(part, test)
      if (left !== part) changed = true
      if (left !== undefined) kept.push(left)
      continue
    }
    kept.push(part)
  }
  if (!changed) return group
  if (kept.length === 0) return undefined
  return new AggregateError(kept, group.message, { cause: group })
}

class Suppress implements ContextManager<void> {
  readonly #test: Test | undefined

  constructor(tests: Test[]) {
    this.#test =
      tests.length === 0
        ? undefined
        : tests.length === 1
          ? tests[0]
          : (error) => {
              for (const test of tests) if (test(error)) return true
              return false
            }
  }

  enter(): void {
    return undefined
  }

  exit(...thrown: [] | [error: unknown]): boolean {
    const test = this.#test
    if (thrown.length === 0 || test === undefined) return false
    const error = thrown[0]
    if (test(error)) return true
    if (!(error instanceof AggregateError)) return false
    const left = rest(error, test)
    if (left === undefined) return true
    if (left === error) return false
    throw left
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
  return new Suppress(matchers.map(toTest))
}
