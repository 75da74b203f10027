import { describe, expect, it } from 'vitest'
import {
  AsyncExitStack,
  ExitStack,
  SuppressedError,
  formatError,
  withAsyncContext,
  withContext,
  type ContextManager,
} from '../src/index.js'
import { rejection } from './support/kit.js'

const DURING = 'During handling of the above error, another error occurred:'
const CAUSE = 'The above error was the direct cause of the following error:'

function failingExit(error: unknown): ContextManager<undefined> {
  return {
    enter: () => undefined,
    exit: () => {
      throw error
    },
  }
}

/** The same chain, made by the sync and by the async unwinding. */
const producers = [
  {
    name: 'withContext and ExitStack',
    chain: (): Promise<unknown> =>
      new Promise((resolve) => {
        try {
          withContext(failingExit(new RangeError('exit a')), () =>
            withContext(new ExitStack(), (stack) => {
              stack.callback(() => {
                throw new TypeError('callback b')
              })
              throw new Error('body')
            }),
          )
        } catch (e) {
          resolve(e)
        }
      }),
  },
  {
    name: 'withAsyncContext and AsyncExitStack',
    chain: (): Promise<unknown> =>
      rejection(
        withAsyncContext(failingExit(new RangeError('exit a')), () =>
          withAsyncContext(new AsyncExitStack(), async (stack) => {
            stack.pushAsyncCallback(async () => {
              await Promise.resolve()
              throw new TypeError('callback b')
            })
            await Promise.resolve()
            throw new Error('body')
          }),
        ),
      ),
  },
]

describe.each(producers)('formatError on a chain made by $name', ({ chain }) => {
  it('prints the interrupted error first, then each newer one after "During handling…"', async () => {
    const error = await chain()
    expect(formatError(error, { stack: false })).toBe(
      ['Error: body', '', DURING, '', 'TypeError: callback b', '', DURING, '', 'RangeError: exit a'].join('\n'),
    )
  })

  it('prints each error’s stack frames under its title, without repeating the V8 header', async () => {
    const lines = formatError(await chain()).split('\n')
    const titles = lines.filter((line) => /^(Error|TypeError|RangeError):/.test(line))
    expect(titles).toEqual(['Error: body', 'TypeError: callback b', 'RangeError: exit a'])
    const afterBody = lines[lines.indexOf('Error: body') + 1]
    expect(afterBody).toMatch(/^ {4}at .*format-error\.test\.ts/)
    expect(lines.filter((line) => line.includes('Error: body'))).toHaveLength(1)
  })
})

