import '../dispose-globals.js'
/**
 * The library's own `AsyncDisposableStack` (ECMA-262, Explicit Resource
 * Management, "AsyncDisposableStack Objects"). Step numbers in the comments
 * are the specification's. Same representation as `DisposableStack`: one
 * private field holding `method, value` pairs while pending, `undefined` once
 * disposed. A pair with an `undefined` method records a `use(null)` /
 * `use(undefined)`, which still costs one await (DisposeResources step 4).
 */
import { asyncDisposeSymbol, disposeSymbol } from '../internal/symbols.js'
import { builtin, fixPrototype, isObject, typeError } from './shared.js'
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

type Method = (this: unknown) => unknown

const NAME = 'AsyncDisposableStack'
const api = (name: string): string => `${NAME}.prototype.${name}`

/** The resource list of a stack that must be pending; set by the class's static block. */
let pending: (stack: AsyncStack, name: string) => unknown[]

class AsyncStack {
  /** Pairs `method, value` while pending; `undefined` once disposed. */
  #resources: unknown[] | undefined = []

  // AsyncDisposableStack ( ): 1. is class semantics (TypeError without `new`); 2.–5. create
  // the object with a pending state and an empty capability.
  constructor() {
    if (new.target !== AsyncStack) fixPrototype(this, new.target, AsyncStack.prototype)
  }

  static {
    // RequireInternalSlot(this, [[AsyncDisposableState]]), then "if disposed, throw a ReferenceError".
    pending = (stack, name) => {
      let resources
      try {
        resources = stack.#resources
      } catch {
        throw typeError(api(name), `this to be an ${NAME}`, stack)
      }
      if (resources === undefined) throw new ReferenceError(`${api(name)}: the ${NAME} is already disposed`)
      return resources
    }
  }

  // AsyncDisposableStack.prototype.use ( value )
  use(value: unknown): unknown {
    // 1.–3.
    const resources = pending(this, 'use')
    // 4. AddDisposableResource(capability, value, async-dispose)
    let method: unknown
    // CreateDisposableResource 1.a.: null and undefined are recorded with an undefined method.
    if (value !== null && value !== undefined) {
      // 1.b.i. V must be an Object; 1.b.ii. GetDisposeMethod(V, async-dispose):
      if (isObject(value)) {
        // 1.a. GetMethod(V, @@asyncDispose)
        method = (value as Record<symbol, unknown>)[asyncDisposeSymbol]
        if (method === undefined || method === null) {
          // 1.b.i. GetMethod(V, @@dispose), wrapped (1.b.ii.) so that its result is
          // never awaited and its throw becomes a rejection: one await either way.
          const dispose = (value as Record<symbol, unknown>)[disposeSymbol]
          method =
            typeof dispose === 'function'
              ? // eslint-disable-next-line @typescript-eslint/require-await -- async only to turn a throw into a rejection
                async function (this: unknown) {
                  ;(dispose as Method).call(this)
                }
              : dispose
        }
      }
      // GetMethod's IsCallable check, and 1.b.iii.
      if (typeof method !== 'function') {
        throw typeError(api('use'), 'an object with a [Symbol.asyncDispose] or [Symbol.dispose] method', value)
      }
    }
    resources.push(method, value)
    // 5.
    return value
  }

  // AsyncDisposableStack.prototype.adopt ( value, onDisposeAsync )
  adopt(value: unknown, onDisposeAsync: unknown): unknown {
    // 1.–3.
    const resources = pending(this, 'adopt')
    // 4.
    if (typeof onDisposeAsync !== 'function') throw typeError(api('adopt'), 'a function', onDisposeAsync)
    // 5.–7. F returns onDisposeAsync(value), called with an undefined this.
    resources.push(() => (onDisposeAsync as (value: unknown) => unknown)(value), undefined)
    // 8.
    return value
  }

  // AsyncDisposableStack.prototype.defer ( onDisposeAsync )
  defer(onDisposeAsync: unknown): void {
    // 1.–3.
    const resources = pending(this, 'defer')
    // 4.
    if (typeof onDisposeAsync !== 'function') throw typeError(api('defer'), 'a function', onDisposeAsync)
    // 5. AddDisposableResource(capability, undefined, async-dispose, onDisposeAsync). 6.
    resources.push(onDisposeAsync, undefined)
  }

  // AsyncDisposableStack.prototype.move ( )
  move(): AsyncStack {
    // 1.–3.
    const resources = pending(this, 'move')
    // 4.–5. OrdinaryCreateFromConstructor(%AsyncDisposableStack%): never a subclass.
    const moved = new AsyncStack()
    // 6.
    moved.#resources = resources
    // 7.–8. A fresh capability and the disposed state: both are `undefined` here.
    this.#resources = undefined
    // 9.
    return moved
  }

  // AsyncDisposableStack.prototype.disposeAsync ( ): an async method, so its promise is
  // step 2's promiseCapability, and every throw below rejects it (3.a., 7.) instead of
  // escaping synchronously.
  async disposeAsync(): Promise<void> {
    // 1., 3.
    let resources
    try {
      resources = this.#resources
    } catch {
      throw typeError(api('disposeAsync'), `this to be an ${NAME}`, this)
    }
    // 4.
    if (resources === undefined) return
    // 5.
    this.#resources = undefined
    // 6. DisposeResources(capability, NormalCompletion(undefined)), async-dispose only
    //    (so step 3.d never applies).
    // 1.–2.
    let needsAwait = false
    let hasAwaited = false
    let failed = false
    let completion: unknown
    // 3. In reverse list order:
    for (let i = resources.length; i > 0; ) {
      const value = resources[--i]
      const method = resources[--i] as Method | undefined
      // 3.f. A recorded null or undefined.
      if (method === undefined) {
        needsAwait = true
        continue
      }
      try {
        // 3.e.i. Call(method, value); a synchronous throw skips the await.
        const result = method.call(value)
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
    let resources
    try {
      resources = this.#resources
    } catch {
      throw typeError(api('disposed'), `this to be an ${NAME}`, this)
    }
    // 3.–4.
    return resources === undefined
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
