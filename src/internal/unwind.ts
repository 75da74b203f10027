/**
 * The one unwinding algorithm: entries are exited LIFO, each seeing the error
 * pending at its moment, with the rules of `settle.ts` and the calling
 * convention of `callEntry`. The sync and the async driver are the same
 * loop, the async one awaiting async entries; it is written out twice
 * because a shared loop costs the whole entry about 40 bytes gzipped that
 * the size ceiling does not have, and a generator-driven one a generator
 * object per unwinding.
 */
import { ASYNC, type Entries, NONE, type Pending, callEntry } from './entries.js'
import { settleReturn, settleThrow } from './settle.js'

/**
 * Records whether an error was pending at any moment of an unwinding: a
 * block whose error was raised and then suppressed has no result, as with
 * nested `with` statements.
 */
export interface UnwindState {
  failed: boolean
}

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown

/** Runs every entry, LIFO, popping each before it runs (as Python's ExitStack does); `api` names it in messages. */
export function unwind(entries: Entries, pending: Pending, api: string, state?: UnwindState): Pending {
  while (entries.length > 0) {
    if (pending !== NONE && state) state.failed = true
    const args = entries.pop()
    const target = entries.pop()
    const fn = entries.pop() as AnyFunction
    const flags = entries.pop() as number
    try {
      pending = settleReturn(flags, pending, callEntry(flags, fn, target, args, pending), api)
    } catch (thrown) {
      pending = settleThrow(flags, pending, thrown)
    }
  }
  if (pending !== NONE && state) state.failed = true
  return pending
}

/** {@link unwind}, line for line, awaiting async entries one at a time. */
export async function unwindAsync(entries: Entries, pending: Pending, api: string, state?: UnwindState): Promise<Pending> {
  while (entries.length > 0) {
    if (pending !== NONE && state) state.failed = true
    const args = entries.pop()
    const target = entries.pop()
    const fn = entries.pop() as AnyFunction
    const flags = entries.pop() as number
    try {
      const result = callEntry(flags, fn, target, args, pending)
      pending = settleReturn(flags, pending, flags & ASYNC ? await result : result, api)
    } catch (thrown) {
      pending = settleThrow(flags, pending, thrown)
    }
  }
  if (pending !== NONE && state) state.failed = true
  return pending
}
