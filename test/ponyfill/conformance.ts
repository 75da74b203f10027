/**
 * `describeDisposableStackConformance(name, impl)`: the conformance suite of
 * `conformance-cases.ts` as vitest blocks, for any implementation of
 * `DisposableStack`, `AsyncDisposableStack` and `SuppressedError`.
 */
import { describe, it } from 'vitest'

import { type Case, conformanceCases, type Implementation } from './conformance/index.js'

export type { Implementation } from './conformance/index.js'

interface Tree {
  cases: Case[]
  groups: Map<string, Tree>
}

function tree(cases: Case[]): Tree {
  const root: Tree = { cases: [], groups: new Map() }
  for (const c of cases) {
    let node = root
    for (const part of c.path.slice(0, -1)) {
      let next = node.groups.get(part)
      if (!next) {
        next = { cases: [], groups: new Map() }
        node.groups.set(part, next)
      }
      node = next
    }
    node.cases.push(c)
  }
  return root
}

function register(node: Tree): void {
  for (const c of node.cases) it(c.path.at(-1) ?? '', c.run)
  for (const [name, child] of node.groups) describe(name, () => register(child))
}

/** Registers the whole conformance suite for `impl` under `describe(name)`. */
export function describeDisposableStackConformance(name: string, impl: Implementation): void {
  describe(name, () => register(tree(conformanceCases(impl))))
}
