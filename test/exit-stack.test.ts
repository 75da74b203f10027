import { describe, expect, it } from 'vitest'
import {
  AsyncExitStack,
  ExitStack,
  SuppressedError,
  flattenErrors,
  withAsyncContext,
  withContext,
} from '../src/index.js'
import { asyncDisposeSymbol, disposeSymbol } from '../src/internal/symbols.js'
import { type Log, label, rejection } from './support/kit.js'

/** The operations both stacks share, driven the same way on each path. */
interface StackKit {
  readonly name: string
  make(): ExitStack | AsyncExitStack
  /** Enters a manager in the stack, sync or async as the kit is. */
  enter(stack: ExitStack | AsyncExitStack, cm: unknown): Promise<unknown>
  /** Pushes an exit function, sync or async as the kit is. */
  pushExit(stack: ExitStack | AsyncExitStack, fn: (...thrown: [] | [unknown]) => unknown): void
  /** Pushes a callback, sync or async as the kit is. */
  callback(stack: ExitStack | AsyncExitStack, fn: (...args: string[]) => unknown, ...args: string[]): void
  close(stack: ExitStack | AsyncExitStack): Promise<void>
  exit(stack: ExitStack | AsyncExitStack, ...thrown: [] | [unknown]): Promise<boolean>
  enterStack(stack: ExitStack | AsyncExitStack): Promise<unknown>
  dispose(stack: ExitStack | AsyncExitStack): Promise<void>
}

/** Runs a sync step as a promise, so both kits report failures the same way. */
function attempt<T>(step: () => T): Promise<T> {
  try {
    return Promise.resolve(step())
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)))
  }
}

const syncStacks: StackKit = {
  name: 'ExitStack',
  make: () => new ExitStack(),
  enter: (stack, cm) => attempt(() => (stack as ExitStack).enterContext(cm as never)),
  pushExit: (stack, fn) => {
    ;(stack as ExitStack).push(fn)
  },
  callback: (stack, fn, ...args) => {
    ;(stack as ExitStack).callback(fn, ...args)
  },
  close: (stack) => attempt(() => (stack as ExitStack).close()),
  exit: (stack, ...thrown) => attempt(() => (stack as ExitStack).exit(...thrown)),
  enterStack: (stack) => attempt(() => (stack as ExitStack).enter()),
  dispose: (stack) => attempt(() => (stack as ExitStack)[disposeSymbol]()),
}

const asyncStacks: StackKit = {
  name: 'AsyncExitStack',
  make: () => new AsyncExitStack(),
  enter: (stack, cm) => (stack as AsyncExitStack).enterAsyncContext(cm as never),
  pushExit: (stack, fn) => {
    ;(stack as AsyncExitStack).pushAsyncExit(async (...thrown: [] | [unknown]) => {
      await Promise.resolve()
      return fn(...thrown)
    })
  },
  callback: (stack, fn, ...args) => {
    ;(stack as AsyncExitStack).pushAsyncCallback(async (...a: string[]) => {
      await Promise.resolve()
      return fn(...a)
    }, ...args)
  },
  close: (stack) => (stack as AsyncExitStack).closeAsync(),
  exit: (stack, ...thrown) => (stack as AsyncExitStack).exitAsync(...thrown),
  enterStack: (stack) => (stack as AsyncExitStack).enterAsync(),
  dispose: (stack) => (stack as AsyncExitStack)[asyncDisposeSymbol](),
}

function manager(log: Log, name: string, onExit: (thrown: readonly unknown[]) => boolean | undefined = () => undefined) {
  return {
    enter: () => {
      log.push(`enter ${name}`)
      return name
    },
    exit: (...thrown: [] | [unknown]): boolean | undefined => {
      log.push(`exit ${name}: ${thrown.length === 0 ? 'none' : label(thrown[0])}`)
      return onExit(thrown)
    },
  }
}

