import '../dispose-globals.js'
import { trackMade, trackReleased } from '../internal/track.js'
/**
 * The library's own `DisposableStack` (ECMA-262, Explicit Resource
 * Management, "DisposableStack Objects"). Step numbers in the comments are
 * the specification's.
 *
 * Representation, chosen for speed: [[DisposableState]] and
 * [[DisposeCapability]] share three private fields, with no record object and
 * no closure per `use`. The first DisposableResource record is kept in
 * `#method` and `#value`; later ones go to `#rest` as a flat array of
 * `method, value` pairs, made only at the second. `#method` is `null` while
 * the stack is pending and empty, and `undefined` once it is disposed (a
 * disposed stack's capability is never used again).
 */
import { builtin, fixPrototype } from '../internal/built-in.js'
import { disposeSymbol } from '../internal/symbols.js'
import { type Method, adoptMethod, alreadyDisposed, disposeMethod, notAStack, requireCallable } from './operations.js'
import { SuppressedError } from './suppressed-error.js'

/**
 * A stack of resources disposed together, last in first out, when the stack
 * itself is disposed: the `using` declaration's bookkeeping, as an object.
 *
 * @remarks Python: `contextlib.ExitStack` restricted to disposables and
 * callbacks: no exit function sees the pending error or can suppress it.
 * Errors from several disposers are chained into nested `SuppressedError`s.
 * @example
 * ```ts
 * using stack = new DisposableStack()
 * const file = stack.use(openFile('log.txt'))
 * stack.defer(() => console.log('closed'))
 * ```
 */
export interface DisposableStack {
  /** `true` once the stack was disposed or its resources were moved out. */
  readonly disposed: boolean
  /**
   * Disposes every resource, last added first; does nothing when already
   * disposed.
   *
   * @throws the error of the only disposer that failed, or a
   * `SuppressedError` chain when several did (the last failure outermost).
   */
  dispose(): void
  /**
   * Adds a disposable resource (its `[Symbol.dispose]` is read now and called
   * at disposal) and returns it. `null` and `undefined` are accepted and ignored.
   *
   * @throws TypeError when `value` is not an object with a `[Symbol.dispose]`
   * method; ReferenceError when the stack is disposed.
   */
  use<T extends { [Symbol.dispose](): void } | null | undefined>(value: T): T
  /**
   * Adds `onDispose(value)` as a disposer for a value that is not disposable
   * itself, and returns `value`.
   *
   * @throws TypeError when `onDispose` is not a function; ReferenceError when
   * the stack is disposed.
   */
  adopt<T>(value: T, onDispose: (value: T) => void): T
  /**
   * Adds a callback, called without arguments at disposal.
   *
   * @throws TypeError when `onDispose` is not a function; ReferenceError when
   * the stack is disposed.
   */
  defer(onDispose: () => void): void
  /**
   * Moves every resource to a new `DisposableStack` (never a subclass) and
   * marks this one disposed, without disposing anything.
   *
   * @throws ReferenceError when the stack is disposed.
   */
  move(): DisposableStack
  /** The same function as {@link DisposableStack.dispose}. */
  [Symbol.dispose](): void
  /** `'DisposableStack'`. */
  readonly [Symbol.toStringTag]: string
}

/**
 * The constructor of {@link DisposableStack}.
 *
 * @example
 * ```ts
 * class Connection extends DisposableStack {}
 * ```
 */
export interface DisposableStackConstructor {
  new (): DisposableStack
  /** The prototype of every `DisposableStack`. */
  readonly prototype: DisposableStack
}

const NAME = 'DisposableStack'

/** Throws unless `stack` is a pending stack; set by the class's static block. */
let pending: (stack: Stack, name: string) => void
/** Appends a record to the capability that `stack` held when the calling method began. */
let add: (stack: Stack, method: Method, value: unknown) => void

class Stack {
  /** The first resource's method; `null` while there is none, `undefined` once disposed. */
  #method: Method | null | undefined = null
  /** The first resource's value; once moved, the stack the resources went to. */
  #value: unknown
  /** Pairs `method, value` of the later resources, from the second one on. */
  #rest: unknown[] | undefined

  // DisposableStack ( ): 1. is class semantics (TypeError without `new`); 2.–5. create
  // the object with a pending state and an empty capability.
  constructor() {
    if (new.target !== Stack) fixPrototype(this, new.target, Stack.prototype)
  }

