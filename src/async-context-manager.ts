import { badArgument } from './internal/describe.js'
import { DRIVE, driveAsync, exitSingleAsync } from './internal/drive.js'
import { didNotStop, didNotYield, enterRefusal, notEntered } from './internal/generator-protocol.js'
import { isThenable } from './internal/guards.js'
import { type Origin, originOf } from './internal/origin.js'
import { settleThrow } from './internal/settle.js'
import { wraps } from './internal/wraps.js'
import { trackMade, trackReleased } from './internal/track.js'
import type { AsyncContextManager } from './protocols.js'
import { withAsyncContext } from './with-context.js'

type AnyAsyncGenerator<T> = AsyncGenerator<T, unknown, undefined>
type AsyncGeneratorFactory<T> = (...args: never[]) => AnyAsyncGenerator<T>

const FRESH = 0
const ENTERED = 1
const EXITED = 2

const EXIT_API = 'AsyncGeneratorContextManager.exitAsync'

async function closeAfter(generator: AnyAsyncGenerator<unknown>, error: TypeError): Promise<unknown> {
  try {
    await generator.return(undefined)
  } catch (thrown) {
    return settleThrow(0, error, thrown)
  }
  return error
}

/** The idle manager made with the first factory: see {@link asyncContextManager}. */
let keeper: AsyncGeneratorContextManager<never> | undefined
async function* idle(): AsyncGenerator<never, void, undefined> {}

/** A manager from `origin`, whose generator object is made now (as CPython does: this runs none of its body). */
function make<T>(origin: Origin<AsyncGeneratorFactory<T>>): AsyncGeneratorContextManager<T> {
  return new AsyncGeneratorContextManager(origin, Reflect.apply(origin.factory, origin.self, origin.args) as AnyAsyncGenerator<T>)
}

/**
 * The manager made by an {@link asyncContextManager} factory: single use.
 *
 * @remarks Python: `contextlib._AsyncGeneratorContextManager`.
 */
export class AsyncGeneratorContextManager<T> implements AsyncContextManager<T> {
  #origin: Origin<AsyncGeneratorFactory<T>>
  #generator: AnyAsyncGenerator<T> | undefined
  #state: number = FRESH

  /** @internal Built by the factory that {@link asyncContextManager} returns. */
  constructor(origin: Origin<AsyncGeneratorFactory<T>>, generator: AnyAsyncGenerator<T>) {
    this.#origin = origin
    this.#generator = generator
  }

  /**
   * Runs the generator to its first `yield` and resolves to the yielded value.
   * @throws (rejects) `TypeError` when entered twice, when the factory returned no async generator, or when
   * the generator finishes without yielding (`didn't yield`); whatever the generator throws before its `yield`
   */
  async enterAsync(): Promise<T> {
    const generator = this.#start()
    return this.#yielded(await generator.next())
  }

  /**
   * Resumes the generator, throwing the block's error into it when there is one.
   * @returns a promise of `true` when the generator caught the error and finished, else `false`
   * @throws (rejects) what the generator throws other than the error it was given;
   * `TypeError` (`didn't stop`, `didn't stop after throw`) when it yields again;
   * `TypeError` when called without a successful `enterAsync`, or twice
   */
  exitAsync(...thrown: [] | [error: unknown]): Promise<boolean>
  // `arguments`, not a rest parameter: no array per exit.
  async exitAsync(error?: unknown): Promise<boolean> {
    if (this.#state !== ENTERED) {
      throw notEntered(EXIT_API)
    }
    this.#state = EXITED
    trackReleased(this)
    // entered: enterAsync found a generator there
    const generator = this.#generator as AnyAsyncGenerator<T>
    if (arguments.length === 0) {
      if ((await generator.next()).done === true) return false
      throw await closeAfter(generator, didNotStop(EXIT_API))
    }
    let step: IteratorResult<T, unknown>
    try {
      step = await generator.throw(error)
    } catch (raised) {
      if (raised === error) return false
      throw raised
    }
    if (step.done === true) return true
    throw await closeAfter(generator, didNotStop(EXIT_API, error))
  }

  /** The checks of entering: returns the generator to run, or throws the refusal. */
  #start(): AnyAsyncGenerator<T> {
    const generator = this.#generator
    if (this.#state !== FRESH || typeof generator?.next !== 'function') throw enterRefusal(this.#state, generator, 'AsyncGeneratorContextManager.enterAsync', 'an async generator')
    // Exited until the generator yields: a failed enter leaves nothing to exit.
    this.#state = EXITED
    return generator
  }

