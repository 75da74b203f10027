import { describe, expect, it } from 'vitest'
import { Concurrently, concurrently, isAsyncContextManager, isAsyncDisposable, withAsyncContext } from '../src/index.js'
import { rejection } from './support/kit.js'

/** An async disposable that logs its start, waits for `gate`, then logs its end (or fails). */
function resource(log: string[], name: string, gate: Promise<void>, error?: unknown): AsyncDisposable {
  return {
    async [Symbol.asyncDispose](): Promise<void> {
      log.push(`${name} start`)
      await gate
      log.push(`${name} end`)
      if (error !== undefined) throw error
    },
  }
}

describe('concurrently', () => {
  it('starts every disposal before any finishes, skipping null and undefined, and waits for all', async () => {
    const log: string[] = []
    let open!: () => void
    const gate = new Promise<void>((resolve) => (open = resolve))
    const sync = { [Symbol.dispose]: () => log.push('sync disposed') }
    const all = concurrently(resource(log, 'a', gate), null, sync, undefined, resource(log, 'b', gate))
    expect(all).toBeInstanceOf(Concurrently)
    expect(isAsyncDisposable(all) && isAsyncContextManager(all)).toBe(true)
    const done = all[Symbol.asyncDispose]().then(() => log.push('all done'))
    expect(log).toEqual(['a start', 'sync disposed', 'b start'])
    open()
    await done
    expect(log).toEqual(['a start', 'sync disposed', 'b start', 'a end', 'b end', 'all done'])
  })

  it('rejects with the one failure as it is', async () => {
    const boom = new Error('boom')
    const error = await rejection(concurrently(resource([], 'a', Promise.resolve(), boom), resource([], 'b', Promise.resolve()))[Symbol.asyncDispose]())
    expect(error).toBe(boom)
  })

  it('rejects with an AggregateError of several failures in argument order, whatever their completion order', async () => {
    const log: string[] = []
    let openLate!: () => void
    const late = new Promise<void>((resolve) => (openLate = resolve))
    const first = new Error('first argument')
    const throwing = {
      [Symbol.dispose]: () => {
        throw undefined as unknown as Error
      },
    }
    const pending = concurrently(resource(log, 'a', late, first), throwing, resource(log, 'b', Promise.resolve(), 'a string'))[Symbol.asyncDispose]()
    await Promise.resolve()
    openLate()
    const error = await rejection(pending)
    expect(error).toBeInstanceOf(AggregateError)
    expect((error as AggregateError).errors).toEqual([first, undefined, 'a string'])
    expect(log).toEqual(['a start', 'b start', 'b end', 'a end'])
  })

  it('disposes at most once, and works as an async manager that never suppresses', async () => {
    let count = 0
    const d = {
      [Symbol.dispose]: () => {
        count++
      },
    }
    const all = concurrently(d)
    const body = new Error('body')
    expect(await rejection(withAsyncContext(all, () => Promise.reject(body)))).toBe(body)
    await all[Symbol.asyncDispose]()
    expect(count).toBe(1)
  })

  it('rejects a non-disposable argument with a TypeError at the call', () => {
    expect(() => concurrently({ [Symbol.dispose]: () => undefined }, 5 as unknown as Disposable)).toThrow(
      new TypeError('concurrently: expected disposables, null or undefined, got number'),
    )
    expect(() => concurrently({} as Disposable)).toThrow(new TypeError('concurrently: expected disposables, null or undefined, got object'))
  })
})