describe.each([
  ['ExitStack', syncStacks],
  ['AsyncExitStack', asyncStacks],
])('%s', (_name, kit) => {
  it('enters managers, returns their values and exits them LIFO on close', async () => {
    const log: Log = []
    const stack = kit.make()
    expect(await kit.enter(stack, manager(log, 'a'))).toBe('a')
    expect(await kit.enter(stack, manager(log, 'b'))).toBe('b')
    kit.callback(stack, (x, y) => log.push(`callback ${x} ${y}`), 'p', 'q')
    await kit.close(stack)
    expect(log).toEqual(['enter a', 'enter b', 'callback p q', 'exit b: none', 'exit a: none'])
  })

  it('runs every entry even when earlier ones throw, chaining what they throw', async () => {
    const log: Log = []
    const [e1, e2] = [new Error('first'), new Error('second')]
    const stack = kit.make()
    await kit.enter(stack, manager(log, 'a'))
    kit.callback(stack, () => {
      log.push('cb2')
      throw e2
    })
    kit.callback(stack, () => {
      log.push('cb1')
      throw e1
    })
    const error = await rejection(kit.close(stack))
    expect(log).toEqual(['enter a', 'cb1', 'cb2', 'exit a: second was thrown while handling Error: first'.replace('second', 'Error: second')])
    expect(error).toBeInstanceOf(SuppressedError)
    expect(flattenErrors(error)).toEqual([e2, e1])
  })

  it('hands each exit the pending error; suppression clears it for the rest', async () => {
    const log: Log = []
    const body = new Error('body')
    const stack = kit.make()
    await kit.enter(stack, manager(log, 'outer'))
    kit.pushExit(stack, (...thrown) => {
      log.push(`suppressor: ${thrown.length === 0 ? 'none' : label(thrown[0])}`)
      return true
    })
    await kit.enter(stack, manager(log, 'inner'))
    expect(await kit.exit(stack, body)).toBe(true)
    expect(log).toEqual(['enter outer', 'enter inner', 'exit inner: body', 'suppressor: body', 'exit outer: none'])
  })

  it('returns false when the error it was given propagates', async () => {
    const log: Log = []
    const stack = kit.make()
    await kit.enter(stack, manager(log, 'a'))
    expect(await kit.exit(stack, new Error('body'))).toBe(false)
    expect(await kit.exit(stack)).toBe(false)
  })

  it('throws a new error as final, chained to the one it was given', async () => {
    const log: Log = []
    const [body, x] = [new Error('body'), new Error('x')]
    const stack = kit.make()
    await kit.enter(
      stack,
      manager(log, 'a', () => {
        throw x
      }),
    )
    const error = (await rejection(kit.exit(stack, body))) as SuppressedError
    expect(error.error).toBe(x)
    expect(error.suppressed).toBe(body)
  })

  it('counts a given `undefined` as an error', async () => {
    const log: Log = []
    const stack = kit.make()
    kit.pushExit(stack, (...thrown) => {
      log.push(`saw ${thrown.length}`)
      return true
    })
    expect(await kit.exit(stack, undefined)).toBe(true)
    expect(log).toEqual(['saw 1'])
  })

  it('never lets a callback see or suppress the error', async () => {
    const seen: number[] = []
    const body = new Error('body')
    const stack = kit.make()
    kit.callback(stack, (...args) => {
      seen.push(args.length)
      return true
    })
    expect(await kit.exit(stack, body)).toBe(false)
    expect(seen).toEqual([0])
  })

  it('moves every entry to a new stack with popAll', async () => {
    const log: Log = []
    const stack = kit.make()
    await kit.enter(stack, manager(log, 'a'))
    const moved = stack.popAll()
    expect(moved).toBeInstanceOf(stack.constructor)
    expect(moved).not.toBe(stack)
    await kit.close(stack)
    expect(log).toEqual(['enter a'])
    await kit.close(moved)
    expect(log).toEqual(['enter a', 'exit a: none'])
  })

  it('is empty and reusable after close', async () => {
    const log: Log = []
    const stack = kit.make()
    kit.callback(stack, () => log.push('first'))
    await kit.close(stack)
    await kit.close(stack)
    kit.callback(stack, () => log.push('second'))
    await kit.close(stack)
    expect(log).toEqual(['first', 'second'])
  })

  it('enters as itself, also while entered: reentrant as CPython, the first exit unwinds everything so far', async () => {
    const log: Log = []
    const stack = kit.make()
    expect(await kit.enterStack(stack)).toBe(stack)
    kit.callback(stack, () => log.push('outer callback'))
    expect(await kit.enterStack(stack)).toBe(stack)
    kit.callback(stack, () => log.push('inner callback'))
    expect(await kit.exit(stack)).toBe(false)
    log.push('inner exited')
    expect(await kit.exit(stack)).toBe(false)
    log.push('outer exited')
    expect(log).toEqual(['inner callback', 'outer callback', 'inner exited', 'outer exited'])
  })

  it('reentrant: an inner exit given an error unwinds every entry with it; the outer sees an empty stack', async () => {
    const log: Log = []
    const body = new Error('body')
    const stack = kit.make()
    await kit.enterStack(stack)
    await kit.enter(stack, manager(log, 'a'))
    await kit.enterStack(stack)
    kit.pushExit(stack, (...thrown) => {
      log.push(`suppressor: ${thrown.length === 0 ? 'none' : label(thrown[0])}`)
      return true
    })
    expect(await kit.exit(stack, body)).toBe(true)
    // the outer exit gets the same error again (as if the inner with had not suppressed): nothing left to handle it
    expect(await kit.exit(stack, body)).toBe(false)
    expect(log).toEqual(['enter a', 'suppressor: body', 'exit a: none'])
  })

  it('unwinds as close() when disposed, never seeing an error', async () => {
    const log: Log = []
    const stack = kit.make()
    await kit.enter(stack, manager(log, 'a'))
    await kit.dispose(stack)
    expect(log).toEqual(['enter a', 'exit a: none'])
  })

  it('accepts disposables and pushes their disposal', async () => {
    const log: Log = []
    const stack = kit.make()
    const disposable = {
      [disposeSymbol]: () => {
        log.push('disposed')
        return true
      },
    }
    expect(await kit.enter(stack, disposable)).toBe(disposable)
    expect(await kit.exit(stack, new Error('body'))).toBe(false)
    expect(log).toEqual(['disposed'])
  })

  it('runs an entry pushed while unwinding, as Python does', async () => {
    const log: Log = []
    const stack = kit.make()
    kit.callback(stack, () => {
      log.push('outer')
      kit.callback(stack, () => log.push('late'))
    })
    await kit.close(stack)
    expect(log).toEqual(['outer', 'late'])
  })

  it('refuses a non-manager with a TypeError naming the method and the type, pushing nothing', async () => {
    const stack = kit.make()
    const error = await rejection(kit.enter(stack, 12))
    expect(error).toBeInstanceOf(TypeError)
    expect((error as Error).message).toMatch(new RegExp(`^${kit.name}\\.enter(Async)?Context: expected a context manager or disposable, got number$`))
    expect(await kit.exit(stack, new Error('x'))).toBe(false)
  })

  it('pushes nothing when enter throws', async () => {
    const log: Log = []
    const boom = new Error('boom')
    const stack = kit.make()
    const failing = {
      enter: () => {
        throw boom
      },
      exit: () => {
        log.push('exit')
      },
    }
    expect(await rejection(kit.enter(stack, failing))).toBe(boom)
    await kit.close(stack)
    expect(log).toEqual([])
  })

  it('returns the callback and the pushed exit', () => {
    const stack = kit.make()
    const fn = (): void => undefined
    expect(stack.callback(fn)).toBe(fn)
    expect(stack.push(fn)).toBe(fn)
    const cm = manager([], 'm')
    expect(stack.push(cm)).toBe(cm)
  })

  it('pushes a manager exit without entering it', async () => {
    const log: Log = []
    const stack = kit.make()
    stack.push(manager(log, 'm'))
    await kit.close(stack)
    expect(log).toEqual(['exit m: none'])
  })

  it.each([
    ['callback', (stack: ExitStack | AsyncExitStack) => (stack.callback as (fn: unknown) => unknown).call(stack, 5), 'callback: expected a function, got number'],
    ['push', (stack: ExitStack | AsyncExitStack) => stack.push({} as never), 'push: expected an exit function, a context manager or a disposable, got object'],
  ])('rejects bad input to %s with a clear TypeError', (_method, act, message) => {
    const stack = kit.make()
    expect(() => act(stack)).toThrow(new TypeError(`${kit.name}.${message}`))
  })

  it('behaves like the same managers written as nested withContext calls', async () => {
    const run = async (useStack: boolean): Promise<{ log: Log; error: unknown }> => {
      const log: Log = []
      const x = new Error('x')
      const managers = [
        manager(log, 'a', () => {
          throw x
        }),
        manager(log, 'b', () => true),
        manager(log, 'c'),
      ] as const
      const body = (): never => {
        throw new Error('body')
      }
      let error: unknown
      try {
        if (useStack) {
          if (kit === syncStacks) {
            withContext(new ExitStack(), (stack) => {
              for (const m of managers) stack.enterContext(m)
              body()
            })
          } else {
            await withAsyncContext(new AsyncExitStack(), async (stack) => {
              for (const m of managers) await stack.enterAsyncContext(m)
              body()
            })
          }
        } else {
          withContext(managers[0], () => withContext(managers[1], () => withContext(managers[2], body)))
        }
      } catch (e) {
        error = e
      }
      return { log, error }
    }
    const viaStack = await run(true)
    const nested = await run(false)
    expect(viaStack.log).toEqual(nested.log)
    expect(viaStack.error).toBeInstanceOf(Error)
    expect((viaStack.error as Error).message).toBe('x')
    expect((nested.error as Error).message).toBe('x')
  })
})