describe('formatError', () => {
  it('prints a cause before the error it caused', () => {
    const root = new Error('disk full')
    const top = new TypeError('save failed', { cause: root })
    expect(formatError(top, { stack: false })).toBe(['Error: disk full', '', CAUSE, '', 'TypeError: save failed'].join('\n'))
  })

  it('numbers and indents AggregateError members, nested groups included, and prints the group’s cause first', () => {
    const group = new AggregateError(
      [new Error('m1'), new AggregateError([new Error('n1'), 3], 'inner'), 'text'],
      'outer',
      { cause: new Error('why') },
    )
    expect(formatError(group, { stack: false })).toBe(
      [
        'Error: why',
        '',
        CAUSE,
        '',
        'AggregateError: outer (3 sub-errors)',
        '+-+---------------- 1 ----------------',
        '  | Error: m1',
        '  +---------------- 2 ----------------',
        '  | AggregateError: inner (2 sub-errors)',
        '  | +-+---------------- 1 ----------------',
        '  |   | Error: n1',
        '  |   +---------------- 2 ----------------',
        '  |   | thrown number 3',
        '  |   +------------------------------------',
        '  +---------------- 3 ----------------',
        '  | thrown string "text"',
        '  +------------------------------------',
      ].join('\n'),
    )
  })

  it('renders a member’s own chain inside the group, prefixed', () => {
    const member = new SuppressedError(new Error('new'), new Error('old'), 'm')
    expect(formatError(new AggregateError([member], 'g'), { stack: false })).toBe(
      [
        'AggregateError: g (1 sub-error)',
        '+-+---------------- 1 ----------------',
        '  | Error: old',
        '  |',
        `  | ${DURING}`,
        '  |',
        '  | Error: new',
        '  +------------------------------------',
      ].join('\n'),
    )
  })

  it('limits a group’s width and nesting as Python does, saying what it left out', () => {
    const wide = new AggregateError([1, 2, 3, 4], 'wide')
    expect(formatError(wide, { stack: false, maxGroupWidth: 2 })).toBe(
      [
        'AggregateError: wide (4 sub-errors)',
        '+-+---------------- 1 ----------------',
        '  | thrown number 1',
        '  +---------------- 2 ----------------',
        '  | thrown number 2',
        '  +---------------- ... ----------------',
        '  | and 2 more errors',
        '  +------------------------------------',
      ].join('\n'),
    )
    const deep = new AggregateError([new AggregateError([new AggregateError([1], 'c')], 'b')], 'a')
    const text = formatError(deep, { stack: false, maxGroupDepth: 2 })
    expect(text).toContain('  |   | ... (maxGroupDepth is 2)')
    expect(text).not.toContain('AggregateError: c')
  })

  it('marks a cycle and a repeated error instead of following them', () => {
    const a: Error & { cause?: unknown } = new Error('a')
    const b = new Error('b', { cause: a })
    a.cause = b
    expect(formatError(b, { stack: false })).toBe(
      ['<circular reference: Error: b>', '', CAUSE, '', 'Error: a', '', CAUSE, '', 'Error: b'].join('\n'),
    )
    const shared = new Error('shared')
    expect(formatError(new AggregateError([shared, shared], 'twice'), { stack: false })).toContain(
      '  | <repeated: Error: shared, shown in full below>',
    )
    const loop = new SuppressedError(new Error('x'), undefined, 'loop')
    ;(loop as { suppressed: unknown }).suppressed = loop
    expect(formatError(loop, { stack: false })).toBe(['<circular reference: SuppressedError: loop>', '', DURING, '', 'Error: x'].join('\n'))
  })

  it.each([
    [undefined, 'thrown undefined'],
    [null, 'thrown null'],
    ['oops', 'thrown string "oops"'],
    [42, 'thrown number 42'],
    [10n, 'thrown bigint 10'],
    [Symbol('s'), 'thrown symbol Symbol(s)'],
    [{ message: 'not an error' }, 'thrown object'],
    [[1], 'thrown array'],
  ])('names a non-error value %s by its type', (value, expected) => {
    expect(formatError(value)).toBe(expected)
  })

  it('prints an error without a message by its name, and survives throwing getters', () => {
    expect(formatError(new TypeError(), { stack: false })).toBe('TypeError')
    const hostile = new Error('x')
    Object.defineProperty(hostile, 'stack', {
      get() {
        throw new Error('getter')
      },
    })
    Object.defineProperty(hostile, 'message', {
      get() {
        throw new Error('getter')
      },
    })
    expect(formatError(hostile)).toBe('Error')
  })

  it('renders a chain of 1,000,000 without overflowing, keeping the most recent errors and counting the rest', () => {
    // Made without the constructors, which capture a stack each: what is
    // measured is the depth, not a million stack captures.
    const link = (error: unknown, suppressed: unknown): unknown =>
      Object.assign(Object.create(SuppressedError.prototype) as object, { error, suppressed })
    let chain: unknown = new Error('e0')
    for (let i = 1; i < 1_000_000; i++) chain = link(i, chain)
    const text = formatError(chain, { stack: false })
    const lines = text.split('\n')
    expect(lines[0]).toBe('[999900 earlier errors not shown: maxErrors is 100]')
    expect(lines.filter((line) => line.startsWith('thrown number'))).toHaveLength(100)
    expect(lines.at(-1)).toBe('thrown number 999999')
    expect(text.length).toBeLessThan(10_000)

    let causes: object = new Error('c0')
    for (let i = 1; i < 1_000_000; i++) causes = { cause: causes }
    causes = new Error('top', { cause: causes })
    const shown = formatError(causes, { stack: false, maxErrors: 3 }).split('\n')
    expect(shown[0]).toBe('[999998 earlier errors not shown: maxErrors is 3]')
    expect(shown.filter((line) => !line.includes(CAUSE) && line !== '')).toEqual([shown[0], 'thrown object', 'thrown object', 'Error: top'])
  })

  it('patches nothing global and returns a string', () => {
    const snapshot = (): string => [typeof Error.prepareStackTrace, ...Object.getOwnPropertyNames(Error.prototype), ...Object.getOwnPropertyNames(Error)].join()
    const before = snapshot()
    expect(typeof formatError(new Error('x'))).toBe('string')
    expect(snapshot()).toBe(before)
  })

  it('throws a TypeError naming formatError when options is not an object', () => {
    expect(() => formatError(new Error('x'), 3 as never)).toThrow(new TypeError('formatError: expected an options object, got number'))
  })
})