  /** The first step's value, or the refusal when the generator finished without yielding. */
  #yielded(step: IteratorResult<T, unknown>): T {
    if (step.done === true) throw didNotYield('AsyncGeneratorContextManager.enterAsync')
    this.#state = ENTERED
    trackMade(this)
    return step.value
  }

  static {
    // `withAsyncContext(manager, body)` in one async function: the same steps
    // and rules as `enterAsync`, the body, then `exitAsync`, but awaiting the
    // generator's own promises, one promise and one turn fewer per step. Kept
    // off the declared type (a symbol-keyed, non-enumerable method). A
    // subclass that overrides either method is driven through them.
    Object.defineProperty(this.prototype, DRIVE, {
      value(this: AsyncGeneratorContextManager<unknown>, body: (value: unknown) => unknown): Promise<unknown> {
        if (this.enterAsync !== ENTER_ASYNC || this.exitAsync !== EXIT_ASYNC || this.#state !== FRESH) {
          return driveAsync(this, body)
        }
        return this.#drive(body)
      },
      writable: true,
      configurable: true,
    })
  }

  // Its own copy of the driver's steps, because awaiting the generator's
  // promises directly spares enterAsync's and exitAsync's own promise and
  // turn at each step; the error path is the driver's shared exitSingleAsync.
  async #drive(body: (value: unknown) => unknown): Promise<unknown> {
    const generator = this.#start()
    const value = this.#yielded(await generator.next())
    let result: unknown
    try {
      result = body(value)
      if (isThenable(result)) result = await result
    } catch (e) {
      return exitSingleAsync(this, e)
    }
    this.#state = EXITED
    if ((await generator.next()).done === true) return result
    throw await closeAfter(generator, didNotStop(EXIT_API))
  }

  /**
   * Python's `AsyncContextDecorator`: returns an async function that, on
   * every call, builds a fresh manager from the same factory, `this` and
   * arguments, and awaits `fn` inside it with the wrapper's `this` and arguments.
   * @example
   * ```ts
   * const handler = transaction(db).wrap(async (req: Request) => save(req))
   * ```
   */
  wrap<This, A extends unknown[], R>(
    fn: (this: This, ...args: A) => R | PromiseLike<R>,
  ): (this: This, ...args: A) => Promise<R | undefined> {
    if (typeof fn !== 'function') throw badArgument('AsyncGeneratorContextManager.wrap', 'a function', fn)
    const origin = this.#origin
    return function wrapped(this: This, ...callArgs: A): Promise<R | undefined> {
      return withAsyncContext(make(origin), (): unknown => Reflect.apply(fn, this, callArgs)) as Promise<R | undefined>
    }
  }
}

// The methods the driver stands in for (a subclass overriding either one is driven through them).
// eslint-disable-next-line @typescript-eslint/unbound-method -- compared, never called
const ENTER_ASYNC = AsyncGeneratorContextManager.prototype.enterAsync
// eslint-disable-next-line @typescript-eslint/unbound-method -- compared, never called
const EXIT_ASYNC = AsyncGeneratorContextManager.prototype.exitAsync

/**
 * Turns an async generator function into a factory of async context
 * managers: Python's `@asynccontextmanager`. Same rules as
 * {@link contextManager}, with every step awaited.
 *
 * @remarks Python: `contextlib.asynccontextmanager`.
 * @param generatorFunction - an async generator function that yields exactly once
 * @returns a function with the generator's parameters that returns a fresh, single-use async manager
 * (with the generator function's `name`, `length` and own enumerable properties, and the function itself as `.wrapped`, as `functools.wraps` gives)
 * @throws `TypeError` when `generatorFunction` is not a function
 * @example
 * ```ts
 * const transaction = asyncContextManager(async function* (db: Db) {
 *   const tx = await db.begin()
 *   try { yield tx; await tx.commit() } catch (e) { await tx.rollback(); throw e }
 * })
 * await withAsyncContext(transaction(db), (tx) => tx.insert(row))
 * ```
 */
export function asyncContextManager<
  This,
  A extends unknown[],
  T,
  TReturn = unknown,
  TNext = undefined,
  Context extends ClassMethodDecoratorContext<This> | undefined = undefined,
>(
  generatorFunction: (this: This, ...args: A) => AsyncGenerator<T, TReturn, TNext>,
  context?: Context,
): Context extends undefined
  ? ((this: This, ...args: A) => AsyncGeneratorContextManager<T>) & { readonly wrapped: (this: This, ...args: A) => AsyncGenerator<T, TReturn, TNext> }
  : // The decorator form: TypeScript keeps a decorated method's declared type, so the
    // replacement must also look like the generator method; withContext and the exit
    // stacks accept that type and give the block the yielded type.
    (this: This, ...args: A) => AsyncGenerator<T, TReturn, TNext> & AsyncGeneratorContextManager<T>
export function asyncContextManager(generatorFunction: unknown): unknown {
  if (typeof generatorFunction !== 'function') {
    throw badArgument('asyncContextManager', 'an async generator function', generatorFunction)
  }
  const factory = generatorFunction as AsyncGeneratorFactory<unknown>
  const plain = originOf(factory)
  // V8 keeps the managers' hidden class only while one of them is alive: when
  // a collection finds none (between two awaited scopes, say), every piece of
  // optimised code that relies on it is thrown away and rebuilt, over and
  // over (Node 24: about 500 instead of 300 ns a scope). One idle manager,
  // made here rather than on the hot path, keeps it alive; it holds an async
  // generator that never starts, and nothing of the caller's.
  keeper ??= new AsyncGeneratorContextManager(originOf(idle), idle())
  return wraps(factory, function (this: unknown): AsyncGeneratorContextManager<unknown> {
    // A plain call (no `this`, no arguments) shares one origin and calls the
    // generator function directly: nothing allocated but the manager.
    // eslint-disable-next-line prefer-rest-params
    return arguments.length === 0 && this === undefined ? new AsyncGeneratorContextManager(plain, factory()) : make(originOf(factory, this, arguments))
  })
}
