import '../dispose-globals.js'
import { trackMade, trackReleased } from '../internal/track.js'
/**
 * The library's own `AsyncDisposableStack` (ECMA-262, Explicit Resource
 * Management, "AsyncDisposableStack Objects"). Step numbers in the comments
 * are the specification's. Same representation as `DisposableStack`: the
 * first record in `#method` and `#value`, later ones as `method, value` pairs
 * in `#rest` (made at the second); `#method` is `null` while pending and empty,
 * `undefined` once disposed. A record whose method is `false` is a
 * `use(null)` / `use(undefined)`, which still costs one await
 * (DisposeResources step 4).
 */
import { builtin, fixPrototype } from '../internal/built-in.js'
import { asyncDisposeSymbol } from '../internal/symbols.js'
import { type Method, adoptMethod, alreadyDisposed, asyncDisposeMethod, notAStack, requireCallable } from './operations.js'
import { SuppressedError } from './suppressed-error.js'

/**
 * A stack of resources disposed together, asynchronously and one at a time,
 * last in first out: the `await using` declaration's bookkeeping, as an object.
 *
 * @remarks Python: `contextlib.AsyncExitStack` restricted to disposables and
 * callbacks: no exit function sees the pending error or can suppress it.
 * Errors from several disposers are chained into nested `SuppressedError`s.
 * @example
 * ```ts
 * await using stack = new AsyncDisposableStack()
 * const db = stack.use(await connect())
 * stack.defer(async () => flushLogs())
 * ```
 */
export interface AsyncDisposableStack {
  /** `true` once the stack was disposed or its resources were moved out. */
  readonly disposed: boolean
  /**
   * Disposes every resource, last added first, awaiting each; resolves at
   * once when already disposed. Never throws synchronously.
   *
   * @returns a promise rejected with the error of the only disposer that
   * failed, or with a `SuppressedError` chain when several did (the last
   * failure outermost); a `TypeError` when `this` is not an
   * `AsyncDisposableStack`.
   */
  disposeAsync(): Promise<void>
  /**
   * Adds a resource (its `[Symbol.asyncDispose]`, else its
   * `[Symbol.dispose]`, is read now and called at disposal) and returns it.
   * `null` and `undefined` are accepted: nothing is called for them, but
   * disposal still awaits once, as `await using x = null` does.
   *
   * @throws TypeError when `value` is not an object with one of those
   * methods; ReferenceError when the stack is disposed.
   */
  use<T extends { [Symbol.asyncDispose](): PromiseLike<void> } | { [Symbol.dispose](): void } | null | undefined>(
    value: T,
  ): T
  /**
   * Adds `onDisposeAsync(value)` (awaited at disposal) as a disposer for a
   * value that is not disposable itself, and returns `value`.
   *
   * @throws TypeError when `onDisposeAsync` is not a function; ReferenceError
   * when the stack is disposed.
   */
  adopt<T>(value: T, onDisposeAsync: (value: T) => PromiseLike<void> | void): T
  /**
   * Adds a callback, called without arguments and awaited at disposal.
   *
   * @throws TypeError when `onDisposeAsync` is not a function; ReferenceError
   * when the stack is disposed.
   */
  defer(onDisposeAsync: () => PromiseLike<void> | void): void
  /**
   * Moves every resource to a new `AsyncDisposableStack` (never a subclass)
   * and marks this one disposed, without disposing anything.
   *
   * @throws ReferenceError when the stack is disposed.
   */
  move(): AsyncDisposableStack
  /** The same function as {@link AsyncDisposableStack.disposeAsync}. */
  [Symbol.asyncDispose](): Promise<void>
  /** `'AsyncDisposableStack'`. */
  readonly [Symbol.toStringTag]: string
}

/**
 * The constructor of {@link AsyncDisposableStack}.
 *
 * @example
 * ```ts
 * class Session extends AsyncDisposableStack {}
 * ```
 */
export interface AsyncDisposableStackConstructor {
  new (): AsyncDisposableStack
  /** The prototype of every `AsyncDisposableStack`. */
  readonly prototype: AsyncDisposableStack
}

/** A record's method: `false` for a recorded `null` or `undefined`. */
type Entry = Method | false

const NAME = 'AsyncDisposableStack'

/** Throws unless `stack` is a pending stack; set by the class's static block. */
let pending: (stack: AsyncStack, name: string) => void
/** Appends a record to the capability that `stack` held when the calling method began. */
let add: (stack: AsyncStack, method: Entry, value: unknown) => void

class AsyncStack {
  /** The first resource's method; `null` while there is none, `undefined` once disposed. */
  #method: Entry | null | undefined = null
  /** The first resource's value; once moved, the stack the resources went to. */
  #value: unknown
  /** Pairs `method, value` of the later resources, from the second one on. */
  #rest: unknown[] | undefined

  // AsyncDisposableStack ( ): 1. is class semantics (TypeError without `new`); 2.–5. create
  // the object with a pending state and an empty capability.
  constructor() {
    if (new.target !== AsyncStack) fixPrototype(this, new.target, AsyncStack.prototype)
  }

