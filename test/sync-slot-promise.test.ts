// A slot that does not await (a callback, exit or disposer of a sync slot)
// given a function that returns a promise: the promise is marked handled at
// once, unwinding raises a TypeError naming the slot and the async form, and
// the promise's rejection becomes that TypeError's cause once it arrives.
import { describe, expect, it } from 'vitest'
import { AsyncExitStack, ExitStack, SuppressedError, defer, flattenErrors, withAsyncContext, withContext } from '../src/index.js'
import { disposeSymbol } from '../src/internal/symbols.js'
import { recordUnhandledRejections, rejection } from './support/kit.js'

const rejections = recordUnhandledRejections()

/** Lets the event loop turn twice, so that an unhandled rejection would have been reported. */
async function turns(): Promise<void> {
  for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve))
}

/** An async function that rejects with `reason` after a turn, and the promise it returned. */
function rejecting(reason: unknown, log: string[]): { fn: () => Promise<never>; returned: () => Promise<unknown> } {
  let promise: Promise<never> | undefined
  return {
    fn: () => {
      log.push('called')
      promise = (async () => {
        await Promise.resolve()
        throw reason
      })()
      return promise
    },
    returned: () => (promise ?? Promise.reject(new Error('never called'))).then(undefined, () => undefined),
  }
}

interface StackKit {
  readonly name: 'ExitStack' | 'AsyncExitStack'
  make(): ExitStack | AsyncExitStack
  close(stack: ExitStack | AsyncExitStack): Promise<void>
}

const stacks: StackKit[] = [
  {
    name: 'ExitStack',
    make: () => new ExitStack(),
    close: (stack) => {
      try {
        ;(stack as ExitStack).close()
        return Promise.resolve()
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)))
      }
    },
  },
  { name: 'AsyncExitStack', make: () => new AsyncExitStack(), close: (stack) => (stack as AsyncExitStack).closeAsync() },
]

describe.each(stacks)('$name', (kit) => {
  it('callback with an async function: a TypeError naming the slot, its cause the rejection, nothing unhandled', async () => {
    const log: string[] = []
    const reason = new Error('async callback failed')
    const { fn, returned } = rejecting(reason, log)
    const stack = kit.make()
    stack.callback(() => log.push('earlier callback still runs'))
    stack.callback(fn)
    const error = await rejection(kit.close(stack))
    expect(log).toEqual(['called', 'earlier callback still runs'])
    expect(error).toBeInstanceOf(TypeError)
    const use = kit.name === 'ExitStack' ? 'AsyncExitStack.pushAsyncCallback' : 'pushAsyncCallback'
    expect((error as Error).message).toBe(`${kit.name}.callback returned a promise, which is not awaited; use ${use}`)
    await returned()
    expect((error as Error).cause).toBe(reason)
    expect(Object.getOwnPropertyDescriptor(error, 'cause')).toMatchObject({ enumerable: false, writable: true })
    await turns()
    expect(rejections).toEqual([])
  })

  it('callback whose promise fulfils: the TypeError still, with no cause', async () => {
    const stack = kit.make()
    let settled: Promise<unknown> = Promise.resolve()
    stack.callback(() => (settled = Promise.resolve('done')))
    const error = await rejection(kit.close(stack))
    await settled
    await turns()
    expect(error).toBeInstanceOf(TypeError)
    expect(Object.hasOwn(error as object, 'cause')).toBe(false)
  })

  it('keeps a pending error: the TypeError and the error it interrupted, both', async () => {
    const log: string[] = []
    const body = new Error('body')
    const reason = new Error('async exit failed')
    const { fn, returned } = rejecting(reason, log)
    const stack = kit.make()
    stack.callback(fn)
    const exit = kit.name === 'ExitStack' ? Promise.resolve().then(() => (stack as ExitStack).exit(body)) : (stack as AsyncExitStack).exitAsync(body)
    const error = await rejection(exit)
    await returned()
    expect(error).toBeInstanceOf(SuppressedError)
    const [first, second] = flattenErrors(error)
    expect(first).toBeInstanceOf(TypeError)
    expect((first as Error).cause).toBe(reason)
    expect(second).toBe(body)
    await turns()
    expect(rejections).toEqual([])
  })

  it('push with an async exit: never suppresses, names push and pushAsyncExit', async () => {
    const body = new Error('body')
    const stack = kit.make()
    let settled: Promise<unknown> = Promise.resolve()
    stack.push(() => (settled = Promise.reject(new Error('async push failed'))))
    const exit = kit.name === 'ExitStack' ? Promise.resolve().then(() => (stack as ExitStack).exit(body)) : (stack as AsyncExitStack).exitAsync(body)
    const error = (await rejection(exit)) as SuppressedError
    await settled.then(undefined, () => undefined)
    expect(error).toBeInstanceOf(SuppressedError)
    const use = kit.name === 'ExitStack' ? 'AsyncExitStack.pushAsyncExit' : 'pushAsyncExit'
    expect((error.error as Error).message).toBe(`${kit.name}.push returned a promise, which is not awaited; use ${use}`)
    expect(((error.error as Error).cause as Error).message).toBe('async push failed')
    expect(error.suppressed).toBe(body)
    await turns()
    expect(rejections).toEqual([])
  })

  it('a disposable whose [Symbol.dispose] is async: named, and its rejection linked', async () => {
    const reason = new Error('async dispose failed')
    let settled: Promise<unknown> = Promise.resolve()
    const disposable = {
      [disposeSymbol]: async () => {
        await Promise.resolve()
        throw reason
      },
    }
    const wrapped = {
      [disposeSymbol]: () => {
        settled = disposable[disposeSymbol]()
        return settled
      },
    }
    const stack = kit.make()
    if (kit.name === 'ExitStack') (stack as ExitStack).enterContext(wrapped)
    else await (stack as AsyncExitStack).enterAsyncContext(wrapped)
    const error = await rejection(kit.close(stack))
    await settled.then(undefined, () => undefined)
    expect((error as Error).message).toBe(`${kit.name}: [Symbol.dispose] returned a promise, which is not awaited; use [Symbol.asyncDispose]`)
    expect((error as Error).cause).toBe(reason)
    await turns()
    expect(rejections).toEqual([])
  })
})

