import type { AsyncContextManager } from '../protocols.js'
import { badArgument, typeName } from '../internal/describe.js'
import { define } from '../internal/define.js'
import { asyncDisposeSymbol } from '../internal/symbols.js'
import { type ResourceLeak, ResourceLeakError } from '../resource-leak-error.js'
import { isExempt, isOpen, ownedHandles, reportedKind } from './internal/resource-kind.js'
import { type LeakScope, type Recorded, closeScope, creationFrames, openScope, quietly, resumeScope } from './internal/resource-tracker.js'

/** Options of {@link leakCheck}. */
export interface LeakCheckOptions {
  /** How long (ms) exit waits for closes already under way to finish before reporting. Default 100. */
  settle?: number
  /** Kinds that are no leak, as reported (`'Timeout'`, `'FileHandle'`) or as async_hooks names them (`'TCPWRAP'`). */
  ignore?: readonly string[]
}

/** A number's kind when it is out of range, never its value. */
const rangeName = (value: number): string => (Number.isNaN(value) ? 'NaN' : Number.isFinite(value) ? 'a negative number' : 'an infinite number')

function checkSettle(value: unknown): number {
  if (value === undefined) return 100
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(
      `leakCheck: expected settle to be a finite number of milliseconds >= 0, got ${typeof value === 'number' ? rangeName(value) : typeName(value)}`,
    )
  }
  return value
}

function checkIgnore(value: unknown): ReadonlySet<string> {
  if (value === undefined) return new Set()
  if (!Array.isArray(value)) throw badArgument('leakCheck', 'ignore to be an array of strings', value)
  for (const item of value as unknown[]) {
    if (typeof item !== 'string') throw badArgument('leakCheck', 'ignore to be an array of strings, with an item', item)
  }
  return new Set(value as string[])
}

const pause = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    quietly(() => (ms === 0 ? setImmediate(resolve) : setTimeout(resolve, ms)))
  })

/** The manager {@link leakCheck} returns: its scope started when it was made. Single-use. */
export class LeakCheck implements AsyncContextManager<LeakCheck>, AsyncDisposable {
  readonly #scope: LeakScope
  readonly #settle: number
  readonly #ignore: ReadonlySet<string>
  #state: 'running' | 'entered' | 'exiting' | 'exited' = 'running'
  #final: readonly ResourceLeak[] | undefined
  #disposed: Promise<void> | undefined

  /** Prefer {@link leakCheck}; the constructor checks its options the same way and starts the scope. */
  constructor(options?: LeakCheckOptions) {
    const given: unknown = options
    if (given !== undefined && (typeof given !== 'object' || given === null || Array.isArray(given))) {
      throw badArgument('leakCheck', 'an options object or undefined', options)
    }
    this.#settle = checkSettle(options?.settle)
    this.#ignore = checkIgnore(options?.ignore)
    this.#scope = openScope('leakCheck')
  }

