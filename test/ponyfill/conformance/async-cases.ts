/** Conformance cases only `AsyncDisposableStack` has, microtask turns included. */
import assert from 'node:assert/strict'

import {
  type Case,
  eventLog,
  type Implementation,
  type LooseStack,
  rejection,
  ticks,
} from './helpers.js'

/** What only the asynchronous stack does. */
export function asyncOnlyCases(impl: Implementation): Case[] {
  const cases: Case[] = []
  const add = (group: string, title: string, run: () => Promise<void>): void => {
    cases.push({ path: ['AsyncDisposableStack', group, title], run })
  }
  const make = (): LooseStack & { disposeAsync(): Promise<void> } =>
    new impl.AsyncDisposableStack()

  add('use', 'prefers [Symbol.asyncDispose] and then never reads [Symbol.dispose]', async () => {
    const log: unknown[] = []
    const stack = make()
    stack.use({
      async [Symbol.asyncDispose]() {
        log.push('async')
      },
      get [Symbol.dispose]() {
        log.push('read dispose')
        return () => {}
      },
    })
    await stack.disposeAsync()
    assert.deepEqual(log, ['async'])
  })
  add('use', 'falls back to [Symbol.dispose] when [Symbol.asyncDispose] is undefined or null, reading each once', async () => {
    for (const asyncValue of [undefined, null]) {
      const log: unknown[] = []
      const resource = {
        get [Symbol.asyncDispose]() {
          log.push('read asyncDispose')
          return asyncValue
        },
        get [Symbol.dispose]() {
          log.push('read dispose')
          return function (this: unknown, ...args: unknown[]) {
            log.push(['dispose', this === resource, args.length])
          }
        },
      }
      const stack = make()
      stack.use(resource)
      assert.deepEqual(log, ['read asyncDispose', 'read dispose'])
      await stack.disposeAsync()
      assert.deepEqual(log.slice(2), [['dispose', true, 0]])
    }
  })
  add('use', 'throws a TypeError for a non-callable [Symbol.asyncDispose] without falling back', async () => {
    const log: unknown[] = []
    const stack = make()
    assert.throws(
      () =>
        stack.use({
          [Symbol.asyncDispose]: 1,
          get [Symbol.dispose]() {
            log.push('read dispose')
            return () => {}
          },
        }),
      TypeError,
    )
    assert.deepEqual(log, [])
    assert.throws(() => stack.use({ [Symbol.asyncDispose]: undefined, [Symbol.dispose]: 'x' }), TypeError)
    await stack.disposeAsync()
  })
  add('use', 'never awaits what a sync [Symbol.dispose] returns (GetDisposeMethod 1.b.ii.)', async () => {
    const log: unknown[] = []
    const stack = make()
    stack.use({
      [Symbol.dispose]: () => ({ then: () => log.push('then called') }),
    })
    await stack.disposeAsync()
    assert.deepEqual(log, [])
  })
  add('use', 'turns a throwing sync [Symbol.dispose] into a rejection', async () => {
    const boom = new Error('sync dispose')
    const stack = make()
    stack.use({
      [Symbol.dispose]() {
        throw boom
      },
    })
    let result: unknown
    assert.doesNotThrow(() => {
      result = stack.disposeAsync()
    })
    assert.equal(await rejection(result as Promise<void>), boom)
  })
  add('disposeAsync', 'returns a %Promise% that fulfils with undefined', async () => {
    const stack = make()
    const result = stack.disposeAsync()
    assert.ok(result instanceof Promise)
    assert.equal(Object.getPrototypeOf(result), Promise.prototype)
    assert.equal(await result, undefined)
  })
  add('disposeAsync', 'rejects instead of throwing when a disposer throws synchronously', async () => {
    const boom = new Error('boom')
    const stack = make()
    stack.defer(() => {
      throw boom
    })
    let result: unknown
    assert.doesNotThrow(() => {
      result = stack.disposeAsync()
    })
    assert.equal(await rejection(result as Promise<void>), boom)
  })
  add('disposeAsync', 'awaits each disposer before calling the next', async () => {
    const log: unknown[] = []
    const stack = make()
    let release: () => void = () => {}
    stack.defer(() => log.push('first added'))
    stack.defer(
      () =>
        new Promise<void>((resolve) => {
          log.push('last added: started')
          release = () => {
            log.push('last added: released')
            resolve()
          }
        }),
    )
    const done = stack.disposeAsync()
    await Promise.resolve()
    await Promise.resolve()
    assert.deepEqual(log, ['last added: started'])
    release()
    await done
    assert.deepEqual(log, ['last added: started', 'last added: released', 'first added'])
  })
  add('disposeAsync', 'called again while disposing, fulfils at once without calling any disposer twice', async () => {
    const log: unknown[] = []
    const stack = make()
    stack.defer(async () => {
      log.push('disposer')
      await Promise.resolve()
    })
    const first = stack.disposeAsync()
    const second = stack.disposeAsync()
    assert.deepEqual(await eventLog(log, () => second), ['disposer', ...ticks(0), 'settled'])
    await first
    assert.deepEqual(log.filter((e) => e === 'disposer'), ['disposer'])
  })
  add('disposeAsync', 'chains a rejection and a synchronous throw into a SuppressedError, by identity', async () => {
    const rejected = new Error('rejected')
    const thrown = new TypeError('thrown')
    const stack = make()
    stack.defer(() => {
      throw thrown
    })
    stack.defer(() => Promise.reject(rejected))
    const error = (await rejection(stack.disposeAsync())) as { error: unknown; suppressed: unknown }
    assert.ok(error instanceof impl.SuppressedError)
    assert.equal(error.error, thrown)
    assert.equal(error.suppressed, rejected)
  })

  // Microtask turns: Await costs one turn per awaited disposer, and DisposeResources
  // step 4 adds one only for recorded null/undefined values when nothing was awaited.
  const turns = (title: string, setup: (stack: LooseStack, log: unknown[]) => void, expected: unknown[]): void => {
    add('microtask turns', title, async () => {
      const log: unknown[] = []
      const stack = make()
      setup(stack, log)
      assert.deepEqual(await eventLog(log, () => stack.disposeAsync()), expected)
    })
  }
  turns('an empty stack settles without awaiting', () => {}, [...ticks(0), 'settled'])
  turns('an already disposed stack settles without awaiting', (stack) => {
    stack.move()
  }, [...ticks(0), 'settled'])
  turns('use(null) alone costs one turn (step 4)', (stack) => stack.use(null), [...ticks(1), 'settled'])
  turns(
    'use(null) and use(undefined) together still cost one turn',
    (stack) => {
      stack.use(null)
      stack.use(undefined)
    },
    [...ticks(1), 'settled'],
  )
  turns(
    'a sync [Symbol.dispose] costs one turn (its wrapper promise is awaited)',
    (stack, log) =>
      stack.use({
        [Symbol.dispose]: () => log.push('sync dispose'),
      }),
    ['sync dispose', ...ticks(1), 'settled'],
  )
  turns(
    'an async disposer returning a native promise costs one turn',
    (stack, log) =>
      stack.use({
        [Symbol.asyncDispose]: () => {
          log.push('async dispose')
          return Promise.resolve()
        },
      }),
    ['async dispose', ...ticks(1), 'settled'],
  )
  turns(
    'a disposer returning a non-promise costs one turn',
    (stack, log) => stack.defer(() => log.push('deferred')),
    ['deferred', ...ticks(1), 'settled'],
  )
  turns(
    'a disposer returning a thenable costs two turns (one for NewPromiseResolveThenableJob)',
    (stack, log) =>
      stack.defer(() => ({
        then(resolve: () => void) {
          log.push('then called')
          resolve()
        },
      })),
    ['tick 1', 'then called', ...ticks(2).slice(1), 'settled'],
  )
  turns(
    'a disposer throwing synchronously costs no turn (3.e.ii. only awaits a normal completion)',
    (stack) =>
      stack.defer(() => {
        throw new Error('sync')
      }),
    [...ticks(0), 'settled'],
  )
  turns(
    'a synchronous throw after a recorded null costs the one turn of step 4',
    (stack) => {
      stack.defer(() => {
        throw new Error('sync')
      })
      stack.use(null)
    },
    [...ticks(1), 'settled'],
  )
  turns(
    'a recorded null disposed before an awaited disposer adds no extra turn',
    (stack, log) => {
      stack.defer(() => log.push('deferred'))
      stack.use(null)
    },
    ['deferred', ...ticks(1), 'settled'],
  )
  turns(
    'a recorded null disposed after an awaited disposer adds no extra turn',
    (stack, log) => {
      stack.use(null)
      stack.defer(() => log.push('deferred'))
    },
    ['deferred', ...ticks(1), 'settled'],
  )
  turns(
    'two disposers cost one turn each, the second called after the first turn',
    (stack, log) => {
      stack.defer(() => log.push('first added'))
      stack.defer(() => log.push('last added'))
    },
    ['last added', 'tick 1', 'first added', ...ticks(2).slice(1), 'settled'],
  )
  turns(
    'a rejected disposer costs one turn, then the promise rejects',
    (stack, log) =>
      stack.defer(() => {
        log.push('rejecting')
        return Promise.reject(new Error('rejected'))
      }),
    ['rejecting', ...ticks(1), 'settled'],
  )
  return cases
}
