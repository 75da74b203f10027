import { EventEmitter, getEventListeners } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { EventListenerRegistration, eventListener, isContextManager, isDisposable, withContext } from '../src/index.js'
import { collectGarbage } from './support/kit.js'

describe('eventListener on an EventTarget', () => {
  it('registers the listener itself and dispose removes exactly it', () => {
    const target = new EventTarget()
    const log: string[] = []
    const listener = (event: Event): void => {
      log.push(event.type)
    }
    const registration = eventListener(target, 'ping', listener)
    expect(registration).toBeInstanceOf(EventListenerRegistration)
    expect(isDisposable(registration) && isContextManager(registration)).toBe(true)
    expect(getEventListeners(target, 'ping')).toEqual([listener])
    target.dispatchEvent(new Event('ping'))
    registration[Symbol.dispose]()
    registration[Symbol.dispose]()
    target.dispatchEvent(new Event('ping'))
    expect(log).toEqual(['ping'])
    expect(getEventListeners(target, 'ping')).toHaveLength(0)
  })

  it('registers nothing for a duplicate of the same type and phase, and its dispose removes nothing', () => {
    const target = new EventTarget()
    const log: string[] = []
    const listener = (): void => {
      log.push('called')
    }
    const first = eventListener(target, 'ping', listener)
    const duplicate = eventListener(target, 'ping', listener)
    expect(duplicate.active).toBe(false)
    duplicate[Symbol.dispose]()
    target.dispatchEvent(new Event('ping'))
    expect(log).toEqual(['called'])
    const capturing = eventListener(target, 'ping', listener, { capture: true })
    expect(capturing.active).toBe(true)
    capturing[Symbol.dispose]()
    first[Symbol.dispose]()
    expect(getEventListeners(target, 'ping')).toHaveLength(0)
  })

  it('disposes through a signal, on every host removing only its own registration', () => {
    const target = new EventTarget()
    const controller = new AbortController()
    const listener = (): void => undefined
    const first = eventListener(target, 'ping', listener)
    const duplicate = eventListener(target, 'ping', listener, { signal: controller.signal })
    controller.abort()
    expect(duplicate.active).toBe(false)
    expect(first.active).toBe(true)
    expect(getEventListeners(target, 'ping')).toEqual([listener])
    first[Symbol.dispose]()

    const second = new AbortController()
    const own = eventListener(target, 'ping', listener, { signal: second.signal })
    expect(getEventListeners(second.signal, 'abort')).toHaveLength(1)
    second.abort()
    expect(own.active).toBe(false)
    expect(getEventListeners(target, 'ping')).toHaveLength(0)
    own[Symbol.dispose]()
    expect(getEventListeners(second.signal, 'abort')).toHaveLength(0)
  })

  it('registers nothing under an already aborted signal', () => {
    const target = new EventTarget()
    const registration = eventListener(target, 'ping', () => undefined, { signal: AbortSignal.abort() })
    expect(registration.active).toBe(false)
    expect(getEventListeners(target, 'ping')).toHaveLength(0)
  })

  it('honours once, after which the same listener can be registered again', () => {
    const target = new EventTarget()
    const log: string[] = []
    const listener = (): void => {
      log.push('called')
    }
    const registration = eventListener(target, 'ping', listener, { once: true })
    target.dispatchEvent(new Event('ping'))
    target.dispatchEvent(new Event('ping'))
    expect(registration.active).toBe(false)
    expect(getEventListeners(target, 'ping')).toHaveLength(0)
    using _again = eventListener(target, 'ping', listener)
    target.dispatchEvent(new Event('ping'))
    expect(log).toEqual(['called', 'called'])
  })

  it('accepts an object with handleEvent, and a boolean for capture', () => {
    const target = new EventTarget()
    const log: string[] = []
    const handler = { handleEvent: (event: Event): void => void log.push(event.type) }
    withContext(eventListener(target, 'ping', handler, true), () => {
      target.dispatchEvent(new Event('ping'))
    })
    target.dispatchEvent(new Event('ping'))
    expect(log).toEqual(['ping'])
  })
})

