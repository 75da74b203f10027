import { describe, expect, it } from 'vitest'
import { SuppressedError, flattenErrors } from '../src/index.js'

const a = new Error('a')
const b = new Error('b')
const c = new Error('c')
const d = new Error('d')

/** Checks that `actual` holds exactly `expected`, element by element, by identity. */
function expectSame(actual: unknown[], expected: unknown[]): void {
  expect(actual).toHaveLength(expected.length)
  actual.forEach((leaf, i) => {
    expect(leaf).toBe(expected[i])
  })
}

describe('flattenErrors', () => {
  it.each([
    ['an Error', a],
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['a string', 'boom'],
    ['a plain object', { errors: [a] }],
  ])('gives [e] for a non-container: %s', (_, value) => {
    expectSame(flattenErrors(value), [value])
  })

  it('gives the error, then the suppressed one, for a SuppressedError', () => {
    expectSame(flattenErrors(new SuppressedError(a, b, 'both')), [a, b])
  })

  it("gives an AggregateError's errors in order", () => {
    expectSame(flattenErrors(new AggregateError([a, b, c], 'group')), [a, b, c])
  })

  it('gives an empty list for an empty AggregateError (containers are not leaves)', () => {
    expect(flattenErrors(new AggregateError([], 'empty'))).toEqual([])
  })

  it('walks nested containers depth-first, outermost first', () => {
    // As withContext builds it: an exit threw b over the body's a, then an outer exit threw c over both.
    const inner = new SuppressedError(b, a, 'inner')
    const outer = new SuppressedError(c, inner, 'outer')
    const tree = new AggregateError([outer, new AggregateError([d], 'nested'), new SuppressedError(undefined, 7, 'x')], 'top')
    expectSame(flattenErrors(tree), [c, b, a, d, undefined, 7])
  })

  it('keeps undefined as a leaf inside a SuppressedError', () => {
    expectSame(flattenErrors(new SuppressedError(undefined, a, 'x')), [undefined, a])
  })

  it('does not follow cause: an error with a cause is a leaf', () => {
    const caused = new Error('outer', { cause: new AggregateError([b], 'inner') })
    expectSame(flattenErrors(caused), [caused])
    expectSame(flattenErrors(new SuppressedError(caused, c, 'x')), [caused, c])
  })

  it('recognises a SuppressedError-shaped error from another implementation by name and own fields', () => {
    const foreign = Object.assign(new Error('foreign'), { name: 'SuppressedError', error: a, suppressed: b })
    expectSame(flattenErrors(foreign), [a, b])
  })

  it('visits a container reached twice only once, and terminates on cycles', () => {
    const group = new AggregateError([a], 'group')
    expectSame(flattenErrors(new SuppressedError(group, group, 'twice')), [a])
    const cyclic = new AggregateError([b], 'cyclic')
    ;(cyclic.errors as unknown[]).push(cyclic)
    expectSame(flattenErrors(cyclic), [b])
  })
})
