import { NO_ARGS, badArgument, nameAfter, protocolError, typeName } from './internal/describe.js'
import { settleThrow } from './internal/unwind.js'
import type { ContextManager } from './protocols.js'
import { withContext } from './with-context.js'

// `wrap` runs any function, async-looking or not, so it calls the untyped form.
const runWith = withContext as (cm: unknown, body: () => unknown) => unknown

const enum State {
  Fresh,
  Entered,
  Exited,
}

/** Closes a generator after a protocol violation so its `finally` blocks run; what close throws is not lost. */
function closeAfter(generator: Generator<unknown, unknown, unknown>, error: TypeError): unknown {
  try {
    generator.return(undefined)
  } catch (thrown) {
    return settleThrow(0, error, thrown)
  }
  return error
}

/**
 * The manager made by a {@link contextManager} factory: single use.
 *
 * @remarks Python: `contextlib._GeneratorContextManager`.
 */
export class GeneratorContextManager<T> implements ContextManager<T> {
  #factory: (...args: never[]) => Generator<T, unknown, undefined>
  #self: unknown
  #args: readonly unknown[]
  #generator: Generator<T, unknown, undefined> | undefined
  #state: State = State.Fresh

  /** @internal Built by the factory that {@link contextManager} returns. */
  constructor(factory: (...args: never[]) => Generator<T, unknown, undefined>, self: unknown, args: readonly unknown[]) {
    this.#factory = factory
    this.#self = self
    this.#args = args
    // As CPython does: the generator object is made with the manager (this runs none of its body).
    this.#generator = (args.length === 0 ? factory.call(self) : Reflect.apply(factory, self, args)) as Generator<T, unknown, undefined>
  }

  /**
   * Runs the generator to its first `yield` and returns the yielded value.
   * @throws `TypeError` when entered twice, or when the generator finishes without yielding (`didn't yield`)
   */
  enter(): T {
    if (this.#state !== State.Fresh) throw new TypeError('GeneratorContextManager.enter: a generator manager can only be entered once')
    this.#state = State.Entered
    const generator = this.#generator
    if (typeof generator?.next !== 'function') {
      this.#state = State.Exited
      throw new TypeError(`GeneratorContextManager.enter: the factory did not return a generator, got ${typeName(generator)}`)
    }
    const step = generator.next()
    if (step.done === true) {
      this.#state = State.Exited
      throw new TypeError("GeneratorContextManager.enter: generator didn't yield")
    }
    return step.value
  }

  /**
   * Resumes the generator: normally when the block completed, by throwing the
   * error into it at its `yield` when the block threw.
   * @returns `true` when the generator caught the error and finished (suppressed), else `false`
   * @throws whatever the generator throws other than the error it was given;
   * `TypeError` (`didn't stop`, `didn't stop after throw`) when it yields again;
   * `TypeError` when called without `enter`, or twice
   */
  exit(...thrown: [] | [error: unknown]): boolean
  // `arguments`, not a rest parameter: no array per exit on the hot path.
  exit(error?: unknown): boolean {
    const generator = this.#generator
    if (this.#state !== State.Entered || generator === undefined) {
      throw new TypeError('GeneratorContextManager.exit: the manager is not entered (exit without enter, or twice)')
    }
    this.#state = State.Exited
    if (arguments.length === 0) {
      if (generator.next().done === true) return false
      throw closeAfter(generator, protocolError("GeneratorContextManager.exit: generator didn't stop"))
    }
    let step: IteratorResult<T, unknown>
    try {
      step = generator.throw(error)
    } catch (raised) {
      if (raised === error) return false
      throw raised
    }
    if (step.done === true) return true
    throw closeAfter(generator, protocolError("GeneratorContextManager.exit: generator didn't stop after throw", error))
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
    const factory = this.#factory
    const self = this.#self
    const args = this.#args
    return function wrapped(this: This, ...callArgs: A): R | undefined {
      const manager = new GeneratorContextManager(factory, self, args)
      return runWith(manager, () => Reflect.apply(fn, this, callArgs)) as R | undefined
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
  ? (this: This, ...args: A) => GeneratorContextManager<T>
  : // The decorator form: TypeScript keeps a decorated method's declared type, so the
    // replacement must also look like the generator method; withContext and the exit
    // stacks accept that type and give the block the yielded type.
    (this: This, ...args: A) => Generator<T, TReturn, TNext> & GeneratorContextManager<T>
export function contextManager(generatorFunction: unknown): unknown {
  if (typeof generatorFunction !== 'function') throw badArgument('contextManager', 'a generator function', generatorFunction)
  const factory = generatorFunction as (...args: never[]) => Generator<unknown, unknown, undefined>
  // `arguments`, not a rest parameter: no array per manager when there are no arguments.
  return nameAfter(factory, function (this: unknown): GeneratorContextManager<unknown> {
    // eslint-disable-next-line prefer-rest-params
    return new GeneratorContextManager(factory, this, arguments.length === 0 ? NO_ARGS : Array.prototype.slice.call(arguments))
  })
}
