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

/**
 * The entries of an unwinding, stored flat (flags, function, target,
 * callback arguments) so that pushing one allocates nothing but array slots.
 */
export type Entries = unknown[]

function call(flags: number, fn: AnyFunction, target: unknown, args: unknown, pending: Pending): unknown {
  if (flags & EXIT) return pending === NONE ? fn.call(target) : fn.call(target, pending)
  if (flags & CALLBACK) {
    const list = args as unknown[]
    // Most callbacks take no arguments; a plain call spares the spread.
    return list.length === 0 ? fn() : fn(...list)
  }
  return fn.call(target)
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
export function unwind(entries: Entries, pending: Pending, state?: UnwindState): Pending {
  while (entries.length > 0) {
    if (pending !== NONE && state) state.failed = true
    const args = entries.pop()
    const target = entries.pop()
    const fn = entries.pop() as AnyFunction
    const flags = entries.pop() as number
    try {
      pending = settleReturn(flags, pending, call(flags, fn, target, args, pending))
    } catch (thrown) {
      pending = settleThrow(flags, pending, thrown)
    }
  }
  if (pending !== NONE && state) state.failed = true
  return pending
}

/** The asynchronous twin of {@link unwind}: async entries are awaited, one at a time. */
export async function unwindAsync(entries: Entries, pending: Pending, state?: UnwindState): Promise<Pending> {
  while (entries.length > 0) {
    if (pending !== NONE && state) state.failed = true
    const args = entries.pop()
    const target = entries.pop()
    const fn = entries.pop() as AnyFunction
    const flags = entries.pop() as number
    try {
      const result = call(flags, fn, target, args, pending)
      pending = settleReturn(flags, pending, flags & ASYNC ? await result : result)
    } catch (thrown) {
      pending = settleThrow(flags, pending, thrown)
    }
  }
  if (pending !== NONE && state) state.failed = true
  return pending
}

function fn(value: unknown): AnyFunction | undefined {
  return typeof value === 'function' ? (value as AnyFunction) : undefined
}

interface Protocols {
  enter?: unknown
  exit?: unknown
  enterAsync?: unknown
  exitAsync?: unknown
}

const EXPECTED = 'a context manager or disposable'

function isGeneratorObject(value: object): boolean {
  const tag = Object.prototype.toString.call(value)
  return tag === '[object Generator]' || tag === '[object AsyncGenerator]'
}

function name(api: string, member: string | undefined): string {
  return member === undefined ? api : `${api}.${member}`
}

/**
 * Enters `cm` synchronously and records how to exit it. Prefers
 * `enter`/`exit`, then `Symbol.dispose`. Throws a `TypeError` naming `api`.
 */
export function enterSync(api: string, cm: unknown, entries: Entries, member?: string): unknown {
  if (isObjectLike(cm)) {
    const enter = fn((cm as Protocols).enter)
    const exit = enter && fn((cm as Protocols).exit)
    if (enter && exit) {
      const value = enter.call(cm)
      entries.push(FINAL_EXIT in cm ? EXIT | FINAL : EXIT, exit, cm, undefined)
      return value
    }
    if (isGeneratorObject(cm)) {
      // Generators are disposables on newer hosts, but entering one as itself is
      // almost always a forgotten contextManager(); Python refuses it too.
      throw new TypeError(
        `${name(api, member)}: expected ${EXPECTED}, got a generator object (wrap its function with contextManager or asyncContextManager)`,
      )
    }
    const dispose = fn((cm as { [disposeSymbol]?: unknown })[disposeSymbol])
    if (dispose) {
      entries.push(0, dispose, cm, undefined)
      return cm
    }
  }
  throw badArgument(name(api, member), EXPECTED, cm)
}

/**
 * Enters `cm` in an async context and records how to exit it. Prefers
 * `enterAsync`/`exitAsync`, then `enter`/`exit`, then `Symbol.asyncDispose`,
 * then `Symbol.dispose`. A bad argument rejects (never throws synchronously).
 */
export async function enterAsync(api: string, cm: unknown, entries: Entries, member?: string): Promise<unknown> {
  if (isObjectLike(cm)) {
    const enterA = fn((cm as Protocols).enterAsync)
    const exitA = enterA && fn((cm as Protocols).exitAsync)
    if (enterA && exitA) {
      const value = await enterA.call(cm)
      entries.push(FINAL_EXIT in cm ? ASYNC | EXIT | FINAL : ASYNC | EXIT, exitA, cm, undefined)
      return value
    }
    // enter/exit come before Symbol.asyncDispose; generator objects are refused by enterSync.
    const asyncDispose =
      (fn((cm as Protocols).enter) && fn((cm as Protocols).exit)) || isGeneratorObject(cm)
        ? undefined
        : fn((cm as { [asyncDisposeSymbol]?: unknown })[asyncDisposeSymbol])
    if (asyncDispose) {
      entries.push(ASYNC, asyncDispose, cm, undefined)
      return cm
    }
  }
  return enterSync(api, cm, entries, member)
}

/** Pushes the exit for `push(x)`: an exit function, a manager's `exit` (not entered), or a disposable. */
export function pushExit(entries: Entries, api: string, member: string, x: unknown, async: boolean): void {
  if (typeof x === 'function') {
    entries.push(async ? ASYNC | EXIT : EXIT, x, undefined, undefined)
    return
  }
  if (isObjectLike(x)) {
    const final = FINAL_EXIT in x ? FINAL : 0
    const exitA = async ? fn((x as Protocols).exitAsync) : undefined
    if (exitA) return void entries.push(ASYNC | EXIT | final, exitA, x, undefined)
    const exit = fn((x as Protocols).exit)
    if (exit) return void entries.push(EXIT | final, exit, x, undefined)
    const asyncDispose = async ? fn((x as { [asyncDisposeSymbol]?: unknown })[asyncDisposeSymbol]) : undefined
    if (asyncDispose) return void entries.push(ASYNC, asyncDispose, x, undefined)
    const dispose = fn((x as { [disposeSymbol]?: unknown })[disposeSymbol])
    if (dispose) return void entries.push(0, dispose, x, undefined)
  }
  throw badArgument(`${api}.${member}`, 'an exit function, a context manager or a disposable', x)
}
