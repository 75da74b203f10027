import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Timer, isContextManager, isDisposable, timer, withContext } from '../src/index.js'

/** Timers the event loop holds now (ours are the only ones the tests start). */
const timers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length

afterEach(() => {
  vi.useRealTimers()
})

describe('timer', () => {
  it('calls fn with its arguments once, after which it is no longer pending', async () => {
    const log: unknown[] = []
    const t = timer(0, (a: number, b: string) => log.push(a, b), 1, 'x')
    expect(t).toBeInstanceOf(Timer)
    expect(isDisposable(t) && isContextManager(t)).toBe(true)
    expect(t.pending).toBe(true)
    await sleep(5)
    expect(log).toEqual([1, 'x'])
    expect(t.pending).toBe(false)
  })

  it('is cleared by dispose (using) and by exit (withContext), and leaves no timer', async () => {
    const before = timers()
    const log: string[] = []
    {
      using t = timer(1, () => log.push('fired'))
      expect(t.pending).toBe(true)
      expect(timers()).toBe(before + 1)
    }
    const t = withContext(timer(1, () => log.push('fired')), (entered) => entered)
    expect(t.pending).toBe(false)
    t[Symbol.dispose]()
    await sleep(5)
    expect(log).toEqual([])
    expect(timers()).toBe(before)
  })

  it('with Infinity never fires and stays pending until disposed, holding no timer', () => {
    const before = timers()
    const t = timer(Infinity, () => undefined)
    expect(timers()).toBe(before)
    expect(t.pending).toBe(true)
    t[Symbol.dispose]()
    expect(t.pending).toBe(false)
  })

  it('re-arms a delay beyond 2^31-1 ms instead of firing at once', () => {
    vi.useFakeTimers({ now: 0 })
    const log: string[] = []
    const month = 30 * 24 * 3600 * 1000
    const t = timer(month, () => log.push('fired'))
    vi.advanceTimersByTime(2 ** 31 - 1)
    expect(log).toEqual([])
    expect(t.pending).toBe(true)
    vi.advanceTimersByTime(month - (2 ** 31 - 1))
    expect(log).toEqual(['fired'])
    expect(t.pending).toBe(false)
  })

  it.each([
    ['number', -1],
    ['number', Number.NaN],
    ['string', '5'],
    ['undefined', undefined],
  ])('rejects a delay of type %s that is not a finite number >= 0 or Infinity, naming the type only', (type, ms) => {
    expect(() => timer(ms as number, () => undefined)).toThrow(new TypeError(`timer: expected a finite number >= 0 or Infinity, got ${type}`))
  })

  it('rejects a non-function, starting nothing', () => {
    const before = timers()
    expect(() => timer(1, 'x' as unknown as () => void)).toThrow(new TypeError('timer: expected a function, got string'))
    expect(timers()).toBe(before)
  })
})
