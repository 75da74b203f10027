/** Conformance cases: the shape of both stack classes, from the spec text. */
import assert from 'node:assert/strict'

import {
  assertMethodDescriptor,
  type Case,
  caught,
  type Fn,
  hasOwn,
  isConstructor,
  type Kind,
  type LooseStack,
  method,
  rejection,
} from './helpers.js'

/** The constructor, the prototype object and the brand checks (RequireInternalSlot). */
export function stackShapeCases(kind: Kind): Case[] {
  const cases: Case[] = []
  const { name, Ctor } = kind
  const proto = Ctor.prototype as object
  const add = (group: string, title: string, run: () => void | Promise<void>): void => {
    cases.push({ path: [name, group, title], run })
  }
  const methods: [string, number][] = [
    ['use', 1],
    ['adopt', 2],
    ['defer', 1],
    ['move', 0],
    [kind.disposeName, 0],
  ]

  // The constructor ( ) and Properties of the Constructor
  add('constructor', 'is a function named after the class, of length 0, inheriting from Function.prototype', () => {
    assert.equal(typeof Ctor, 'function')
    assert.equal(Ctor.name, name)
    assert.equal(Ctor.length, 0)
    assert.equal(Object.getPrototypeOf(Ctor), Function.prototype)
    assert.equal(isConstructor(Ctor), true)
  })
  add('constructor', 'has a non-writable, non-enumerable, non-configurable prototype', () => {
    const descriptor = Object.getOwnPropertyDescriptor(Ctor, 'prototype')
    assert.deepEqual(descriptor, { value: proto, writable: false, enumerable: false, configurable: false })
  })
  add('constructor', 'throws a TypeError when called without new (step 1)', () => {
    assert.throws(() => (Ctor as unknown as Fn)(), TypeError)
    assert.throws(() => (Ctor as unknown as Fn).call({}), TypeError)
  })
  add('constructor', 'creates an extensible object with no own properties, inheriting from the prototype (step 2)', () => {
    const stack = new Ctor()
    assert.equal(Object.getPrototypeOf(stack), proto)
    assert.equal(Object.isExtensible(stack), true)
    assert.deepEqual(Reflect.ownKeys(stack), [])
    assert.equal((stack as LooseStack).disposed, false)
  })
  add('constructor', "takes the prototype from NewTarget, and the intrinsic one when NewTarget's is not an object", () => {
    const custom = {}
    function Target() {}
    Target.prototype = custom
    assert.equal(Object.getPrototypeOf(Reflect.construct(Ctor, [], Target)), custom)
    assert.equal(Object.getPrototypeOf(Reflect.construct(Ctor, [], Object)), Object.prototype)
    for (const value of [undefined, null, true, '', Symbol('s'), 1]) {
      ;(Target as { prototype: unknown }).prototype = value
      assert.equal(Object.getPrototypeOf(Reflect.construct(Ctor, [], Target)), proto)
    }
  })
  add('constructor', "reads NewTarget's prototype exactly once", () => {
    let reads = 0
    const target = new Proxy(function () {}, {
      get: (t, key, receiver) => {
        if (key === 'prototype') reads++
        return Reflect.get(t, key, receiver) as unknown
      },
    })
    Reflect.construct(Ctor, [], target)
    assert.equal(reads, 1)
  })
  add('constructor', "propagates an error thrown while reading NewTarget's prototype", () => {
    const boom = new Error('prototype getter')
    const target = new Proxy(function () {}, {
      get: (t, key, receiver) => {
        if (key === 'prototype') throw boom
        return Reflect.get(t, key, receiver) as unknown
      },
    })
    assert.equal(
      caught(() => Reflect.construct(Ctor, [], target)),
      boom,
    )
  })
  add('constructor', 'can be subclassed: instances get the subclass prototype and work as stacks', async () => {
    class Sub extends (Ctor as new () => LooseStack) {}
    const stack = new Sub()
    assert.equal(Object.getPrototypeOf(stack), Sub.prototype)
    assert.ok(stack instanceof Ctor)
    const log: unknown[] = []
    stack.use(kind.resource(log, 'a'))
    await kind.dispose(stack)
    assert.deepEqual(log, ['a'])
    assert.equal(stack.disposed, true)
  })

  // Properties of the Prototype Object
  add('prototype', 'is an ordinary object inheriting from Object.prototype, not itself a stack', () => {
    assert.equal(Object.getPrototypeOf(proto), Object.prototype)
    assert.throws(() => method(proto, 'disposed').call(proto), TypeError)
  })
  add('prototype', 'has a constructor property pointing back, like a built-in method', () => {
    assertMethodDescriptor(proto, 'constructor')
    assert.equal((proto as { constructor: unknown }).constructor, Ctor)
  })
  for (const [key, length] of methods) {
    add('prototype', `has ${key} as a writable, non-enumerable, configurable method of length ${length}`, () => {
      assertMethodDescriptor(proto, key)
      const fn = method(proto, key)
      assert.equal(fn.length, length)
      assert.equal(fn.name, key)
      assert.deepEqual(Object.getOwnPropertyDescriptor(fn, 'name'), { value: key, writable: false, enumerable: false, configurable: true })
      assert.deepEqual(Object.getOwnPropertyDescriptor(fn, 'length'), { value: length, writable: false, enumerable: false, configurable: true })
    })
    add('prototype', `has a ${key} that is not a constructor`, () => {
      const fn = method(proto, key)
      assert.equal(isConstructor(fn), false)
      assert.equal(hasOwn(fn, 'prototype'), false)
      assert.throws(() => new (fn as unknown as new () => object)(), TypeError)
    })
  }
  add('prototype', `has [Symbol.${kind.name === 'DisposableStack' ? 'dispose' : 'asyncDispose'}] as the very same function as ${kind.disposeName}`, () => {
    assertMethodDescriptor(proto, kind.symbol)
    assert.equal(method(proto, kind.symbol), method(proto, kind.disposeName))
  })
  add('prototype', "has a disposed accessor without setter, whose getter is named 'get disposed'", () => {
    const descriptor = Object.getOwnPropertyDescriptor(proto, 'disposed')
    assert.ok(descriptor)
    const { get, set, enumerable, configurable } = descriptor as { get?: Fn; set?: Fn; enumerable: boolean; configurable: boolean }
    assert.ok(typeof get === 'function')
    assert.equal(set, undefined)
    assert.equal(enumerable, false)
    assert.equal(configurable, true)
    assert.equal(get.name, 'get disposed')
    assert.equal(get.length, 0)
    assert.equal(isConstructor(get), false)
  })
  add('prototype', `has [Symbol.toStringTag] '${name}', not writable, not enumerable, configurable`, () => {
    assert.deepEqual(Object.getOwnPropertyDescriptor(proto, Symbol.toStringTag), {
      value: name,
      writable: false,
      enumerable: false,
      configurable: true,
    })
    assert.equal(Object.prototype.toString.call(new Ctor()), `[object ${name}]`)
  })
  add('prototype', 'has exactly the specified own properties', () => {
    const expected = ['constructor', 'disposed', ...methods.map(([key]) => key), kind.symbol, Symbol.toStringTag]
    assert.deepEqual(new Set(Reflect.ownKeys(proto)), new Set(expected))
  })

  // RequireInternalSlot: every method checks its receiver
  const receivers: [string, unknown][] = [
    ['undefined', undefined],
    ['null', null],
    ['a number', 1],
    ['a string', 'stack'],
    ['a plain object', {}],
    ['the prototype', proto],
    [`an instance of the other stack class`, new kind.other()],
    ['a proxy of a stack', new Proxy(new Ctor(), {})],
  ]
  const syncMethods: [string, unknown[]][] = [
    ['use', [null]],
    ['adopt', [1, () => {}]],
    ['defer', [() => {}]],
    ['move', []],
    ['disposed', []],
  ]
  if (kind.disposeName === 'dispose') syncMethods.push(['dispose', []])
  for (const [key, args] of syncMethods) {
    add('brand checks', `${key} throws a TypeError for a receiver that is not a ${name}`, () => {
      const fn = method(proto, key)
      for (const [label, receiver] of receivers) {
        const error = caught(() => fn.apply(receiver, args))
        assert.ok(error instanceof TypeError, `${key} on ${label}`)
      }
    })
  }
  if (kind.disposeName === 'disposeAsync') {
    add('brand checks', 'disposeAsync returns a promise rejected with a TypeError, never throwing synchronously (step 3)', async () => {
      const fn = method(proto, 'disposeAsync')
      for (const [label, receiver] of receivers) {
        let result: unknown
        assert.doesNotThrow(() => {
          result = fn.call(receiver)
        }, label)
        assert.ok(result instanceof Promise, label)
        assert.ok((await rejection(result)) instanceof TypeError, label)
      }
    })
  }

  return cases
}
