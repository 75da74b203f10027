// Chains, stacks and error trees of any size: unwinding, linking and
// flattening are loops, and a chained message stays short at any depth.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AsyncExitStack, ExitStack, SuppressedError, flattenErrors } from '../src/index.js'
import { rejection } from './support/kit.js'

const N = 1_000_000
const LINKS = 100_000
let stackTraceLimit: number | undefined
// Stack traces are not what is tested here, and a million of them is slow.
beforeEach(() => {
  stackTraceLimit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
})
afterEach(() => {
  Error.stackTraceLimit = stackTraceLimit ?? 10
})

/**
 * Checks the chain left by `n` throwing callbacks that threw 0, 1, 2, … in
 * the order they ran: the last thrown outermost.
 */
function expectChain(error: unknown, n: number): void {
  expect(error).toBeInstanceOf(SuppressedError)
  expect((error as SuppressedError).error).toBe(n - 1)
  expect((error as Error).message).toBe('number was thrown while handling number')
  const leaves = flattenErrors(error)
  expect(leaves).toHaveLength(n)
  for (let i = 0; i < n; i++) if (leaves[i] !== n - 1 - i) expect(leaves[i]).toBe(n - 1 - i)
}

describe('an exit stack of a million throwing callbacks', () => {
  it('ExitStack unwinds it, and flattenErrors walks the chain', () => {
    const stack = new ExitStack()
    let calls = 0
    // One function pushed a million times: each call throws the next number.
    const throwNext = (): never => {
      throw calls++
    }
    for (let i = 0; i < N; i++) stack.callback(throwNext)
    let error: unknown
    try {
      stack.close()
    } catch (e) {
      error = e
    }
    expect(calls).toBe(N)
    expectChain(error, N)
  })

  it('AsyncExitStack unwinds it, each callback awaited', async () => {
    const stack = new AsyncExitStack()
    let calls = 0
    const rejectNext = async (): Promise<never> => {
      throw calls++
    }
    for (let i = 0; i < N; i++) stack.pushAsyncCallback(rejectNext)
    const error = await rejection(stack.closeAsync())
    expect(calls).toBe(N)
    expectChain(error, N)
  })
})

describe('links of any depth', () => {
  for (const [name, close] of [
    ['ExitStack', (throwIt: () => never) => {
      const stack = new ExitStack()
      stack.callback(throwIt)
      stack.callback(() => {
        throw pending
      })
      try {
        stack.close()
      } catch (e) {
        return Promise.resolve(e)
      }
      return Promise.resolve(undefined)
    }],
    ['AsyncExitStack', (throwIt: () => never) => {
      const stack = new AsyncExitStack()
      stack.pushAsyncCallback(async () => {
        await Promise.resolve()
        throwIt()
      })
      stack.callback(() => {
        throw pending
      })
      return rejection(stack.closeAsync())
    }],
  ] as const) {
    // 100,000 links: a recursive walk overflows the call stack at about a tenth of that.
    it(`${name}: an error whose cause chain, 100,000 deep, ends at the pending error is kept as itself`, async () => {
      let deep: unknown = pending
      for (let i = 0; i < LINKS; i++) deep = new Error('link', { cause: deep })
      const error = await close(() => {
        throw deep
      })
      expect(error).toBe(deep)
      deep = undefined
      for (let i = 0; i < LINKS; i++) deep = new Error('link, none to the pending error', i === 0 ? {} : { cause: deep })
      const chained = (await close(() => {
        throw deep
      })) as SuppressedError
      expect(chained).toBeInstanceOf(SuppressedError)
      expect(chained.error).toBe(deep)
      expect(chained.suppressed).toBe(pending)
    })
  }
})
const pending = new Error('pending')

describe('a chained message is bounded', () => {
  const long = (i: number): Error => new Error(`${String(i)} ${'x'.repeat(5000)}`)

  it.each([
    ['ExitStack', (stack: ExitStack | AsyncExitStack) => {
      try {
        ;(stack as ExitStack).close()
      } catch (e) {
        return Promise.resolve(e)
      }
      return Promise.resolve(undefined)
    }],
    ['AsyncExitStack', (stack: ExitStack | AsyncExitStack) => rejection((stack as AsyncExitStack).closeAsync())],
  ] as const)('%s: 1,000 errors of 5,000 characters give a message under 1,000, naming the newest two', async (name, close) => {
    const stack = name === 'ExitStack' ? new ExitStack() : new AsyncExitStack()
    for (let i = 0; i < 1000; i++)
      stack.callback(() => {
        throw long(i)
      })
    const error = (await close(stack)) as SuppressedError
    expect(error).toBeInstanceOf(SuppressedError)
    expect(error.message.length).toBeLessThanOrEqual(1000)
    // the new error (callback 0) and the one it interrupted (callback 1), each cut short
    expect(error.message).toMatch(/^Error: 0 x+… was thrown while handling Error: 1 x+…$/)
    expect(flattenErrors(error)).toHaveLength(1000)
  })

  it('a non-error and an error without a message are described by type and name', () => {
    const stack = new ExitStack()
    stack.callback(() => {
      throw null
    })
    stack.callback(() => {
      throw new RangeError()
    })
    let error: unknown
    try {
      stack.close()
    } catch (e) {
      error = e
    }
    expect((error as Error).message).toBe('null was thrown while handling RangeError')
  })
})