  static {
    // RequireInternalSlot(this, [[AsyncDisposableState]]), then "if disposed, throw a ReferenceError".
    pending = (stack, name) => {
      let method
      try {
        method = stack.#method
      } catch {
        throw notAStack(NAME, name, stack)
      }
      if (method === undefined) throw alreadyDisposed(NAME, name)
    }
    // The steps read [[DisposeCapability]] before GetMethod, whose getters may dispose the
    // stack (the record is then never disposed: dropped) or move it (the record follows the
    // capability to the new stack, which `move` leaves in `#value`).
    add = (stack, method, value) => {
      let target: AsyncStack | undefined = stack
      while (target.#method === undefined) if ((target = target.#value as AsyncStack | undefined) === undefined) return
      trackMade(target, NAME)
      if (target.#method === null) {
        target.#method = method
        target.#value = value
      } else if (target.#rest === undefined) target.#rest = [method, value]
      else target.#rest.push(method, value)
    }
  }

  // AsyncDisposableStack.prototype.use ( value )
  use(value: unknown): unknown {
    // 1.–3.
    pending(this, 'use')
    // 4. AddDisposableResource(capability, value, async-dispose). CreateDisposableResource
    //    1.a.: null and undefined are recorded with an undefined method (`false` here); 1.b.:
    //    an Object's GetDisposeMethod(V, async-dispose).
    add(this, value === null || value === undefined ? false : asyncDisposeMethod(value), value)
    // 5.
    return value
  }

  // AsyncDisposableStack.prototype.adopt ( value, onDisposeAsync )
  adopt(value: unknown, onDisposeAsync: unknown): unknown {
    // 1.–3.
    pending(this, 'adopt')
    // 4., then 5.–7. F returns onDisposeAsync(value), called with an undefined this.
    add(this, adoptMethod(requireCallable(NAME, 'adopt', onDisposeAsync), value), undefined)
    // 8.
    return value
  }

  // AsyncDisposableStack.prototype.defer ( onDisposeAsync )
  defer(onDisposeAsync: unknown): void {
    // 1.–3.
    pending(this, 'defer')
    // 4., then 5. AddDisposableResource(capability, undefined, async-dispose, onDisposeAsync). 6.
    add(this, requireCallable(NAME, 'defer', onDisposeAsync), undefined)
  }

  // AsyncDisposableStack.prototype.move ( )
  move(): AsyncStack {
    // 1.–3.
    pending(this, 'move')
    // 4.–5. OrdinaryCreateFromConstructor(%AsyncDisposableStack%): never a subclass.
    const moved = new AsyncStack()
    // 6.
    moved.#method = this.#method
    moved.#value = this.#value
    moved.#rest = this.#rest
    // 7.–8. A fresh capability and the disposed state: `#method` is `undefined`; `#value`
    // tells a `use` whose getter called this `move` where the capability went.
    this.#method = undefined
    this.#value = moved
    this.#rest = undefined
    trackReleased(this)
    if (moved.#method !== null) trackMade(moved, NAME)
    // 9.
    return moved
  }

  // AsyncDisposableStack.prototype.disposeAsync ( ): an async method, so its promise is
  // step 2's promiseCapability, and every throw below rejects it (3.a., 7.) instead of
  // escaping synchronously.
  async disposeAsync(): Promise<void> {
    // 1., 3.
    let method
    try {
      method = this.#method
    } catch {
      throw notAStack(NAME, 'disposeAsync', this)
    }
    // 4.
    if (method === undefined) return
    trackReleased(this)
    const first = this.#value
    const rest = this.#rest
    // 5.
    this.#method = undefined
    this.#value = undefined
    this.#rest = undefined
    // 6. DisposeResources(capability, NormalCompletion(undefined)), async-dispose only
    //    (so step 3.d never applies).
    // 1.–2.
    let needsAwait = false
    let hasAwaited = false
    let failed = false
    let completion: unknown
    // 3. In reverse list order: `rest` from its end (it exists only after a first
    //    resource), then the first resource.
    for (let i = rest === undefined ? 0 : rest.length; method !== null; ) {
      let call: Entry = method
      let value = first
      if (i > 0) {
        value = (rest as unknown[])[--i]
        call = (rest as unknown[])[--i] as Entry
      } else method = null
      // 3.f. A recorded null or undefined.
      if (call === false) {
        needsAwait = true
        continue
      }
      try {
        // 3.e.i. Call(method, value); a synchronous throw skips the await.
        const result = call.call(value)
        // 3.e.ii. Await(result); hasAwaited whatever the outcome.
        hasAwaited = true
        await result
      } catch (error) {
        // 3.e.iii.
        completion = failed ? new SuppressedError(error, completion) : error
        failed = true
      }
    }
    // 4.
    // eslint-disable-next-line @typescript-eslint/await-thenable -- Await(undefined): one turn, as specified
    if (needsAwait && !hasAwaited) await undefined
    // 6.–7. of DisposeResources, then disposeAsync 7.–8.
    if (failed) throw completion
  }

  // get AsyncDisposableStack.prototype.disposed
  get disposed(): boolean {
    // 1.–2.
    let method
    try {
      method = this.#method
    } catch {
      throw notAStack(NAME, 'disposed', this)
    }
    // 3.–4.
    return method === undefined
  }
}

// AsyncDisposableStack.prototype [ @@asyncDispose ] is
// %AsyncDisposableStack.prototype.disposeAsync%; [ @@toStringTag ] is "AsyncDisposableStack".
builtin(AsyncStack, NAME, asyncDisposeSymbol, 'disposeAsync')

/**
 * The library's own `AsyncDisposableStack`, exact to ECMA-262 (never the
 * runtime's): resources disposed together, last in first out, each awaited.
 *
 * @remarks Python: `contextlib.AsyncExitStack` without error visibility or
 * suppression. Sync disposables are accepted, as `await using` accepts them.
 * `ctxlib` exports the runtime's own class where it has one.
 * @example
 * ```ts
 * import { AsyncDisposableStack } from 'ctxlib/ponyfill'
 * const stack = new AsyncDisposableStack()
 * stack.defer(async () => console.log('second'))
 * stack.defer(() => console.log('first'))
 * await stack.disposeAsync() // logs 'first', then 'second'
 * ```
 */
export const AsyncDisposableStack: AsyncDisposableStackConstructor =
  AsyncStack as unknown as AsyncDisposableStackConstructor
