import { defineMethod } from './internal/define.js'
import { badArgument } from './internal/describe.js'
import { isAbortSignalLike, isObjectLike } from './internal/guards.js'
import { disposeSymbol } from './internal/symbols.js'

/** What `addEventListener` accepts, and what an emitter honours of it (`once`, `signal`). */
export type EventListenerOptions =
  | boolean
  | {
      readonly capture?: boolean | undefined
      readonly once?: boolean | undefined
      readonly passive?: boolean | undefined
      /** Disposes the registration when it aborts (portably: the library removes it, not the host). */
      readonly signal?: AbortSignal | undefined
    }

/** A DOM-style target: `addEventListener` / `removeEventListener`. */
export interface EventTargetLike {
  /** Registers `listener` for `type` (the DOM's `addEventListener`). */
  addEventListener(type: string, listener: never, options?: never): void
  /** Removes the registration `addEventListener` made. */
  removeEventListener(type: string, listener: never, options?: never): void
}

/** A Node-style emitter: `on` / `off`. */
export interface EmitterLike {
  /** Adds `listener` for `type` (Node's `emitter.on`). */
  on(type: string | symbol, listener: never): unknown
  /** Removes one registration of `listener` for `type` (Node's `emitter.off`). */
  off(type: string | symbol, listener: never): unknown
}

type Callback = (...args: never[]) => unknown

/** What {@link eventListener} registers: a function, or (on an `EventTarget`) an object with `handleEvent`. */
export type EventListenerLike = ((...args: never[]) => unknown) | { handleEvent(event: never): unknown }
type Target = {
  addEventListener(type: string, listener: unknown, options?: unknown): void
  removeEventListener(type: string, listener: unknown, options?: unknown): void
}
type Emitter = { on(type: string | symbol, listener: unknown): unknown; off(type: string | symbol, listener: unknown): unknown }

/**
 * The live registrations this library made on each DOM target, by phase and
 * type. The DOM registers a listener at most once per type and phase; a host
 * cannot be asked whether it already holds one, so the library remembers its
 * own: a duplicate registers nothing and its dispose removes nothing.
 */
const registered = new WeakMap<object, Map<string, Set<unknown>>>()

const isFunction = (value: unknown): value is (...args: never[]) => unknown => typeof value === 'function'

/** What a DOM registration needs at dispose: its phase, its registry entry, its `once` companion. */
interface DomDetails {
  readonly capture: boolean
  readonly owned: Set<unknown>
  readonly companion: (() => void) | undefined
}

/** What a registration holds beyond target, type and function: DOM details, the signal and its hook. */
interface Extra {
  readonly dom: DomDetails | undefined
  readonly signal: AbortSignal | undefined
  readonly onAbort: () => void
}

/** One listener registration: disposing it removes exactly it. Made by {@link eventListener}. */
export class EventListenerRegistration implements Disposable {
  // Four fields, no removal closure, and no extra object for a plain emitter
  // registration: add + dispose is a hot path. `#target` is undefined once inert.
  #target: object | undefined
  #type: string | symbol
  #fn: unknown
  #extra: Extra | undefined

  /** @internal */
  constructor(target: object | undefined, type: string | symbol, fn: unknown, dom: DomDetails | undefined, signal: AbortSignal | undefined) {
    this.#target = target
    this.#type = type
    this.#fn = fn
    if (dom === undefined && signal === undefined) return
    const onAbort = (): void => {
      this.dispose()
    }
    this.#extra = { dom, signal, onAbort }
    signal?.addEventListener('abort', onAbort)
  }

  /** Whether this registration still holds a listener (false for a duplicate, after `once` fired, after dispose). */
  get active(): boolean {
    return this.#target !== undefined
  }

