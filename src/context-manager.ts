import { badArgument } from './internal/describe.js'
import { didNotStop, didNotYield, enterRefusal, notEntered } from './internal/generator-protocol.js'
import { type Origin, originOf } from './internal/origin.js'
import { settleThrow } from './internal/settle.js'
import { wraps } from './internal/wraps.js'
import { trackMade, trackReleased } from './internal/track.js'
import type { ContextManager } from './protocols.js'
import { withContext } from './with-context.js'

// `wrap` runs any function, async-looking or not, so it calls the untyped form.
const runWith = withContext as (cm: unknown, body: () => unknown) => unknown

const enum State {
  Fresh,
  Entered,
  Exited,
}

const EXIT_API = 'GeneratorContextManager.exit'

/** Closes a generator after a protocol violation so its `finally` blocks run; what close throws is not lost. */
function closeAfter(generator: Generator<unknown, unknown, unknown>, error: TypeError): unknown {
  try {
    generator.return(undefined)
  } catch (thrown) {
    return settleThrow(0, error, thrown)
  }
  return error
}

/** Throws the error into the generator at its `yield`: the exit of a block that threw. */
function throwInto(generator: Generator<unknown, unknown, undefined>, error: unknown): boolean {
  let step: IteratorResult<unknown, unknown>
  try {
    step = generator.throw(error)
  } catch (raised) {
    if (raised === error) return false
    throw raised
  }
  if (step.done === true) return true
  throw closeAfter(generator, didNotStop(EXIT_API, error))
}

type GeneratorFactory<T> = (...args: never[]) => Generator<T, unknown, undefined>

/** A manager from `origin`, whose generator object is made now (as CPython does: this runs none of its body). */
function make<T>(origin: Origin<GeneratorFactory<T>>): GeneratorContextManager<T> {
  return new GeneratorContextManager(origin, Reflect.apply(origin.factory, origin.self, origin.args) as Generator<T, unknown, undefined>)
}

/** The idle manager made with the first factory: see {@link contextManager}. */
let keeper: GeneratorContextManager<never> | undefined
function* idle(): Generator<never, void, undefined> {}

/**
 * The manager made by a {@link contextManager} factory: single use.
 *
 * @remarks Python: `contextlib._GeneratorContextManager`.
 */
export class GeneratorContextManager<T> implements ContextManager<T> {
  // Few fields and short methods, rare paths out of line: V8 inlines calls
  // only while the caller's budget of inlined bytecode lasts, and a scope
  // costs about a fifth more when `withContext` no longer fits in it.
  #origin: Origin<GeneratorFactory<T>>
  #generator: Generator<T, unknown, undefined> | undefined
  #state = State.Fresh

  /** @internal Built by the factory that {@link contextManager} returns. */
  constructor(origin: Origin<GeneratorFactory<T>>, generator: Generator<T, unknown, undefined>) {
    this.#origin = origin
    this.#generator = generator
  }

