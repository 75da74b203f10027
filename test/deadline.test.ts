import { describe, expect, it } from 'vitest'
import { Deadline, TimeoutError, deadline, isAsyncContextManager, isAsyncDisposable, withAsyncContext } from '../src/index.js'
import { guardResources } from './node/helpers.js'
import { rejection } from './support/kit.js'

const { unhandled } = guardResources()

describe('deadline', () => {
  it('disposes a disposable within the deadline and resolves', async () => {
    const log: string[] = []
    const d = deadline(60_000, { [Symbol.asyncDispose]: () => Promise.resolve(log.push('disposed')).then(() => undefined) })
    expect(d).toBeInstanceOf(Deadline)
    expect(isAsyncDisposable(d) && isAsyncContextManager(d)).toBe(true)
    await d[Symbol.asyncDispose]()
    await d[Symbol.asyncDispose]()
    expect(log).toEqual(['disposed'])
  })

  it('rejects with what an in-time disposal threw, also a sync throw', async () => {
    const boom = new Error('boom')
    expect(await rejection(deadline(60_000, { [Symbol.dispose]: () => { throw boom } })[Symbol.asyncDispose]())).toBe(boom)
    expect(await rejection(deadline(60_000, () => Promise.reject(boom))[Symbol.asyncDispose]())).toBe(boom)
  })

  it('gives up at the deadline: aborts the signal with a TimeoutError and rejects with it, cause unset', async () => {
    let seen: AbortSignal | undefined
    const never = new Promise(() => undefined)
    const error = await rejection(
      deadline(0, (signal) => {
        seen = signal
        return never
      })[Symbol.asyncDispose](),
    )
    expect(error).toBeInstanceOf(TimeoutError)
    expect(seen?.reason).toBe(error)
    expect(Object.hasOwn(error as object, 'cause')).toBe(false)
  })

  it('links a late rejection as the cause once known, and never leaves it unhandled', async () => {
    const late = new Error('late')
    let fail!: () => void
    const work = new Promise<void>((_, reject) => (fail = () => reject(late)))
    const error = (await rejection(deadline(0, () => work)[Symbol.asyncDispose]())) as TimeoutError
    expect(error.cause).toBeUndefined()
    fail()
    await work.catch(() => undefined)
    expect(error.cause).toBe(late)
    expect(unhandled).toEqual([])
  })

  it('does not link a late rejection that is its own abort reason', async () => {
    const error = (await rejection(
      deadline(0, (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)))).exitAsync(),
    )) as TimeoutError
    await Promise.resolve()
    expect(Object.hasOwn(error, 'cause')).toBe(false)
  })

  it('is an async manager whose exit bounds the disposal, never suppressing', async () => {
    const body = new Error('body')
    let disposed = false
    const error = await rejection(
      withAsyncContext(deadline(60_000, () => void (disposed = true)), () => Promise.reject(body)),
    )
    expect(error).toBe(body)
    expect(disposed).toBe(true)
  })

  it('rejects bad input with a TypeError naming the type', () => {
    expect(() => deadline(-1, () => undefined)).toThrow(new TypeError('deadline: expected a finite number >= 0 or Infinity, got number'))
    expect(() => deadline(1, 5 as unknown as () => void)).toThrow(new TypeError('deadline: expected a disposable or a function, got number'))
  })
})