  static {
    // RequireInternalSlot(this, [[DisposableState]]), then "if disposed, throw a ReferenceError".
    pending = (stack, name) => {
      let method
      try {
        method = stack.#method
      } catch {
        throw notAStack(NAME, name, stack)
      }
      if (method === undefined) throw alreadyDisposed(NAME, name)
    }
    // The steps read [[DisposeCapability]] before GetMethod, whose getter may dispose the
    // stack (the record is then never disposed: dropped) or move it (the record follows the
    // capability to the new stack, which `move` leaves in `#value`).
    add = (stack, method, value) => {
      let target: Stack | undefined = stack
      while (target.#method === undefined) if ((target = target.#value as Stack | undefined) === undefined) return
      trackMade(target, NAME)
      if (target.#method === null) {
        target.#method = method
        target.#value = value
      } else if (target.#rest === undefined) target.#rest = [method, value]
      else target.#rest.push(method, value)
    }
  }

  // DisposableStack.prototype.use ( value )
  use(value: unknown): unknown {
    // 1.–3.
    pending(this, 'use')
    // 4. AddDisposableResource(capability, value, sync-dispose):
    //    1.a. null and undefined are not recorded.
    //    CreateDisposableResource 1.b.i.–iii.: an Object whose GetMethod(V, @@dispose) is callable.
    if (value !== null && value !== undefined) add(this, disposeMethod(value), value)
    // 5.
    return value
  }

  // DisposableStack.prototype.adopt ( value, onDispose )
  adopt(value: unknown, onDispose: unknown): unknown {
    // 1.–3.
    pending(this, 'adopt')
    // 4., then 5.–7. F calls onDispose(value) with an undefined this.
    add(this, adoptMethod(requireCallable(NAME, 'adopt', onDispose), value), undefined)
    // 8.
    return value
  }

  // DisposableStack.prototype.defer ( onDispose )
  defer(onDispose: unknown): void {
    // 1.–3.
    pending(this, 'defer')
    // 4., then 5. AddDisposableResource(capability, undefined, sync-dispose, onDispose). 6. Return undefined.
    add(this, requireCallable(NAME, 'defer', onDispose), undefined)
  }

  // DisposableStack.prototype.move ( )
  move(): Stack {
    // 1.–3.
    pending(this, 'move')
    // 4.–5. OrdinaryCreateFromConstructor(%DisposableStack%): never a subclass.
    const moved = new Stack()
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

  // DisposableStack.prototype.dispose ( )
  dispose(): void {
    // 1.–2.
    let method
    try {
      method = this.#method
    } catch {
      throw notAStack(NAME, 'dispose', this)
    }
    // 3.
    if (method === undefined) return
    trackReleased(this)
    const first = this.#value
    const rest = this.#rest
    // 4.
    this.#method = undefined
    this.#value = undefined
    this.#rest = undefined
    // 5. DisposeResources(capability, NormalCompletion(undefined)), sync-dispose only
    //    (so steps 3.d, 3.e.ii, 3.f and 4 never apply).
    let failed = false
    let completion: unknown
    // 3. In reverse list order: `rest` from its end (it exists only after a first
    //    resource), then the first resource.
    for (let i = rest === undefined ? 0 : rest.length; method !== null; ) {
      let call: Method = method
      let value = first
      if (i > 0) {
        value = (rest as unknown[])[--i]
        call = (rest as unknown[])[--i] as Method
      } else method = null
      try {
        // 3.e.i. Call(method, value)
        call.call(value)
      } catch (error) {
        // 3.e.iii. A throw while a throw completion is pending becomes a new SuppressedError
        // whose "error" is the new one and "suppressed" the pending one.
        completion = failed ? new SuppressedError(error, completion) : error
        failed = true
      }
    }
    // 6.–7.
    if (failed) throw completion
  }

  // get DisposableStack.prototype.disposed
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

// DisposableStack.prototype [ @@dispose ] is %DisposableStack.prototype.dispose%;
// [ @@toStringTag ] is "DisposableStack".
builtin(Stack, NAME, disposeSymbol, 'dispose')

/**
 * The library's own `DisposableStack`, exact to ECMA-262 (never the
 * runtime's): a stack of resources disposed together, last in first out.
 *
 * @remarks Python: `contextlib.ExitStack` without error visibility or
 * suppression (`using` never tells a disposer whether the block threw).
 * `ctxlib` exports the runtime's own class where it has one.
 * @example
 * ```ts
 * import { DisposableStack } from 'ctxlib/ponyfill'
 * const stack = new DisposableStack()
 * stack.defer(() => console.log('second'))
 * stack.defer(() => console.log('first'))
 * stack.dispose() // logs 'first', then 'second'
 * ```
 */
export const DisposableStack: DisposableStackConstructor = Stack as unknown as DisposableStackConstructor
