import { badArgument } from './internal/describe.js'
import type {
  AsyncContext,
  AsyncContextValue,
  ContextValue,
  MaySuppress,
  MaySuppressAsync,
  NotThenable,
  SyncContext,
} from './types.js'
import { type AsyncManager, DRIVE, type Manager, asyncBodyError, drive, driveAsync } from './internal/drive.js'
import { enterAsync, enterSync } from './internal/enter.js'
import { type Entries, NONE, type Pending } from './internal/entries.js'
import { isThenable } from './internal/guards.js'
import { markHandled } from './internal/thenables.js'
import { unwind, unwindAsync } from './internal/unwind.js'

/**
 * Runs `body` inside one or several context managers: Python's `with`.
 *
 * Managers are entered in order and exited in reverse; each exit sees the
 * error pending at its moment (none, the body's, or one thrown by a later
 * exit). An exit returning exactly `true` suppresses that error, and then
 * `withContext` returns `undefined`. An error thrown by an exit while another
 * is pending becomes a `SuppressedError` carrying both, unless it already
 * links to it (`{ cause: e }`). Disposables are accepted and entered as
 * themselves.
 *
 * @remarks Python: the `with` statement. `withContext([a, b], …)` is
 * `with a as x, b as y:`. A body that returns a promise is refused: the
 * managers exit with a `TypeError` naming `withAsyncContext`, which is thrown.
 * @param cm - a context manager, a disposable, or an array of them
 * @param body - receives the entered value (an array of values for an array)
 * @returns the body's result, or `undefined` when an exit suppressed its error
 * @throws `TypeError` when `cm` or `body` is not what is expected (nothing is left entered)
 * @example
 * ```ts
 * const text = withContext(openFileSync('notes.txt', 'r'), (fd) => fs.readFileSync(fd, 'utf8'))
 * ```
 */
export function withContext<const C extends readonly SyncContext[], R>(
  cm: C,
  body: (values: { -readonly [K in keyof C]: ContextValue<C[K]> }) => NotThenable<R>,
): R | MaySuppress<C[number]>
export function withContext<C extends SyncContext, R>(
  cm: C,
  body: (value: ContextValue<C>) => NotThenable<R>,
): R | MaySuppress<C>
export function withContext(cm: unknown, body: (value: never) => unknown): unknown {
  // One manager object, the common case: the driver, with no entry list and
  // no allocation, small enough for V8 to inline. Arrays have no `enter`, so
  // they and all bad input take the general path.
  if (typeof body === 'function' && typeof cm === 'object' && cm !== null) {
    const m = cm as Manager
    if (typeof m.enter === 'function' && typeof m.exit === 'function') return drive(m, body as (value: unknown) => unknown)
  }
  return withEntries(cm, body as (value: unknown) => unknown)
}

function withEntries(cm: unknown, body: (value: unknown) => unknown): unknown {
  if (typeof body !== 'function') throw badArgument('withContext', 'a body function', body)
  const entries: Entries = []
  let pending: Pending = NONE
  let value: unknown
  let result: unknown
  let refused: TypeError | undefined
  if (Array.isArray(cm)) {
    const values: unknown[] = []
    try {
      for (const item of cm as unknown[]) values.push(enterSync('withContext', item, entries))
      value = values
    } catch (e) {
      pending = e
    }
  } else {
    value = enterSync('withContext', cm, entries)
  }
  if (pending === NONE) {
    try {
      result = body(value)
      if (isThenable(result)) {
        markHandled(result)
        pending = refused = asyncBodyError()
      }
    } catch (e) {
      pending = e
    }
  }
  const state = { failed: false }
  pending = unwind(entries, pending, 'withContext', state)
  if (refused !== undefined) throw pending === NONE ? refused : pending
  if (pending !== NONE) throw pending
  return state.failed ? undefined : result
}

/**
 * Runs an async `body` inside one or several managers: Python's `async with`.
 *
 * Accepts async managers, sync managers, async disposables and disposables,
 * as `await using` does, preferring `enterAsync`/`exitAsync`, then
 * `enter`/`exit`, then `Symbol.asyncDispose`, then `Symbol.dispose`. The
 * rules are those of {@link withContext}, with every exit awaited in turn.
 *
 * @remarks Python: the `async with` statement. One manager made by
 * {@link asyncContextManager} is driven directly: the same steps and rules
 * as awaiting its `enterAsync` and `exitAsync`, in as many microtask turns
 * as awaiting the generator by hand, plus the turn of the returned promise.
 * @param cm - a context, or an array of contexts
 * @param body - receives the entered value (an array for an array); may be async
 * @returns a promise of the body's result, or of `undefined` when an exit suppressed its error
 * @throws never synchronously: bad input rejects with a `TypeError`
 * @example
 * ```ts
 * const data = await withAsyncContext(openFile('data.bin'), (file) => file.readFile())
 * ```
 */
export function withAsyncContext<const C extends readonly AsyncContext[], R>(
  cm: C,
  body: (values: { -readonly [K in keyof C]: AsyncContextValue<C[K]> }) => R | PromiseLike<R>,
): Promise<R | MaySuppressAsync<C[number]>>
export function withAsyncContext<C extends AsyncContext, R>(
  cm: C,
  body: (value: AsyncContextValue<C>) => R | PromiseLike<R>,
): Promise<R | MaySuppressAsync<C>>
export function withAsyncContext(cm: unknown, body: (value: never) => unknown): Promise<unknown> {
  // Fast paths for one async manager. Not an async function itself, so the
  // caller awaits the driver's own promise and no extra one. Property reads
  // may run getters: whatever they throw becomes the rejection.
  try {
    if (typeof body === 'function' && typeof cm === 'object' && cm !== null) {
      const run = body as (value: unknown) => unknown
      if (DRIVE in cm) return (cm as Driven)[DRIVE](run)
      const m = cm as AsyncManager
      if (typeof m.enterAsync === 'function' && typeof m.exitAsync === 'function') return driveAsync(m, run)
    }
  } catch (e) {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- rejects with what the getter threw, unchanged
    return Promise.reject(e)
  }
  return withAsyncEntries(cm, body as (value: unknown) => unknown)
}

/** A manager with its own single-scope driver (the library's async generator managers). */
interface Driven {
  [DRIVE](body: (value: unknown) => unknown): Promise<unknown>
}

async function withAsyncEntries(cm: unknown, body: (value: unknown) => unknown): Promise<unknown> {
  if (typeof body !== 'function') throw badArgument('withAsyncContext', 'a body function', body)
  const entries: Entries = []
  let pending: Pending = NONE
  let value: unknown
  let result: unknown
  if (Array.isArray(cm)) {
    const values: unknown[] = []
    try {
      for (const item of cm as unknown[]) values.push(await enterAsync('withAsyncContext', item, entries))
      value = values
    } catch (e) {
      pending = e
    }
  } else {
    value = await enterAsync('withAsyncContext', cm, entries)
  }
  if (pending === NONE) {
    try {
      result = body(value)
      if (isThenable(result)) result = await result
    } catch (e) {
      pending = e
    }
  }
  const state = { failed: false }
  pending = await unwindAsync(entries, pending, 'withAsyncContext', state)
  if (pending !== NONE) throw pending
  return state.failed ? undefined : result
}
