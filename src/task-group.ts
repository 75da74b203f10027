import { define, defineMethod } from './internal/define.js'
import { badArgument } from './internal/describe.js'
import { isAbortSignalLike, isObjectLike, reachesByCause } from './internal/guards.js'
import { asyncDisposeSymbol } from './internal/symbols.js'
import { trackMade, trackReleased } from './internal/track.js'
import type { AsyncContextManager } from './protocols.js'

/** Options of {@link taskGroup}. */
export interface TaskGroupOptions {
  /** A parent signal: when it aborts, the group aborts with the parent's reason. */
  readonly signal?: AbortSignal | undefined
}

const LIVE = 0
const EXITING = 1
const FINISHED = 2

/**
 * Whether `error` is the group's own cancellation: the signal has aborted and
 * `error` is its reason or reaches it through own `cause`s (Node's
 * `AbortError`s carry the reason as `cause`). Groups of errors never are: a
 * cleanup that failed while cancelling, or a nested group's failures, must
 * not be lost.
 */
function isCancellation(error: unknown, signal: AbortSignal): boolean {
  // any SuppressedError (native, ponyfill, core-js) by name: importing the class would carry the ponyfill
  if (!signal.aborted || error instanceof AggregateError || (error instanceof Error && error.name === 'SuppressedError')) return false
  return reachesByCause(error, signal.reason)
}

/** The platform's `AbortError` (a `DOMException`), saying why the group aborted itself. */
function abortError(why: string, cause: unknown): Error {
  const error = new DOMException(`taskGroup: ${why}`, 'AbortError')
  define(error, 'cause', cause, true)
  return error
}

let disposeGroup: (group: TaskGroup) => Promise<void>

/**
 * A scope that owns concurrent tasks: made by {@link taskGroup}. Live from
 * construction (so `await using tg = taskGroup()` works); entered at most once.
 */
export class TaskGroup implements AsyncContextManager<TaskGroup>, AsyncDisposable {
  readonly #controller = new AbortController()
  readonly #parent: AbortSignal | undefined
  #onParentAbort: (() => void) | undefined
  #parentAborted = false
  #errors: unknown[] | undefined
  #pending = 0
  #state = LIVE
  #entered = false
  #drained: (() => void) | undefined

