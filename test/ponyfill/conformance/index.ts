/**
 * The conformance suite for `DisposableStack`, `AsyncDisposableStack` and
 * `SuppressedError`, written from the ECMA-262 text (Explicit Resource
 * Management) as plain cases over an implementation: no test framework
 * here, only `node:assert`, so the same cases run under vitest and, bundled,
 * on other runtimes (Node 24's native classes). Step numbers are the spec's.
 */
import { asyncOnlyCases } from './async-cases.js'
import { type Case, type Implementation, kinds } from './helpers.js'
import { stackBehaviourCases } from './stack-behaviour-cases.js'
import { stackShapeCases } from './stack-shape-cases.js'
import { suppressedErrorCases } from './suppressed-error-cases.js'
import { syncOnlyCases } from './sync-cases.js'

export type { Case, Implementation } from './helpers.js'

/** Every conformance case for `impl`, in a stable order. */
export function conformanceCases(impl: Implementation): Case[] {
  const [sync, async] = kinds(impl)
  return [
    ...stackShapeCases(sync),
    ...stackBehaviourCases(impl, sync),
    ...syncOnlyCases(impl),
    ...stackShapeCases(async),
    ...stackBehaviourCases(impl, async),
    ...asyncOnlyCases(impl),
    ...suppressedErrorCases(impl),
  ]
}