  /** Removes the registration; idempotent. */
  dispose(): void {
    const target = this.#target
    if (target === undefined) return
    this.#target = undefined
    const fn = this.#fn
    this.#fn = undefined
    const extra = this.#extra
    if (extra === undefined) {
      ;(target as Emitter).off(this.#type, fn)
      return
    }
    this.#extra = undefined
    if (extra.signal !== undefined) extra.signal.removeEventListener('abort', extra.onAbort)
    if (extra.dom === undefined) {
      ;(target as Emitter).off(this.#type, fn)
      return
    }
    const type = this.#type as string
    const { capture, owned, companion } = extra.dom
    owned.delete(fn)
    ;(target as Target).removeEventListener(type, fn, { capture })
    if (companion !== undefined) (target as Target).removeEventListener(type, companion, { capture })
  }

  /** Enters as itself (a sync manager, for `withContext` and exit stacks). */
  enter(): this {
    return this
  }

  /** Removes the registration; never suppresses. */
  exit(): false {
    this.dispose()
    return false
  }

  /** The same as {@link EventListenerRegistration.dispose}: `using _ = eventListener(…)`. */
  declare [Symbol.dispose]: () => void
}

defineMethod(EventListenerRegistration.prototype, disposeSymbol, function (this: EventListenerRegistration): void {
  this.dispose()
})

const inert = (): EventListenerRegistration => new EventListenerRegistration(undefined, '', undefined, undefined, undefined)

function onTarget(target: Target, type: string, listener: EventListenerLike, capture: boolean, once: boolean, passive: boolean | undefined, signal: AbortSignal | undefined): EventListenerRegistration {
  const key = `${capture ? 'c' : 'b'}${type}`
  let byType = registered.get(target)
  if (byType === undefined) registered.set(target, (byType = new Map<string, Set<unknown>>()))
  let listeners = byType.get(key)
  if (listeners === undefined) byType.set(key, (listeners = new Set<unknown>()))
  if (listeners.has(listener) || signal?.aborted === true) return inert()
  const options: { capture: boolean; once: boolean; passive?: boolean } = passive === undefined ? { capture, once } : { capture, once, passive }
  target.addEventListener(type, listener, options)
  listeners.add(listener)
  // After a `once` listener ran, the host dropped it: a companion registered
  // right after it forgets it too (same dispatch, same phase).
  const companion = once
    ? (): void => {
        registration.dispose()
      }
    : undefined
  if (companion !== undefined) target.addEventListener(type, companion, { capture, once: true })
  const registration = new EventListenerRegistration(target, type, listener, { capture, owned: listeners, companion }, signal)
  return registration
}

/** A wrapper that calls `listener`, with `.listener` set for Node's `off(type, listener)`. */
function plainWrapper(listener: Callback): Callback {
  const call = listener as (...args: unknown[]) => unknown
  const wrapper = function (this: unknown, ...args: unknown[]): unknown {
    return call.apply(this, args)
  }
  ;(wrapper as { listener?: unknown }).listener = listener
  return wrapper
}

/**
 * V8 keeps the hidden class of registrations, and of functions given a
 * `.listener`, only while one of them is alive: when a collection finds none
 * (every registration disposed, say), the optimised code that relies on them
 * is thrown away and rebuilt, over and over (Node 24: add + dispose went from
 * about 1.3x raw `on`/`off` to 2-4x). One idle pair, made with the first
 * registration, keeps both alive; it holds nothing of the caller's.
 */
let keeper: readonly unknown[] | undefined

function onEmitter(target: Emitter, type: string | symbol, listener: Callback, once: boolean, signal: AbortSignal | undefined): EventListenerRegistration {
  if (signal?.aborted === true) return inert()
  keeper ??= [inert(), plainWrapper(() => undefined)]
  // A wrapper of our own, so that dispose removes exactly this registration
  // even when the same listener is on the emitter twice; `.listener` lets
  // `off(type, listener)` find it, as Node's `once` wrappers do.
  let wrapper: Callback
  if (once) {
    const call = listener as (...args: unknown[]) => unknown
    wrapper = function (this: unknown, ...args: unknown[]): unknown {
      registration.dispose()
      return call.apply(this, args)
    }
    ;(wrapper as { listener?: unknown }).listener = listener
  } else {
    wrapper = plainWrapper(listener)
  }
  target.on(type, wrapper)
  const registration = new EventListenerRegistration(target, type, wrapper, undefined, signal)
  return registration
}

/**
 * Adds `listener` to `target` and returns a disposable that removes exactly
 * this registration: `using _ = eventListener(socket, 'data', onData)`.
 *
 * On an `EventTarget` (`addEventListener`), the listener itself is
 * registered, with `capture`, `once` and `passive`; when the same listener is
 * already registered through `eventListener` for that type and phase, the call
 * registers nothing and its dispose removes nothing, on every host (the
 * library remembers its own registrations; one added directly with
 * `addEventListener` is invisible to it). On an emitter (`on`/`off`), a
 * wrapper whose `.listener` is `listener` is registered, so that
 * `off(type, listener)` still works; `once` is honoured, `capture` and
 * `passive` ignored. On both, `signal` disposes the registration when it
 * aborts (the library removes it, so no host removes another registration),
 * and an already aborted `signal` registers nothing. Dispose is idempotent.
 *
 * @remarks No Python twin; VS Code's `addDisposableListener`, Node's
 * `events.addAbortListener`. Also a sync manager (`withContext`, exit stacks).
 * @param target - an `EventTarget`, or an emitter with `on` and `off`
 * @param type - the event type (a symbol only for emitters)
 * @param listener - a function, or (`EventTarget` only) an object with `handleEvent`
 * @param options - `capture` (or a boolean), `once`, `passive`, `signal`
 * @returns the registration, a `Disposable`
 * @throws `TypeError` when `target` is neither, `type` not a string (or symbol),
 * `listener` not a listener, or `options` malformed; nothing is registered then
 * @example
 * ```ts
 * using _ = eventListener(process, 'warning', (w) => log.warn(w))
 * await work()
 * ```
 */
export function eventListener(target: EventTargetLike | EmitterLike, type: string | symbol, listener: EventListenerLike, options?: EventListenerOptions): EventListenerRegistration {
  const isTarget = isObjectLike(target) && isFunction((target as Partial<Target>).addEventListener) && isFunction((target as Partial<Target>).removeEventListener)
  if (!isTarget && !(isObjectLike(target) && isFunction((target as Partial<Emitter>).on) && isFunction((target as Partial<Emitter>).off))) {
    throw badArgument('eventListener', 'an EventTarget or an emitter with on and off', target)
  }
  if (typeof type !== 'string' && (isTarget || typeof type !== 'symbol')) {
    throw badArgument('eventListener', isTarget ? 'a string as the event type' : 'a string or symbol as the event type', type)
  }
  const isHandler = isTarget && isObjectLike(listener) && isFunction((listener as { handleEvent?: unknown }).handleEvent)
  if (!isFunction(listener) && !isHandler) {
    throw badArgument('eventListener', isTarget ? 'a function or an object with handleEvent as the listener' : 'a function as the listener', listener)
  }
  if (options !== undefined && typeof options !== 'boolean' && !isObjectLike(options)) {
    throw badArgument('eventListener', 'a boolean or an options object', options)
  }
  const bag = typeof options === 'object' ? options : undefined
  const signal = bag?.signal
  if (signal !== undefined && !isAbortSignalLike(signal)) throw badArgument('eventListener', 'an AbortSignal as options.signal', signal)
  const once = bag?.once === true
  if (isTarget) {
    const capture = options === true || bag?.capture === true
    return onTarget(target as unknown as Target, type as string, listener, capture, once, bag?.passive, signal)
  }
  return onEmitter(target as unknown as Emitter, type, listener as Callback, once, signal)
}