  /**
   * What the scope has left open right now (after exit: what was open at
   * exit), in creation order.
   */
  get leaks(): ResourceLeak[] {
    return [...(this.#final ?? this.#describe(this.#open()))]
  }

  /** Makes the scope current for the block and enters as the check itself. */
  enterAsync(): Promise<LeakCheck> {
    if (this.#state !== 'running') return Promise.reject(new TypeError('leakCheck: a check can only be entered once, before it exits'))
    this.#state = 'entered'
    resumeScope(this.#scope)
    return Promise.resolve(this)
  }

  /**
   * Waits up to `settle` ms for the scope's open resources to close, ends the
   * scope, and rejects with a {@link ResourceLeakError} when some are still
   * open. Never suppresses the block's error (the caller chains the two).
   */
  async exitAsync(..._thrown: [] | [error: unknown]): Promise<false> {
    if (this.#state === 'exiting' || this.#state === 'exited') throw new TypeError('leakCheck: this check has already exited')
    this.#state = 'exiting'
    let open = this.#open()
    try {
      const deadline = Date.now() + this.#settle
      // One turn of the event loop first: closes already requested finish there.
      for (let turn = 0; open.length > 0; turn++) {
        const left = deadline - Date.now()
        if (left <= 0) break
        await pause(turn === 0 ? 0 : Math.min(5, left))
        open = this.#open()
      }
    } finally {
      this.#state = 'exited'
    }
    const leaks = this.#describe(open)
    this.#final = leaks
    closeScope(this.#scope, new Set(open))
    if (leaks.length > 0) throw new ResourceLeakError(leaks)
    return false
  }

  /** Exits as a completed block (`await using`); disposing again returns the first result. */
  declare [Symbol.asyncDispose]: () => Promise<void>

  static {
    // `await using` and an explicit call may both dispose: the first result stands.
    define(LeakCheck.prototype, asyncDisposeSymbol, function (this: LeakCheck): Promise<void> {
      this.#disposed ??= this.exitAsync().then(() => undefined)
      return this.#disposed
    }, true)
  }

  #open(): Recorded[] {
    const open: Recorded[] = []
    const owned = new Set<object>()
    for (const entry of this.#scope.records) {
      if (entry.destroyed || !isOpen(entry.type, entry.resource) || isExempt(entry.type, entry.resource)) continue
      if (this.#ignore.has(entry.type) || this.#ignore.has(reportedKind(entry.type, entry.resource))) continue
      for (const handle of ownedHandles(entry.type, entry.resource)) owned.add(handle)
      open.push(entry)
    }
    return owned.size === 0 ? open : open.filter((entry) => !owned.has(entry.resource))
  }

  #describe(entries: readonly Recorded[]): ResourceLeak[] {
    return entries.map((entry) => ({ type: reportedKind(entry.type, entry.resource), stack: creationFrames(entry) }))
  }
}

/**
 * A leak check for a block: records every host resource (socket, server,
 * timer, interval, child process, `FileHandle`, watcher, …) made inside its
 * scope, also after `await`s and in callbacks the scope started, but not
 * those made concurrently outside it, and fails at exit with a
 * {@link ResourceLeakError} listing each one still open, with its kind and
 * the user's line that made it.
 *
 * The scope starts at this call (so `await using check = leakCheck()` works)
 * and ends at exit or dispose. Exit first waits up to `settle` ms for closes
 * under way to finish. A resource is open until it is closed, destroyed or
 * exited, whether or not it keeps the event loop alive: an unclosed
 * `FileHandle` or a half-open socket is a leak; unref'd timers and the kinds
 * in `ignore` are not. A nested check reports its own leaks; what it made and
 * did not report (an ignored kind) passes to the enclosing check at its exit.
 * Deterministic: no garbage collection is involved.
 *
 * Start it at the top of the function it checks, or pass it to
 * `withAsyncContext`: the scope is carried by an `AsyncLocalStorage`, so code
 * that the caller runs synchronously right after the checked function's first
 * `await` shares it (two checks started that way, side by side, each still
 * records only what their own code makes).
 *
 * @remarks Python: the `ResourceWarning` that `python -W error` raises for an
 * unclosed file or socket, here scoped to a block and raised at its exit
 * rather than at garbage collection; Deno's test sanitizers, in any test runner.
 * Costs: one `async_hooks` hook while a check runs; on Node 24+ promises are
 * not tracked at all, on Node 20 and 22 the `AsyncLocalStorage` and the hook
 * see every promise.
 * @param options - `settle` (ms, a finite number >= 0, default 100), `ignore` (kinds that are no leak)
 * @returns the check: an async manager and an `AsyncDisposable`; `.leaks` is live
 * @throws `TypeError` on bad options, or where the runtime's `async_hooks` cannot see resources being made (Bun, Deno)
 * @example
 * ```ts
 * it('closes what it opens', async () => {
 *   await using _ = leakCheck()
 *   const server = net.createServer()
 *   await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
 *   // forgot server.close(): exit throws ResourceLeakError "1 resource left open: TCPServer created at …"
 * })
 * ```
 */
export function leakCheck(options?: LeakCheckOptions): LeakCheck {
  return new LeakCheck(options)
}
