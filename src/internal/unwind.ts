/**
 * The one unwinding algorithm: entries are exited LIFO, each seeing the error
 * pending at its moment; an exit returning exactly `true` clears it; a throw
 * replaces it under the nothing-is-lost rule. The rules live in `settle*`
 * and are shared by the synchronous and the asynchronous driver, which
 * differ only in whether they await.
 */
import { badArgument, isObjectLike, isThenable, markHandled } from './describe.js'
import { chain } from './errors.js'
import { asyncDisposeSymbol, disposeSymbol } from './symbols.js'

/** "No error pending": a private sentinel, so that `throw undefined` still counts as a throw. */
export const NONE: unique symbol = Symbol('ctxlib.none')
export type Pending = unknown

/** Marks managers whose exit applies the nothing-is-lost rule itself (exit stacks). */
export const FINAL_EXIT: unique symbol = Symbol.for('ctxlib.finalExit') as typeof FINAL_EXIT

/** The entry is awaited. */
export const ASYNC = 1
/** The entry receives the pending error and may suppress it (an `exit`). */
export const EXIT = 2
/** What the entry throws is final: it already carries the error it was handed. */
export const FINAL = 4
/** The entry is a callback called with stored arguments. */
export const CALLBACK = 8

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown

export class Entry {
  readonly flags: number
  readonly fn: AnyFunction
  readonly target: unknown
  readonly args: unknown[] | undefined
  constructor(flags: number, fn: AnyFunction, target: unknown, args?: unknown[]) {
    this.flags = flags
    this.fn = fn
    this.target = target
    this.args = args
  }
}

function call(entry: Entry, pending: Pending): unknown {
  const flags = entry.flags
  if (flags & EXIT) return pending === NONE ? entry.fn.call(entry.target) : entry.fn.call(entry.target, pending)
  if (flags & CALLBACK) return entry.fn.apply(undefined, entry.args as unknown[])
  return entry.fn.call(entry.target)
}

/** The pending error after an entry threw `thrown`. */
export function settleThrow(flags: number, pending: Pending, thrown: unknown): Pending {
  return pending === NONE || flags & FINAL ? thrown : chain(thrown, pending)
}

/** The pending error after a synchronous exit returned `result`. */
export function settleReturn(flags: number, pending: Pending, result: unknown): Pending {
  if (!(flags & EXIT) || result === undefined || result === false) return pending
  if (result === true) return NONE
  if (!(flags & ASYNC) && isThenable(result)) {
    markHandled(result)
    return settleThrow(
      0,
      pending,
      new TypeError('exit: a synchronous exit returned a promise; use an async context manager with withAsyncContext'),
    )
  }
  return pending
}

/**
 * Records whether an error was pending at any moment of an unwinding: a
 * block whose error was raised and then suppressed has no result, as with
 * nested `with` statements.
 */
export interface UnwindState {
  failed: boolean
}

/** Runs every entry, LIFO, popping each before it runs (as Python's ExitStack does). */
export function unwind(entries: Entry[], pending: Pending, state?: UnwindState): Pending {
  let entry: Entry | undefined
  while ((entry = entries.pop()) !== undefined) {
    if (pending !== NONE && state) state.failed = true
    try {
      pending = settleReturn(entry.flags, pending, call(entry, pending))
    } catch (thrown) {
      pending = settleThrow(entry.flags, pending, thrown)
    }
  }
  if (pending !== NONE && state) state.failed = true
  return pending
}

/** The asynchronous twin of {@link unwind}: async entries are awaited, one at a time. */
export async function unwindAsync(entries: Entry[], pending: Pending, state?: UnwindState): Promise<Pending> {
  let entry: Entry | undefined
  while ((entry = entries.pop()) !== undefined) {
    if (pending !== NONE && state) state.failed = true
    try {
      const result = call(entry, pending)
      pending = settleReturn(entry.flags, pending, entry.flags & ASYNC ? await result : result)
    } catch (thrown) {
      pending = settleThrow(entry.flags, pending, thrown)
    }
  }
  if (pending !== NONE && state) state.failed = true
  return pending
}