  /**
   * Runs the generator to its first `yield` and returns the yielded value.
   * @throws `TypeError` when entered twice, when the factory returned no generator, or when the generator
   * finishes without yielding (`didn't yield`); whatever the generator throws before its `yield`
   */
  enter(): T {
    const generator = this.#generator
    if (this.#state !== State.Fresh || typeof generator?.next !== 'function') throw enterRefusal(this.#state, generator, 'GeneratorContextManager.enter', 'a generator')
    // Exited until the generator yields: a failed enter leaves nothing to exit.
    this.#state = State.Exited
    const step = generator.next()
    if (step.done === true) throw didNotYield('GeneratorContextManager.enter')
    this.#state = State.Entered
    trackMade(this)
    return step.value
  }

  /**
   * Resumes the generator: normally when the block completed, by throwing the
   * error into it at its `yield` when the block threw.
   * @returns `true` when the generator caught the error and finished (suppressed), else `false`
   * @throws whatever the generator throws other than the error it was given;
   * `TypeError` (`didn't stop`, `didn't stop after throw`) when it yields again;
   * `TypeError` when called without a successful `enter`, or twice
   */
  exit(...thrown: [] | [error: unknown]): boolean
  // `arguments`, not a rest parameter: no array per exit on the hot path.
  exit(error?: unknown): boolean {
    if (this.#state !== State.Entered) {
      throw notEntered(EXIT_API)
    }
    this.#state = State.Exited
    trackReleased(this)
    // entered: enter found a generator there
    const generator = this.#generator as Generator<T, unknown, undefined>
    if (arguments.length !== 0) return throwInto(generator, error)
    if (generator.next().done === true) return false
    throw closeAfter(generator, didNotStop(EXIT_API))
  }

  /**
   * Python's `ContextDecorator`: returns a function that, on every call,
   * builds a fresh manager from the same factory, `this` and arguments, and
   * runs `fn` inside it with the wrapper's `this` and arguments.
   * @example
   * ```ts
   * const logged = contextManager(function* (name: string) { console.log('>', name); yield; console.log('<', name) })
   * const work = logged('work').wrap((n: number) => n * 2)
   * work(21) // prints "> work", "< work"; returns 42
   * ```
   */
  wrap<This, A extends unknown[], R>(fn: (this: This, ...args: A) => R): (this: This, ...args: A) => R | undefined {
    if (typeof fn !== 'function') throw badArgument('GeneratorContextManager.wrap', 'a function', fn)
    const origin = this.#origin
    return function wrapped(this: This, ...callArgs: A): R | undefined {
      return runWith(make(origin), () => Reflect.apply(fn, this, callArgs)) as R | undefined
    }
  }
}

/**
 * Turns a generator function into a factory of context managers: Python's
 * `@contextmanager`.
 *
 * The code before `yield` is the enter, the yielded value is what the block
 * receives, and the code after it is the exit. An error thrown by the block
 * is thrown into the generator at the `yield`: catching it and finishing
 * suppresses it; re-throwing it (or not catching it) lets it propagate.
 * `this` and arguments are forwarded, so it also works as a TC39 method
 * decorator on generator methods.
 *
 * @remarks Python: `contextlib.contextmanager`. The errors Python raises as
 * `RuntimeError` are `TypeError`s here (`didn't yield`, `didn't stop`,
 * `didn't stop after throw`), carrying the pending error as `cause`.
 * @param generatorFunction - a generator function that yields exactly once
 * @returns a function with the generator's parameters that returns a fresh, single-use manager
 * (with the generator function's `name`, `length` and own enumerable properties, and the function itself as `.wrapped`, as `functools.wraps` gives)
 * @throws `TypeError` when `generatorFunction` is not a function
 * @example
 * ```ts
 * const openFile = contextManager(function* (path: string) {
 *   const fd = fs.openSync(path, 'w')
 *   try { yield fd } finally { fs.closeSync(fd) }
 * })
 * withContext(openFile('notes.txt'), (fd) => fs.writeSync(fd, 'Hello'))
 * ```
 */
export function contextManager<
  This,
  A extends unknown[],
  T,
  TReturn = unknown,
  TNext = undefined,
  Context extends ClassMethodDecoratorContext<This> | undefined = undefined,
>(
  generatorFunction: (this: This, ...args: A) => Generator<T, TReturn, TNext>,
  context?: Context,
): Context extends undefined
  ? ((this: This, ...args: A) => GeneratorContextManager<T>) & { readonly wrapped: (this: This, ...args: A) => Generator<T, TReturn, TNext> }
  : // The decorator form: TypeScript keeps a decorated method's declared type, so the
    // replacement must also look like the generator method; withContext and the exit
    // stacks accept that type and give the block the yielded type.
    (this: This, ...args: A) => Generator<T, TReturn, TNext> & GeneratorContextManager<T>
export function contextManager(generatorFunction: unknown): unknown {
  if (typeof generatorFunction !== 'function') throw badArgument('contextManager', 'a generator function', generatorFunction)
  const factory = generatorFunction as GeneratorFactory<unknown>
  const plain = originOf(factory)
  // V8 keeps the managers' hidden class only while one of them is alive: when
  // a collection finds none (between two scopes, say), every piece of
  // optimised code that relies on it is thrown away and rebuilt, over and
  // over (Node 24: 4-7x instead of 1.1x bare generator driving). One idle
  // manager, made here rather than on the hot path, keeps it alive; it holds
  // a generator that never starts, and nothing of the caller's.
  keeper ??= new GeneratorContextManager(originOf(idle), idle())
  return wraps(factory, function (this: unknown): GeneratorContextManager<unknown> {
    // A plain call (no `this`, no arguments) shares one origin and calls the
    // generator function directly: nothing allocated but the manager.
    // eslint-disable-next-line prefer-rest-params
    return arguments.length === 0 && this === undefined ? new GeneratorContextManager(plain, factory()) : make(originOf(factory, this, arguments))
  })
}