describe('eventListener on an EventEmitter', () => {
  it("registers a wrapper whose .listener is the listener, passing arguments and `this`, removed by dispose", () => {
    const emitter = new EventEmitter()
    const log: unknown[] = []
    const listener = function (this: unknown, a: number, b: string): void {
      log.push(this === emitter, a, b)
    }
    {
      using _ = eventListener(emitter, 'data', listener)
      const [wrapper] = emitter.rawListeners('data') as { listener?: unknown }[]
      expect(wrapper?.listener).toBe(listener)
      emitter.emit('data', 1, 'x')
    }
    emitter.emit('data', 2, 'y')
    expect(log).toEqual([true, 1, 'x'])
    expect(emitter.listenerCount('data')).toBe(0)
  })

  it('removes exactly its own registration when the same listener is on the emitter twice', () => {
    const emitter = new EventEmitter()
    let calls = 0
    const listener = (): void => {
      calls++
    }
    emitter.on('data', listener)
    const registration = eventListener(emitter, 'data', listener)
    emitter.on('data', listener)
    registration[Symbol.dispose]()
    expect(emitter.rawListeners('data')).toEqual([listener, listener])
    emitter.emit('data')
    expect(calls).toBe(2)
  })

  it('lets off(type, listener) remove it, after which dispose removes nothing else', () => {
    const emitter = new EventEmitter()
    const listener = (): void => undefined
    const other = (): void => undefined
    const registration = eventListener(emitter, 'data', listener)
    emitter.on('data', other)
    emitter.off('data', listener)
    registration[Symbol.dispose]()
    expect(emitter.rawListeners('data')).toEqual([other])
  })

  it('honours once and a symbol type, and a signal', () => {
    const emitter = new EventEmitter()
    const type = Symbol('tick')
    const log: string[] = []
    const registration = eventListener(emitter, type, () => log.push('once'), { once: true })
    emitter.emit(type)
    emitter.emit(type)
    expect(registration.active).toBe(false)
    const controller = new AbortController()
    eventListener(emitter, 'data', () => log.push('until aborted'), { signal: controller.signal })
    emitter.emit('data')
    controller.abort()
    emitter.emit('data')
    expect(log).toEqual(['once', 'until aborted'])
    expect(emitter.listenerCount('data') + emitter.listenerCount(type)).toBe(0)
  })

  it("keeps nothing of a disposed registration alive, the module's first included", async () => {
    // The module keeps one idle registration and wrapper of its own, made
    // with the first registration (V8 drops their hidden classes when none is
    // alive): that pair must not be the caller's.
    vi.resetModules()
    const fresh = await import('../src/event-listener.js')
    const emitter = new EventEmitter()
    // Plain and once registrations, each with its own listener, on its own emitter and on a shared one.
    const refs = [false, true, false].flatMap((once) => {
      const listener = (): void => undefined
      const target = new EventEmitter()
      fresh.eventListener(target, 'data', listener, { once })[Symbol.dispose]()
      fresh.eventListener(emitter, 'data', listener, { once })[Symbol.dispose]()
      return [new WeakRef(listener), new WeakRef(target)]
    })
    await collectGarbage()
    expect(refs.map((ref) => ref.deref())).toEqual(refs.map(() => undefined))
    expect(emitter.listenerCount('data')).toBe(0)
  })
})

describe('eventListener on bad input', () => {
  it.each([
    ['a number target', () => eventListener(5 as unknown as EventTarget, 'x', () => undefined), 'eventListener: expected an EventTarget or an emitter with on and off, got number'],
    ['a plain object target', () => eventListener({} as EventTarget, 'x', () => undefined), 'eventListener: expected an EventTarget or an emitter with on and off, got object'],
    ['a symbol type on an EventTarget', () => eventListener(new EventTarget(), Symbol('x'), () => undefined), 'eventListener: expected a string as the event type, got symbol'],
    ['a string listener', () => eventListener(new EventEmitter(), 'x', 'f' as unknown as () => void), 'eventListener: expected a function as the listener, got string'],
    ['a handleEvent object on an emitter', () => eventListener(new EventEmitter(), 'x', { handleEvent: () => undefined }), 'eventListener: expected a function as the listener, got object'],
    ['numeric options', () => eventListener(new EventTarget(), 'x', () => undefined, 1 as unknown as boolean), 'eventListener: expected a boolean or an options object, got number'],
    ['a bad signal', () => eventListener(new EventTarget(), 'x', () => undefined, { signal: 'no' as unknown as AbortSignal }), 'eventListener: expected an AbortSignal as options.signal, got string'],
    // Dispose would have to remove its abort listener: a signal that cannot is refused before anything is registered.
    [
      'a signal without removeEventListener',
      () => eventListener(new EventEmitter(), 'x', () => undefined, { signal: { aborted: false, addEventListener: () => undefined } as unknown as AbortSignal }),
      'eventListener: expected an AbortSignal as options.signal, got object',
    ],
  ])('throws a TypeError for %s and registers nothing', (_, call, message) => {
    expect(call).toThrow(new TypeError(message))
  })
})
