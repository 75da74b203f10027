/** Conformance cases: the behaviour both stack classes share, from the spec text. */
import assert from 'node:assert/strict'

import {
  type Case,
  caught,
  hasOwn,
  type Implementation,
  type Kind,
  type LooseStack,
  rejection,
} from './helpers.js'

/** use, adopt, defer, disposed, move and DisposeResources, shared by both stacks. */
export function stackBehaviourCases(impl: Implementation, kind: Kind): Case[] {
  const cases: Case[] = []
  const { name, Ctor } = kind
  const proto = Ctor.prototype as object
  const add = (group: string, title: string, run: () => void | Promise<void>): void => {
    cases.push({ path: [name, group, title], run })
  }
  // use ( value )
  add('use', 'returns its argument, by identity (step 5)', () => {
    const stack = kind.make()
    const resource = kind.resource([], 'a')
    assert.equal(stack.use(resource), resource)
  })
  add('use', 'accepts null and undefined, returning them (AddDisposableResource 1.a.)', async () => {
    const stack = kind.make()
    assert.equal(stack.use(null), null)
    assert.equal(stack.use(undefined), undefined)
    assert.equal(await kind.dispose(stack), undefined)
  })
  add('use', 'throws a TypeError for a value that is not an object (CreateDisposableResource 1.b.i.)', () => {
    const stack = kind.make()
    for (const value of [1, 'text', true, Symbol('s'), 10n]) {
      assert.throws(() => stack.use(value), TypeError)
    }
  })
  add('use', 'throws a TypeError for an object without a dispose method (1.b.iii.)', () => {
    const stack = kind.make()
    assert.throws(() => stack.use({}), TypeError)
    assert.throws(() => stack.use({ [kind.symbol]: undefined }), TypeError)
    assert.throws(() => stack.use({ [kind.symbol]: null }), TypeError)
  })
  add('use', 'throws a TypeError when the dispose method is not callable (GetMethod)', () => {
    const stack = kind.make()
    for (const value of [1, 'f', {}, true]) {
      assert.throws(() => stack.use({ [kind.symbol]: value }), TypeError)
    }
  })
  add('use', 'accepts functions as resources', async () => {
    const log: unknown[] = []
    const stack = kind.make()
    const fn = Object.assign(() => {}, {
      [kind.symbol]() {
        log.push('fn')
      },
    })
    stack.use(fn)
    await kind.dispose(stack)
    assert.deepEqual(log, ['fn'])
  })
  add('use', 'reads the dispose method once, when the resource is added, and calls that one', async () => {
    const log: unknown[] = []
    let reads = 0
    const resource = {
      get [kind.symbol]() {
        reads++
        return function (this: unknown, ...args: unknown[]) {
          log.push(['first', this, args.length])
        }
      },
    }
    const stack = kind.make()
    stack.use(resource)
    assert.equal(reads, 1)
    Object.defineProperty(resource, kind.symbol, {
      value: () => {
        log.push('replaced')
      },
    })
    await kind.dispose(stack)
    assert.deepEqual(log, [['first', resource, 0]])
  })
  add('use', 'propagates an error thrown by the dispose-method getter, adding nothing', async () => {
    const boom = new Error('getter')
    const stack = kind.make()
    assert.equal(
      caught(() =>
        stack.use({
          get [kind.symbol]() {
            throw boom
          },
        }),
      ),
      boom,
    )
    assert.equal(stack.disposed, false)
    assert.equal(await kind.dispose(stack), undefined)
  })

  // adopt ( value, onDispose )
  add('adopt', 'returns the value and later calls onDispose(value) with an undefined this (steps 5–8)', async () => {
    const log: unknown[] = []
    const stack = kind.make()
    const value = { resource: true }
    const onDispose = function (this: unknown, ...args: unknown[]) {
      log.push([this, ...args])
    }
    assert.equal(stack.adopt(value, onDispose), value)
    assert.deepEqual(log, [])
    await kind.dispose(stack)
    assert.equal(log.length, 1)
    assert.deepEqual(log[0], [undefined, value])
  })
  add('adopt', 'accepts any value, including primitives, null and undefined', async () => {
    const seen: unknown[] = []
    const stack = kind.make()
    const values = [1, 'text', null, undefined, Symbol.iterator, {}]
    for (const value of values) {
      assert.equal(
        stack.adopt(value, (v: unknown) => seen.push(v)),
        value,
      )
    }
    await kind.dispose(stack)
    assert.deepEqual(seen, [...values].reverse())
  })
  add('adopt', 'throws a TypeError when onDispose is not callable (step 4)', () => {
    const stack = kind.make()
    for (const value of [undefined, null, 1, {}, 'f']) {
      assert.throws(() => stack.adopt(1, value), TypeError)
    }
    assert.equal(stack.disposed, false)
  })

  // defer ( onDispose )
  add('defer', 'returns undefined and later calls onDispose with no arguments and an undefined this (steps 5–6)', async () => {
    const log: unknown[] = []
    const stack = kind.make()
    const onDispose = function (this: unknown, ...args: unknown[]) {
      log.push([this, args.length])
    }
    assert.equal(stack.defer(onDispose), undefined)
    await kind.dispose(stack)
    assert.deepEqual(log, [[undefined, 0]])
  })
  add('defer', 'throws a TypeError when onDispose is not callable (step 4)', () => {
    const stack = kind.make()
    for (const value of [undefined, null, 1, {}, 'f']) {
      assert.throws(() => stack.defer(value), TypeError)
    }
  })

  // ReferenceError on a disposed stack (step 3 of use, adopt, defer, move)
  add('disposed stack', 'use, adopt, defer and move throw a ReferenceError, checked before their arguments', async () => {
    const stack = kind.make()
    await kind.dispose(stack)
    assert.throws(() => stack.use(kind.resource([], 'a')), ReferenceError)
    assert.throws(() => stack.use(null), ReferenceError)
    assert.throws(() => stack.use(1), ReferenceError)
    assert.throws(() => stack.adopt(1, () => {}), ReferenceError)
    assert.throws(() => stack.adopt(1, 'not callable'), ReferenceError)
    assert.throws(() => stack.defer(() => {}), ReferenceError)
    assert.throws(() => stack.defer(1), ReferenceError)
    assert.throws(() => stack.move(), ReferenceError)
  })
  add('disposed stack', `${kind.disposeName} again does nothing and calls no disposer twice (step 3 / 4)`, async () => {
    const log: unknown[] = []
    const stack = kind.make()
    stack.use(kind.resource(log, 'a'))
    assert.equal(await kind.dispose(stack), undefined)
    assert.equal(await kind.dispose(stack), undefined)
    assert.deepEqual(log, ['a'])
  })

  // disposed
  add('disposed', 'is false while pending and true once disposed', async () => {
    const stack = kind.make()
    assert.equal(stack.disposed, false)
    stack.use(kind.resource([], 'a'))
    assert.equal(stack.disposed, false)
    await kind.dispose(stack)
    assert.equal(stack.disposed, true)
  })
  add('disposed', 'is already true while the disposers run (step 4 precedes DisposeResources)', async () => {
    const stack = kind.make()
    const seen: unknown[] = []
    stack.defer(() => {
      seen.push(stack.disposed, caught(() => stack.use(null)) instanceof ReferenceError)
    })
    await kind.dispose(stack)
    assert.deepEqual(seen, [true, true])
  })

  // Dispose order and DisposeResources
  add('disposal', `${kind.disposeName} disposes every resource in reverse order of addition, whatever added it`, async () => {
    const log: unknown[] = []
    const stack = kind.make()
    stack.use(kind.resource(log, 'use 1'))
    stack.adopt('adopted', (v: unknown) => log.push(v))
    stack.defer(() => log.push('deferred'))
    stack.use(null)
    stack.use(kind.resource(log, 'use 2'))
    assert.equal(await kind.dispose(stack), undefined)
    assert.deepEqual(log, ['use 2', 'deferred', 'adopted', 'use 1'])
  })
  add('disposal', 'a disposer calling dispose again on the same stack has no effect', async () => {
    const log: unknown[] = []
    const stack = kind.make()
    stack.use(kind.resource(log, 'outer'))
    stack.defer(() => {
      log.push('inner')
      void kind.dispose(stack)
    })
    await kind.dispose(stack)
    assert.deepEqual(log, ['inner', 'outer'])
  })
  add('disposal', 'a resource added to another stack by a disposer is not lost', async () => {
    const log: unknown[] = []
    const first = kind.make()
    const second = kind.make()
    first.defer(() => second.use(kind.resource(log, 'late')))
    await kind.dispose(first)
    await kind.dispose(second)
    assert.deepEqual(log, ['late'])
  })

  // Errors (DisposeResources 3.e.iii.)
  add('errors', `${kind.disposeName} rethrows a single disposer error as is, after running every disposer`, async () => {
    const log: unknown[] = []
    const boom = new Error('boom')
    const stack = kind.make()
    stack.use(kind.resource(log, 'a'))
    stack.use(kind.resource(log, 'b', { thrown: boom }))
    stack.use(kind.resource(log, 'c'))
    assert.equal(await rejection(kind.dispose(stack)), boom)
    assert.deepEqual(log, ['c', 'b', 'a'])
  })
  add('errors', 'counts a thrown undefined as an error', async () => {
    const stack = kind.make()
    stack.defer(() => {
      throw undefined
    })
    let threw = false
    await kind.dispose(stack).catch((error: unknown) => {
      threw = true
      assert.equal(error, undefined)
    })
    assert.equal(threw, true)
  })
  add('errors', 'nests several errors in SuppressedErrors: the later failure is error, the earlier suppressed', async () => {
    const first = new Error('first to fail')
    const second = new RangeError('second')
    const third = 'third, not an Error'
    const stack = kind.make()
    // Added in reverse, so they are disposed (and fail) first, second, third.
    stack.defer(() => {
      throw third
    })
    stack.use(kind.resource([], 'second', { thrown: second }))
    stack.adopt(null, () => {
      throw first
    })
    const error = (await rejection(kind.dispose(stack))) as { error: unknown; suppressed: { error: unknown; suppressed: unknown } }
    assert.ok(error instanceof impl.SuppressedError)
    assert.ok(error instanceof Error)
    assert.equal(error.error, third)
    assert.ok(error.suppressed instanceof impl.SuppressedError)
    assert.equal(error.suppressed.error, second)
    assert.equal(error.suppressed.suppressed, first)
    for (const node of [error, error.suppressed]) {
      assert.deepEqual(Object.getOwnPropertyDescriptor(node, 'error')?.enumerable, false)
      assert.deepEqual(Object.getOwnPropertyDescriptor(node, 'suppressed')?.writable, true)
      assert.equal(Object.prototype.toString.call(node), '[object Error]')
    }
  })
  add('errors', 'chains undefined and null errors like any other', async () => {
    const stack = kind.make()
    stack.defer(() => {
      throw null
    })
    stack.defer(() => {
      throw undefined
    })
    const error = (await rejection(kind.dispose(stack))) as { error: unknown; suppressed: unknown }
    assert.ok(error instanceof impl.SuppressedError)
    assert.equal(error.error, null)
    assert.equal(error.suppressed, undefined)
    assert.ok(hasOwn(error, 'suppressed'))
  })

  // move ( )
  add('move', 'returns a new pending stack holding the resources, without disposing them (steps 4–6, 9)', async () => {
    const log: unknown[] = []
    const stack = kind.make()
    stack.use(kind.resource(log, 'a'))
    stack.defer(() => log.push('b'))
    const moved = stack.move()
    assert.notEqual(moved, stack)
    assert.equal(Object.getPrototypeOf(moved), proto)
    assert.equal(moved.disposed, false)
    assert.deepEqual(log, [])
    await kind.dispose(moved)
    assert.deepEqual(log, ['b', 'a'])
  })
  add('move', 'leaves the original disposed and empty (steps 7–8)', async () => {
    const log: unknown[] = []
    const stack = kind.make()
    stack.use(kind.resource(log, 'a'))
    const moved = stack.move()
    assert.equal(stack.disposed, true)
    await kind.dispose(stack)
    assert.deepEqual(log, [])
    assert.throws(() => stack.use(null), ReferenceError)
    await kind.dispose(moved)
    assert.deepEqual(log, ['a'])
  })
  add('move', `creates a plain ${name} even from a subclass instance (step 4 uses the intrinsic)`, () => {
    class Sub extends (Ctor as new () => LooseStack) {}
    const moved = new Sub().move()
    assert.ok(moved instanceof Ctor)
    assert.equal(moved instanceof Sub, false)
    assert.equal(Object.getPrototypeOf(moved), proto)
  })

  return cases
}