describe('a sync manager whose exit returns a promise', () => {
  const reason = new Error('async exit failed')
  const make = (log: string[]): { manager: object; returned: () => Promise<unknown> } => {
    const { fn, returned } = rejecting(reason, log)
    return { manager: { enter: () => 'value', exit: fn }, returned }
  }

  it('withContext: a TypeError naming exit, its cause the rejection', async () => {
    const log: string[] = []
    const { manager, returned } = make(log)
    let error: unknown
    try {
      withContext(manager as never, () => 1)
    } catch (e) {
      error = e
    }
    await returned()
    expect(log).toEqual(['called'])
    expect((error as Error).message).toBe('withContext: exit returned a promise, which is not awaited; use an async context manager')
    expect((error as Error).cause).toBe(reason)
    await turns()
    expect(rejections).toEqual([])
  })

  it('withAsyncContext with an array: the sync exit is not awaited either', async () => {
    const log: string[] = []
    const { manager, returned } = make(log)
    const error = await rejection(withAsyncContext([manager as never], () => 1))
    await returned()
    expect((error as Error).message).toBe('withAsyncContext: exit returned a promise, which is not awaited; use an async context manager')
    expect((error as Error).cause).toBe(reason)
    await turns()
    expect(rejections).toEqual([])
  })
})

describe('defer', () => {
  it('given an async function: a TypeError naming defer and asyncDefer, its cause the rejection', async () => {
    const log: string[] = []
    const reason = new Error('deferred work failed')
    const { fn, returned } = rejecting(reason, log)
    const deferred = defer(fn)
    let error: unknown
    try {
      deferred[disposeSymbol]()
    } catch (e) {
      error = e
    }
    await returned()
    expect((error as Error).message).toBe('defer: the callback returned a promise, which is not awaited; use asyncDefer')
    expect((error as Error).cause).toBe(reason)
    // at most once: a second dispose calls nothing
    deferred[disposeSymbol]()
    expect(log).toEqual(['called'])
    await turns()
    expect(rejections).toEqual([])
  })

  it('inside withContext, after a body that threw: both errors kept', async () => {
    const body = new Error('body')
    let settled: Promise<unknown> = Promise.resolve()
    let error: unknown
    try {
      withContext(
        defer(() => (settled = Promise.reject(new Error('late')))),
        () => {
          throw body
        },
      )
    } catch (e) {
      error = e
    }
    await settled.then(undefined, () => undefined)
    expect(flattenErrors(error).map((e) => (e as Error).message)).toEqual([
      'defer: the callback returned a promise, which is not awaited; use asyncDefer',
      'body',
    ])
    await turns()
    expect(rejections).toEqual([])
  })
})
