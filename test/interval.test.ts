import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Interval, interval } from '../src/index.js'

/** Timers the event loop holds now (ours are the only ones the tests start). */
const timers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length

afterEach(() => {
  vi.useRealTimers()
})

describe('interval', () => {
  it('calls fn repeatedly with its arguments until disposed, and is active until then', async () => {
    const before = timers()
    const log: string[] = []
    let stopped!: () => void
    const done = new Promise<void>((resolve) => (stopped = resolve))
    const i: Interval = interval(
      1,
      (tag: string) => {
        log.push(tag)
        if (log.length === 3) {
          i[Symbol.dispose]()
          stopped()
        }
      },
      'tick',
    )
    expect(i).toBeInstanceOf(Interval)
    expect(i.active).toBe(true)
    await done
    expect(i.active).toBe(false)
    await sleep(5)
    expect(log).toEqual(['tick', 'tick', 'tick'])
    expect(timers()).toBe(before)
  })

  it('re-arms each period beyond 2^31-1 ms', () => {
    vi.useFakeTimers({ now: 0 })
    const log: number[] = []
    const period = 2 ** 32
    const i = interval(period, () => log.push(Date.now()))
    vi.advanceTimersByTime(period - 1)
    expect(log).toEqual([])
    vi.advanceTimersByTime(period + 1)
    expect(log).toEqual([period, 2 * period])
    i[Symbol.dispose]()
    vi.advanceTimersByTime(period * 2)
    expect(log).toHaveLength(2)
  })

  it('with Infinity never fires and holds no timer; bad input is a TypeError', () => {
    const before = timers()
    using i = interval(Infinity, () => undefined)
    expect(i.active).toBe(true)
    expect(timers()).toBe(before)
    expect(() => interval(-5, () => undefined)).toThrow(new TypeError('interval: expected a finite number >= 0 or Infinity, got number'))
    expect(() => interval(5, null as unknown as () => void)).toThrow(new TypeError('interval: expected a function, got null'))
  })
})
