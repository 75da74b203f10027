/** Conformance cases for `SuppressedError`. */
import type { SuppressedErrorConstructor } from '../../../src/ponyfill/suppressed-error.js'
import assert from 'node:assert/strict'

import {
  type Case,
  caught,
  type Fn,
  hasOwn,
  type Implementation,
  isConstructor,
} from './helpers.js'

/** SuppressedError ( error, suppressed, message ) and its properties. */
export function suppressedErrorCases(impl: Implementation): Case[] {
  const { SuppressedError } = impl
  const cases: Case[] = []
  const add = (title: string, run: () => void): void => {
    cases.push({ path: ['SuppressedError', title], run })
  }
  add('is a constructor of length 3 named SuppressedError, inheriting from Error', () => {
    assert.equal(typeof SuppressedError, 'function')
    assert.equal(SuppressedError.name, 'SuppressedError')
    assert.equal(SuppressedError.length, 3)
    assert.equal(Object.getPrototypeOf(SuppressedError), Error)
    assert.equal(isConstructor(SuppressedError), true)
    assert.deepEqual(Object.getOwnPropertyDescriptor(SuppressedError, 'prototype'), {
      value: SuppressedError.prototype,
      writable: false,
      enumerable: false,
      configurable: false,
    })
  })
  add("has a prototype inheriting from Error.prototype with constructor, message '' and name", () => {
    const proto = SuppressedError.prototype
    assert.equal(Object.getPrototypeOf(proto), Error.prototype)
    assert.equal(Object.prototype.toString.call(proto), '[object Object]')
    for (const [key, value] of [
      ['constructor', SuppressedError],
      ['message', ''],
      ['name', 'SuppressedError'],
    ] as const) {
      assert.deepEqual(Object.getOwnPropertyDescriptor(proto, key), { value, writable: true, enumerable: false, configurable: true })
    }
    assert.equal(hasOwn(proto, 'error'), false)
    assert.equal(hasOwn(proto, 'suppressed'), false)
  })
  add('creates the same object with and without new (step 1)', () => {
    const error = new Error('e')
    const suppressed = new Error('s')
    for (const made of [
      new SuppressedError(error, suppressed, 'm'),
      SuppressedError(error, suppressed, 'm'),
      (SuppressedError as unknown as Fn).call({}, error, suppressed, 'm') as InstanceType<SuppressedErrorConstructor>,
    ]) {
      assert.equal(Object.getPrototypeOf(made), SuppressedError.prototype)
      assert.ok(made instanceof Error)
      assert.equal(Object.prototype.toString.call(made), '[object Error]')
      assert.equal(made.error, error)
      assert.equal(made.suppressed, suppressed)
      assert.equal(made.message, 'm')
    }
  })
  add('defines error and suppressed as non-enumerable data properties, even when undefined (steps 4–5)', () => {
    const made = new SuppressedError(undefined, undefined)
    for (const key of ['error', 'suppressed']) {
      assert.deepEqual(Object.getOwnPropertyDescriptor(made, key), {
        value: undefined,
        writable: true,
        enumerable: false,
        configurable: true,
      })
    }
  })
  add('defines message only when given one, as ToString(message), before error and suppressed (step 3)', () => {
    assert.equal(hasOwn(new SuppressedError(1, 2), 'message'), false)
    assert.equal(hasOwn(new SuppressedError(1, 2, undefined), 'message'), false)
    const made = new SuppressedError(1, 2, { toString: () => 'from toString' } as unknown as string)
    assert.deepEqual(Object.getOwnPropertyDescriptor(made, 'message'), {
      value: 'from toString',
      writable: true,
      enumerable: false,
      configurable: true,
    })
    assert.equal(new SuppressedError(1, 2, 42 as unknown as string).message, '42')
    const keys = Object.getOwnPropertyNames(made)
    const at = keys.indexOf('message')
    assert.deepEqual(keys.slice(at, at + 3), ['message', 'error', 'suppressed'])
  })
  add('propagates an abrupt ToString(message): a throwing toString, a Symbol', () => {
    const boom = new Error('toString')
    assert.equal(
      caught(() => new SuppressedError(1, 2, { toString: () => { throw boom } } as unknown as string)),
      boom,
    )
    assert.throws(() => new SuppressedError(1, 2, Symbol('m') as unknown as string), TypeError)
  })
  add('reads NewTarget.prototype before converting the message (step 2 before 3)', () => {
    const log: string[] = []
    const target = new Proxy(function () {}, {
      get: (t, key, receiver) => {
        if (key === 'prototype') log.push('prototype')
        return Reflect.get(t, key, receiver) as unknown
      },
    })
    Reflect.construct(SuppressedError, [1, 2, { toString: () => (log.push('toString'), 'm') }], target)
    assert.deepEqual(log, ['prototype', 'toString'])
  })
  add('installs no cause, whatever extra arguments it gets', () => {
    const made = Reflect.construct(SuppressedError, [1, 2, 'm', { cause: 'c' }]) as object
    assert.equal(hasOwn(made, 'cause'), false)
  })
  add("takes the prototype from NewTarget, and SuppressedError.prototype when NewTarget's is not an object", () => {
    const custom = Object.create(SuppressedError.prototype) as object
    function Target() {}
    Target.prototype = custom
    assert.equal(Object.getPrototypeOf(Reflect.construct(SuppressedError, [1, 2], Target)), custom)
    assert.equal(Object.getPrototypeOf(Reflect.construct(SuppressedError, [1, 2], Object)), Object.prototype)
    for (const value of [undefined, null, 1, 'p', Symbol('s')]) {
      ;(Target as { prototype: unknown }).prototype = value
      assert.equal(Object.getPrototypeOf(Reflect.construct(SuppressedError, [1, 2], Target)), SuppressedError.prototype)
    }
  })
  add('can be subclassed', () => {
    class DisposalError extends SuppressedError {
      override name = 'DisposalError'
    }
    const made = new DisposalError('e', 's', 'both')
    assert.ok(made instanceof DisposalError)
    assert.ok(made instanceof SuppressedError)
    assert.equal(made.error, 'e')
    assert.equal(made.suppressed, 's')
    assert.equal(made.message, 'both')
    assert.equal(String(made), 'DisposalError: both')
  })
  add('is a real error to the engine (has [[ErrorData]])', () => {
    const made = new SuppressedError(1, 2)
    assert.equal(Object.prototype.toString.call(made), '[object Error]')
    const isError = (Error as { isError?: (value: unknown) => boolean }).isError
    if (isError) assert.equal(isError(made), true)
    assert.equal(typeof made.stack, 'string')
  })
  return cases
}