function method(value: object, key: PropertyKey): AnyFunction | undefined {
  const fn = (value as Record<PropertyKey, unknown>)[key]
  return typeof fn === 'function' ? (fn as AnyFunction) : undefined
}

const EXPECTED = 'a context manager or disposable'

function isGeneratorObject(value: object): boolean {
  const tag = Object.prototype.toString.call(value)
  return tag === '[object Generator]' || tag === '[object AsyncGenerator]'
}

/**
 * Enters `cm` synchronously and records how to exit it. Prefers
 * `enter`/`exit`, then `Symbol.dispose`. Throws a `TypeError` naming `api`.
 */
export function enterSync(api: string, cm: unknown, entries: Entry[], member?: string): unknown {
  if (isObjectLike(cm)) {
    const enter = method(cm, 'enter')
    const exit = enter && method(cm, 'exit')
    if (enter && exit) {
      const value = enter.call(cm)
      entries.push(new Entry(FINAL_EXIT in cm ? EXIT | FINAL : EXIT, exit, cm))
      return value
    }
    if (isGeneratorObject(cm)) {
      // Generators are disposables on newer hosts, but entering one as itself is
      // almost always a forgotten contextManager(); Python refuses it too.
      throw new TypeError(
        `${member === undefined ? api : `${api}.${member}`}: expected a context manager or disposable, got a generator object (wrap its function with contextManager or asyncContextManager)`,
      )
    }
    const dispose = method(cm, disposeSymbol)
    if (dispose) {
      entries.push(new Entry(0, dispose, cm))
      return cm
    }
  }
  throw badArgument(member === undefined ? api : `${api}.${member}`, EXPECTED, cm)
}

/**
 * Enters `cm` in an async context and records how to exit it. Prefers
 * `enterAsync`/`exitAsync`, then `enter`/`exit`, then `Symbol.asyncDispose`,
 * then `Symbol.dispose`. A bad argument rejects (never throws synchronously).
 */
export async function enterAsync(api: string, cm: unknown, entries: Entry[], member?: string): Promise<unknown> {
  if (isObjectLike(cm)) {
    const enterA = method(cm, 'enterAsync')
    const exitA = enterA && method(cm, 'exitAsync')
    if (enterA && exitA) {
      const value = await enterA.call(cm)
      entries.push(new Entry(FINAL_EXIT in cm ? ASYNC | EXIT | FINAL : ASYNC | EXIT, exitA, cm))
      return value
    }
    // enter/exit come before Symbol.asyncDispose; generator objects are refused by enterSync.
    const asyncDispose =
      (method(cm, 'enter') && method(cm, 'exit')) || isGeneratorObject(cm) ? undefined : method(cm, asyncDisposeSymbol)
    if (asyncDispose) {
      entries.push(new Entry(ASYNC, asyncDispose, cm))
      return cm
    }
  }
  return enterSync(api, cm, entries, member)
}

/** The entry for `push(x)`: an exit function, a manager's `exit` (not entered), or a disposable. */
export function exitEntry(api: string, member: string, x: unknown, async: boolean): Entry {
  if (typeof x === 'function') return new Entry(async ? ASYNC | EXIT : EXIT, x as AnyFunction, undefined)
  if (isObjectLike(x)) {
    if (async) {
      const exitA = method(x, 'exitAsync')
      if (exitA) return new Entry(FINAL_EXIT in x ? ASYNC | EXIT | FINAL : ASYNC | EXIT, exitA, x)
    }
    const exit = method(x, 'exit')
    if (exit) return new Entry(FINAL_EXIT in x ? EXIT | FINAL : EXIT, exit, x)
    if (async) {
      const asyncDispose = method(x, asyncDisposeSymbol)
      if (asyncDispose) return new Entry(ASYNC, asyncDispose, x)
    }
    const dispose = method(x, disposeSymbol)
    if (dispose) return new Entry(0, dispose, x)
  }
  throw badArgument(`${api}.${member}`, 'an exit function, a context manager or a disposable', x)
}
