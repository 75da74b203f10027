import { describe, expect, it } from 'vitest'
import { TimeoutError, isAsyncContextManager, timeout, withAsyncContext } from '../src/index.js'
import { rejection } from './support/kit.js'

/** How many timers the event loop holds right now. */
const pendingTimers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length

/** Resolves once `signal` has aborted (the small real timeouts below are triggers only, never measured). */
const aborted = (signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) resolve()
    else signal.addEventListener('abort', () => resolve(), { once: true })
  })

describe('TimeoutError', () => {
  it("is an Error named 'TimeoutError', with a default message, accepting a cause", () => {
    const cause = new Error('cause')
    const error = new TimeoutError(undefined, { cause })
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('TimeoutError')
    expect(error.message).toBe('The operation timed out')
    expect(error.cause).toBe(cause)
    expect(Object.keys(error)).not.toContain('name')
  })
})

describe('timeout', () => {
  it('is an async context manager entering as an AbortSignal that has not aborted', async () => {
    const manager = timeout(60_000)
    expect(isAsyncContextManager(manager)).toBe(true)
    const signal = await withAsyncContext(manager, (s) => s)
    expect(signal).toBeInstanceOf(AbortSignal)
    expect(signal.aborted).toBe(false)
  })

  it('aborts the signal with a TimeoutError as its reason once the time is up', async () => {
    const log: string[] = []
    const result = await withAsyncContext(timeout(5), async (signal) => {
      signal.addEventListener('abort', () => log.push('abort event'))
      await aborted(signal)
      log.push('block saw abort')
      return signal.reason as unknown
    })
    expect(result).toBeInstanceOf(TimeoutError)
    expect((result as TimeoutError).name).toBe('TimeoutError')
    expect(log).toEqual(['abort event', 'block saw abort'])
  })

  it("throws the signal's TimeoutError, its cause the block's error, when the block fails after the abort", async () => {
    const blockError = new Error('aborted fetch')
    let reason: unknown
    const error = await rejection(
      withAsyncContext(timeout(5), async (signal) => {
        await aborted(signal)
        reason = signal.reason
        throw blockError
      }),
    )
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error).toBe(reason)
    expect((error as TimeoutError).cause).toBe(blockError)
  })

  it.each([
    ['undefined', undefined],
    ['a string', 'stop'],
    ['a number', 0],
  ])('keeps %s thrown by the block after the abort as the cause', async (_, thrown) => {
    const error = await rejection(
      withAsyncContext(timeout(5), async (signal) => {
        await aborted(signal)
        throw thrown
      }),
    )
    expect(error).toBeInstanceOf(TimeoutError)
    expect(Object.hasOwn(error as object, 'cause')).toBe(true)
    expect((error as TimeoutError).cause).toBe(thrown)
  })

  it('throws the reason itself, with no cause added, when the block throws the reason', async () => {
    let reason: unknown
    const error = await rejection(
      withAsyncContext(timeout(5), async (signal) => {
        await aborted(signal)
        reason = signal.reason
        signal.throwIfAborted()
      }),
    )
    expect(error).toBe(reason)
    expect(error).toBeInstanceOf(TimeoutError)
    expect(Object.hasOwn(error as object, 'cause')).toBe(false)
  })

  it('lets an error thrown before the deadline pass through unchanged, without aborting', async () => {
    const early = new Error('early')
    let signal: AbortSignal | undefined
    const error = await rejection(
      withAsyncContext(timeout(60_000), (s) => {
        signal = s
        throw early
      }),
    )
    expect(error).toBe(early)
    expect(Object.hasOwn(early, 'cause')).toBe(false)
    expect(signal?.aborted).toBe(false)
  })

  it("returns the block's result when the block completes after the abort (it ignored the signal)", async () => {
    const result = await withAsyncContext(timeout(5), async (signal) => {
      await aborted(signal)
      return 'late but done'
    })
    expect(result).toBe('late but done')
  })

  it('clears its timer at exit: no Timeout handle stays behind, on either path', async () => {
    const before = pendingTimers()
    const counts: number[] = []
    await withAsyncContext(timeout(60_000), () => counts.push(pendingTimers()))
    counts.push(pendingTimers())
    await rejection(
      withAsyncContext(timeout(60_000), () => {
        counts.push(pendingTimers())
        throw new Error('x')
      }),
    )
    counts.push(pendingTimers())
    expect(counts).toEqual([before + 1, before, before + 1, before])
  })

  it('never fires for Infinity and arms no timer', async () => {
    // Counted at the call, not from the loop's handles: the test runner's own
    // timers come and go on a busy machine.
    const armed: unknown[] = []
    const realSetTimeout = globalThis.setTimeout
    globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
      armed.push(args[1])
      return realSetTimeout(...args)
    }) as typeof setTimeout
    let aborted: boolean
    try {
      aborted = await withAsyncContext(timeout(Infinity), (signal) => signal.aborted)
    } finally {
      globalThis.setTimeout = realSetTimeout
    }
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect({ aborted, armed }).toEqual({ aborted: false, armed: [] })
  })

  it('fires for 0', async () => {
    const reason = await withAsyncContext(timeout(0), async (signal) => {
      await aborted(signal)
      return signal.reason as unknown
    })
    expect(reason).toBeInstanceOf(TimeoutError)
  })

  it('is single use: entering it twice rejects with a TypeError, never throws synchronously', async () => {
    const manager = timeout(60_000)
    await withAsyncContext(manager, () => undefined)
    let second: Promise<unknown> | undefined
    expect(() => {
      second = manager.enterAsync()
    }).not.toThrow()
    await expect(second).rejects.toThrow(TypeError)
  })

  it.each([
    ['number', -1],
    ['number', Number.NaN],
    ['number', -Infinity],
    ['string', '5'],
    ['undefined', undefined],
    ['null', null],
    ['bigint', 5n],
  ])('throws a TypeError naming timeout and the type it received (%s), never the value', (received, ms) => {
    expect(() => timeout(ms as unknown as number)).toThrow(new TypeError(`timeout: expected a finite number >= 0 or Infinity, got ${received}`))
  })
})
