/**
 * Protocol resolution: how a value is entered (or pushed) and which of its
 * methods its exit will call, recorded as an entry. Sync contexts prefer
 * `enter`/`exit`, then `Symbol.dispose`; async ones `enterAsync`/`exitAsync`,
 * then `enter`/`exit`, then `Symbol.asyncDispose`, then `Symbol.dispose`.
 */
import { badArgument } from './describe.js'
import { ASYNC, BARE, EXIT, type Entries, FINAL, FINAL_EXIT } from './entries.js'
import { isGeneratorObject, isObjectLike } from './guards.js'
import { asyncDisposeSymbol, disposeSymbol } from './symbols.js'

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown

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
    entries.push(async ? ASYNC | EXIT | BARE : EXIT | BARE, x, undefined, undefined)
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