  /** Prefer {@link taskGroup}; the constructor checks its options the same way. */
  constructor(options?: TaskGroupOptions) {
    if (options !== undefined && !isObjectLike(options)) throw badArgument('taskGroup', 'an options object', options)
    const parent = options?.signal
    if (parent !== undefined && !isAbortSignalLike(parent)) throw badArgument('taskGroup', 'an AbortSignal as options.signal', parent)
    // Live from construction: a group collected before its exit held tasks or a parent's listener.
    trackMade(this, 'TaskGroup')
    if (parent === undefined) return
    this.#parent = parent
    if (parent.aborted) {
      this.#parentAborted = true
      this.#controller.abort(parent.reason)
      return
    }
    this.#onParentAbort = () => {
      this.#parentAborted = true
      if (!this.#controller.signal.aborted) this.#controller.abort(parent.reason)
    }
    parent.addEventListener('abort', this.#onParentAbort)
  }

  /**
   * Aborts on the first task failure, on a body error, on {@link TaskGroup.abort},
   * or when the parent signal aborts. Every task receives it.
   */
  get signal(): AbortSignal {
    return this.#controller.signal
  }

  /**
   * Starts `fn(signal)` on a microtask and returns a promise of its result.
   * The promise is marked handled: the group owns the task's errors and
   * reports them at exit, so awaiting it is optional.
   * @throws `TypeError` when `fn` is not a function, when the group is
   * shutting down (its signal aborted), or when it has finished
   */
  spawn<T>(fn: (signal: AbortSignal) => T | PromiseLike<T>): Promise<T> {
    if (typeof fn !== 'function') throw badArgument('TaskGroup.spawn', 'a function', fn)
    if (this.#state === FINISHED || (this.#state === EXITING && this.#pending === 0)) {
      throw new TypeError('TaskGroup.spawn: the task group has finished')
    }
    const signal = this.#controller.signal
    if (signal.aborted) throw new TypeError('TaskGroup.spawn: the task group is shutting down')
    this.#pending++
    const task = Promise.resolve(signal).then(fn)
    task.then(this.#settled, this.#failed)
    return task
  }

  /**
   * Aborts the group's signal with `reason` (default: the platform's
   * `AbortError`), cancelling every task. Not a failure: with no failures the
   * group exits cleanly. Does nothing once aborted or finished.
   */
  abort(reason?: unknown): void {
    if (this.#state !== FINISHED && !this.#controller.signal.aborted) this.#controller.abort(reason)
  }

  /** Resolves to the group itself. Rejects with a `TypeError` when entered before or already exited. */
  enterAsync(): Promise<this> {
    if (this.#entered || this.#state !== LIVE) {
      return Promise.reject(new TypeError('TaskGroup.enterAsync: a task group can only be entered once'))
    }
    this.#entered = true
    return Promise.resolve(this)
  }

  /**
   * Waits for every task; a body error (one argument) that is not a
   * cancellation aborts the group first. Rejects with an `AggregateError` of
   * the failures, with the parent's reason after a parent abort, else resolves
   * to `false` (never suppresses).
   */
  async exitAsync(...thrown: [] | [error: unknown]): Promise<false> {
    if (this.#state !== LIVE) throw new TypeError('TaskGroup.exitAsync: the task group has already exited')
    this.#state = EXITING
    const signal = this.#controller.signal
    let bodyFailed = false
    let bodyCancelled = false
    if (thrown.length > 0) {
      if (isCancellation(thrown[0], signal)) bodyCancelled = true
      else {
        bodyFailed = true
        if (!signal.aborted) this.#controller.abort(abortError('the body failed', thrown[0]))
      }
    }
    // A loop, as a task may spawn another in the turn between the last
    // task settling and this continuation running.
    while (this.#pending > 0) {
      await new Promise<void>((resolve) => {
        this.#drained = resolve
      })
    }
    this.#state = FINISHED
    trackReleased(this)
    if (this.#onParentAbort !== undefined) this.#parent?.removeEventListener('abort', this.#onParentAbort)
    this.#onParentAbort = undefined
    const errors = this.#errors ?? []
    this.#errors = undefined
    // A body that awaited a failed task and rethrew its error reports it once.
    if (bodyFailed && !errors.includes(thrown[0])) errors.push(thrown[0])
    if (errors.length > 0) {
      throw new AggregateError(errors, 'unhandled errors in a task group', bodyCancelled ? { cause: thrown[0] } : undefined)
    }
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- the parent's reason as it is, as asyncio re-raises the parent's cancellation
    if (this.#parentAborted) throw this.#parent?.reason
    return false
  }

  /**
   * `await using`: exits with no error. A disposer is never told about the
   * block's error, so the group waits for its tasks without cancelling them;
   * prefer `withAsyncContext(taskGroup(), …)`. Later calls do nothing.
   */
  declare [Symbol.asyncDispose]: () => Promise<void>

  static {
    disposeGroup = (group) => (group.#state === LIVE ? group.exitAsync().then(noop) : Promise.resolve())
  }

  readonly #settled = (): void => {
    if (--this.#pending === 0 && this.#drained !== undefined) {
      const drained = this.#drained
      this.#drained = undefined
      drained()
    }
  }

  readonly #failed = (error: unknown): void => {
    const signal = this.#controller.signal
    if (!isCancellation(error, signal)) {
      ;(this.#errors ??= []).push(error)
      if (!signal.aborted) this.#controller.abort(abortError('a task failed', error))
    }
    this.#settled()
  }
}

function noop(): void {
  // a dispose resolves to undefined
}

defineMethod(TaskGroup.prototype, asyncDisposeSymbol, function (this: TaskGroup): Promise<void> {
  return disposeGroup(this)
})

/**
 * A task group: run concurrent tasks that cannot outlive the block, where the
 * first failure cancels the siblings and exit reports every failure.
 *
 * `spawn(fn)` starts `fn(signal)`; `tg.signal` aborts on the first task
 * failure, on a body error, on `tg.abort(reason?)` or when `options.signal`
 * aborts. Exit waits for every task, also one that ignores its signal.
 * Failures (in completion order, the body's error last) reject as one
 * `AggregateError(errors, 'unhandled errors in a task group')`, even a single
 * one. Once the signal has aborted, a rejection that is its reason, or whose
 * own `cause` chain reaches it, is a cancellation, not a failure;
 * `AggregateError`s and `SuppressedError`s never are. With no failures, a
 * parent abort rejects with the parent's reason and `tg.abort()` exits cleanly.
 * The parent's listener is removed at exit.
 *
 * @remarks Python: `asyncio.TaskGroup` (trio: a nursery). JavaScript cannot
 * interrupt a running function: a task (and the body) must observe
 * `signal` to stop early; the group still waits for one that does not.
 * Under `await using` the group never sees the body's error, so it waits for
 * its tasks without cancelling them: use
 * `withAsyncContext(taskGroup(), async (tg) => …)` to get Python's behaviour.
 * @param options - `signal`: a parent `AbortSignal`
 * @returns a live {@link TaskGroup}
 * @throws `TypeError` when `options` is not an object or `options.signal` not an `AbortSignal`
 * @example
 * ```ts
 * await withAsyncContext(taskGroup(), async (tg) => {
 *   tg.spawn((signal) => pipe(a, b, signal))
 *   tg.spawn((signal) => pipe(b, a, signal))
 * })
 * ```
 */
export function taskGroup(options?: TaskGroupOptions): TaskGroup {
  return new TaskGroup(options)
}
