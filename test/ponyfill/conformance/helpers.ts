/**
 * Shared pieces of the conformance suite: the implementation under test, the
 * case shape, assertion helpers, the microtask event log, and what differs
 * between the sync and the async stack.
 */
import assert from 'node:assert/strict'

import type { AsyncDisposableStackConstructor } from '../../../src/ponyfill/async-disposable-stack.js'
import type { DisposableStackConstructor } from '../../../src/ponyfill/disposable-stack.js'
import type { SuppressedErrorConstructor } from '../../../src/ponyfill/suppressed-error.js'

/** The three constructors under test: ours, the runtime's, or another polyfill's. */
export interface Implementation {
  DisposableStack: DisposableStackConstructor
  AsyncDisposableStack: AsyncDisposableStackConstructor
  SuppressedError: SuppressedErrorConstructor
}

/** One behaviour: `path` names the describe blocks and the test. */
export interface Case {
  path: string[]
  run: () => void | Promise<void>
}

export type Fn = (this: unknown, ...args: unknown[]) => unknown

/** A stack as the tests drive it: arguments are unchecked on purpose. */
export interface LooseStack {
  readonly disposed: boolean
  use(value: unknown): unknown
  adopt(value: unknown, onDispose: unknown): unknown
  defer(onDispose: unknown): unknown
  move(): LooseStack
}

/** What differs between the sync and the async stack, so that shared behaviour is written once. */
export interface Kind {
  name: 'DisposableStack' | 'AsyncDisposableStack'
  Ctor: new () => object
  other: new () => object
  disposeName: 'dispose' | 'disposeAsync'
  symbol: symbol
  make(): LooseStack
  /** Disposes, normalised to a promise (the sync stack's throw becomes a rejection). */
  dispose(stack: LooseStack): Promise<unknown>
  /** A disposable of this kind whose disposer logs `name` and may throw `error`. */
  resource(log: unknown[], name: string, error?: { thrown: unknown }): object
}

export const nothing: unique symbol = Symbol('nothing')

export function caught(fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
  return nothing
}

export async function rejection(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  return nothing
}

export function method(target: object, key: PropertyKey): Fn {
  const descriptor = Object.getOwnPropertyDescriptor(target, key)
  assert.ok(descriptor, `${String(key)} is an own property`)
  const { get, value } = descriptor as { get?: unknown; value?: unknown }
  return (get ?? value) as Fn
}

export function isConstructor(value: unknown): boolean {
  try {
    Reflect.construct(function () {}, [], value as Fn)
    return true
  } catch {
    return false
  }
}

export function hasOwn(target: object, key: PropertyKey): boolean {
  return Object.prototype.hasOwnProperty.call(target, key)
}

/** A built-in method's property: writable, not enumerable, configurable. */
export function assertMethodDescriptor(target: object, key: PropertyKey): void {
  const descriptor = Object.getOwnPropertyDescriptor(target, key)
  assert.ok(descriptor)
  assert.equal(typeof descriptor.value, 'function')
  assert.equal(descriptor.writable, true)
  assert.equal(descriptor.enumerable, false)
  assert.equal(descriptor.configurable, true)
}

/**
 * Logs each microtask turn as `tick 1`, `tick 2`, … next to the events the
 * code under test logs, then `settled` once `start()`'s promise settles. The
 * ticker starts first, so a promise settled after n turns logs `settled`
 * right after `tick n+1`.
 */
export async function eventLog(log: unknown[], start: () => PromiseLike<unknown>): Promise<unknown[]> {
  let ticker = Promise.resolve()
  for (let i = 1; i <= 8; i++) {
    ticker = ticker.then(() => {
      log.push(`tick ${i}`)
    })
  }
  start().then(
    () => log.push('settled'),
    () => log.push('settled'),
  )
  await ticker
  return log.slice(0, log.indexOf('settled') + 1)
}

/** The ticks that pass before a promise settling after `turns` turns is observed. */
export function ticks(turns: number): string[] {
  return Array.from({ length: turns + 1 }, (_, i) => `tick ${i + 1}`)
}

export function kinds(impl: Implementation): [sync: Kind, async: Kind] {
  const sync: Kind = {
    name: 'DisposableStack',
    Ctor: impl.DisposableStack,
    other: impl.AsyncDisposableStack,
    disposeName: 'dispose',
    symbol: Symbol.dispose,
    make: () => new impl.DisposableStack(),
    dispose: (stack) => {
      try {
        return Promise.resolve((stack as unknown as { dispose(): unknown }).dispose())
      } catch (error) {
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- relays any thrown value, `undefined` included
        return Promise.reject(error)
      }
    },
    resource: (log, name, error) => ({
      [Symbol.dispose]() {
        log.push(name)
        if (error) throw error.thrown
      },
    }),
  }
  const async: Kind = {
    name: 'AsyncDisposableStack',
    Ctor: impl.AsyncDisposableStack,
    other: impl.DisposableStack,
    disposeName: 'disposeAsync',
    symbol: Symbol.asyncDispose,
    make: () => new impl.AsyncDisposableStack(),
    dispose: (stack) => (stack as unknown as { disposeAsync(): Promise<unknown> }).disposeAsync(),
    resource: (log, name, error) => ({
      async [Symbol.asyncDispose]() {
        log.push(name)
        if (error) throw error.thrown
      },
    }),
  }
  return [sync, async]
}
