import { describe, expect, it } from 'vitest'
import {
  AsyncExitStack,
  ExitStack,
  asyncClosing,
  asyncDefer,
  closing,
  contextManager,
  defer,
  isAsyncContextManager,
  isAsyncDisposable,
  isContextManager,
  isDisposable,
  nullContext,
  suppress,
  timeout,
} from '../src/index.js'

const primitives: [string, unknown][] = [
  ['undefined', undefined],
  ['null', null],
  ['a number', 1],
  ['a string', 'enter'],
  ['a boolean', true],
  ['a symbol', Symbol.dispose],
]

const noop = (): void => undefined

describe('isContextManager', () => {
  it('is true for an object with callable enter and exit', () => {
    expect(isContextManager({ enter: noop, exit: noop })).toBe(true)
  })

  it('is true for a function object and a class instance with inherited methods', () => {
    class Manager {
      enter(): void {}
      exit(): void {}
    }
    expect(isContextManager(new Manager())).toBe(true)
    expect(isContextManager(Object.assign(noop.bind(null), { enter: noop, exit: noop }))).toBe(true)
  })

  it('is false when enter or exit is missing or not callable', () => {
    expect(isContextManager({ enter: noop })).toBe(false)
    expect(isContextManager({ exit: noop })).toBe(false)
    expect(isContextManager({ enter: noop, exit: true })).toBe(false)
    expect(isContextManager({ enterAsync: noop, exitAsync: noop })).toBe(false)
    expect(isContextManager({ [Symbol.dispose]: noop })).toBe(false)
  })

  it.each(primitives)('is false for %s', (_, value) => {
    expect(isContextManager(value)).toBe(false)
  })

  it("recognises the library's sync managers", () => {
    expect(isContextManager(closing({ close: noop }))).toBe(true)
    expect(isContextManager(suppress(Error))).toBe(true)
    expect(isContextManager(nullContext())).toBe(true)
    expect(isContextManager(new ExitStack())).toBe(true)
    expect(
      isContextManager(
        contextManager(function* () {
          yield
        })(),
      ),
    ).toBe(true)
    expect(isContextManager(timeout(1))).toBe(false)
  })
})

describe('isAsyncContextManager', () => {
  it('is true for an object with callable enterAsync and exitAsync', () => {
    expect(isAsyncContextManager({ enterAsync: noop, exitAsync: noop })).toBe(true)
  })

  it('is false for sync managers and half-implemented ones', () => {
    expect(isAsyncContextManager({ enter: noop, exit: noop })).toBe(false)
    expect(isAsyncContextManager({ enterAsync: noop })).toBe(false)
    expect(isAsyncContextManager({ enterAsync: noop, exitAsync: 'no' })).toBe(false)
  })

  it.each(primitives)('is false for %s', (_, value) => {
    expect(isAsyncContextManager(value)).toBe(false)
  })

  it("recognises the library's async managers", () => {
    expect(isAsyncContextManager(timeout(1))).toBe(true)
    expect(isAsyncContextManager(asyncClosing({ close: noop }))).toBe(true)
    expect(isAsyncContextManager(nullContext())).toBe(true)
    expect(isAsyncContextManager(new AsyncExitStack())).toBe(true)
    expect(isAsyncContextManager(closing({ close: noop }))).toBe(false)
  })
})

describe('isDisposable', () => {
  it('is true for an object with a callable [Symbol.dispose] (the host symbol)', () => {
    expect(isDisposable({ [Symbol.dispose]: noop })).toBe(true)
  })

  it('is false for a non-callable [Symbol.dispose], a string-keyed "dispose", or only [Symbol.asyncDispose]', () => {
    expect(isDisposable({ [Symbol.dispose]: 1 })).toBe(false)
    expect(isDisposable({ dispose: noop })).toBe(false)
    expect(isDisposable({ [Symbol.asyncDispose]: noop })).toBe(false)
  })

  it.each(primitives)('is false for %s', (_, value) => {
    expect(isDisposable(value)).toBe(false)
  })

  it("recognises the library's disposables and no generator manager", () => {
    expect(isDisposable(defer(noop))).toBe(true)
    expect(isDisposable(new ExitStack())).toBe(true)
    expect(isDisposable(asyncDefer(noop))).toBe(false)
    expect(
      isDisposable(
        contextManager(function* () {
          yield
        })(),
      ),
    ).toBe(false)
  })
})

describe('isAsyncDisposable', () => {
  it('is true only for a callable [Symbol.asyncDispose]', () => {
    expect(isAsyncDisposable({ [Symbol.asyncDispose]: noop })).toBe(true)
    expect(isAsyncDisposable({ [Symbol.dispose]: noop })).toBe(false)
    expect(isAsyncDisposable({ [Symbol.asyncDispose]: {} })).toBe(false)
  })

  it.each(primitives)('is false for %s', (_, value) => {
    expect(isAsyncDisposable(value)).toBe(false)
  })

  it("recognises the library's async disposables", () => {
    expect(isAsyncDisposable(asyncDefer(noop))).toBe(true)
    expect(isAsyncDisposable(new AsyncExitStack())).toBe(true)
    expect(isAsyncDisposable(defer(noop))).toBe(false)
  })
})