describe('AsyncExitStack', () => {
  it('never throws synchronously from its async methods', async () => {
    const stack = new AsyncExitStack()
    const promise = stack.enterAsyncContext(3 as never)
    expect(promise).toBeInstanceOf(Promise)
    await expect(promise).rejects.toThrow('AsyncExitStack.enterAsyncContext: expected a context manager or disposable, got number')
    const exiting = stack.exitAsync(3)
    expect(exiting).toBeInstanceOf(Promise)
    await expect(exiting).resolves.toBe(false)
  })

  it('holds sync exits and async exits in one LIFO order', async () => {
    const log: Log = []
    const stack = new AsyncExitStack()
    stack.enterContext(manager(log, 'sync'))
    await stack.enterAsyncContext({
      enterAsync: () => Promise.resolve(log.push('enter async')),
      exitAsync: async () => {
        await Promise.resolve()
        log.push('exit async')
      },
    })
    stack.callback(() => log.push('sync callback'))
    stack.pushAsyncCallback(async () => {
      await Promise.resolve()
      log.push('async callback')
    })
    await stack.closeAsync()
    expect(log).toEqual(['enter sync', 'enter async', 'async callback', 'sync callback', 'exit async', 'exit sync: none'])
  })

  it('takes an async disposable in pushAsyncExit and awaits it', async () => {
    const log: Log = []
    const stack = new AsyncExitStack()
    stack.pushAsyncExit({
      [asyncDisposeSymbol]: async () => {
        await Promise.resolve()
        log.push('async disposed')
      },
    })
    await stack.closeAsync()
    expect(log).toEqual(['async disposed'])
  })

  it('rejects a bad async callback', () => {
    const stack = new AsyncExitStack()
    expect(() => (stack.pushAsyncCallback as (fn: unknown) => unknown).call(stack, 'x')).toThrow(
      'AsyncExitStack.pushAsyncCallback: expected a function, got string',
    )
  })
})
