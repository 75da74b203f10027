/** Conformance cases only `DisposableStack` has. */
import assert from 'node:assert/strict'

import {
  type Case,
  caught,
  type Implementation,
  type LooseStack,
} from './helpers.js'

/** What only the synchronous stack does. */
export function syncOnlyCases(impl: Implementation): Case[] {
  const group = (title: string, run: () => void): Case => ({ path: ['DisposableStack', 'dispose', title], run })
  return [
    group('returns undefined and throws synchronously', () => {
      const stack = new impl.DisposableStack()
      assert.equal(stack.dispose(), undefined)
      const failing = new impl.DisposableStack()
      const boom = new Error('boom')
      failing.defer(() => {
        throw boom
      })
      assert.equal(
        caught(() => {
          failing.dispose()
        }),
        boom,
      )
    }),
    group('ignores what a disposer returns, even a thenable', () => {
      const log: unknown[] = []
      const stack = new impl.DisposableStack()
      stack.use({
        [Symbol.dispose]: () => ({
          then: () => log.push('then called'),
        }),
      })
      stack.dispose()
      assert.deepEqual(log, [])
    }),
    group('does not accept an object that only has [Symbol.asyncDispose]', () => {
      const stack = new impl.DisposableStack()
      const loose = stack as unknown as LooseStack
      assert.throws(() => loose.use({ async [Symbol.asyncDispose]() {} }), TypeError)
    }),
  ]
}
