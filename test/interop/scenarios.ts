/**
 * Runs the compiled `using` scopes with disposables of each origin and
 * records what happened as JSON-friendly event logs, so the same code runs
 * in this process, in a fresh vm realm, and in a spawned Node 24.
 */

/** The exports of `USING_SOURCE`, whichever compiler produced them. */
export interface Scopes {
  syncScope(make: (name: string) => unknown, log: string[]): void
  syncThrow(make: (name: string) => unknown, error: unknown): void
  asyncScope(makeAsync: (name: string) => unknown, makeSync: (name: string) => unknown, log: string[]): Promise<void>
  asyncThrow(makeAsync: (name: string) => unknown, error: unknown): Promise<void>
}

/** Where disposables come from: ctxlib's ponyfill, core-js-pure, or Node itself. */
export interface Origin {
  /** A disposable; disposing it logs `dispose <name>` (when `logs`) and throws `error` when given. */
  sync(name: string, log: string[], error?: Error): unknown
  /** An async disposable, likewise. */
  async(name: string, log: string[], error?: Error): unknown
  /** Whether disposal itself is logged; Node's own disposables are checked by `settle` instead. */
  logs: boolean
  /** Whether `error` is supported (only stacks can be told to throw). */
  throws: boolean
  /** Runs after a scope: waits for and logs what shows that disposal happened. */
  settle?(log: string[]): Promise<void>
}

/** What one compiled form did with one origin's disposables. */
export interface Outcome {
  sync: string[]
  async: string[]
  /** For each throwing scope: how the error that escaped relates to the ones thrown. */
  errors: Record<string, string>
}

function describeError(caught: unknown, body: Error, disposer: Error | undefined): string {
  if (caught === body) return 'body error, as is'
  const chain = caught as { error?: unknown; suppressed?: unknown; name?: unknown }
  const host = (globalThis as { SuppressedError?: abstract new (...args: never[]) => unknown }).SuppressedError
  const kind = host && caught instanceof host ? 'the global SuppressedError' : `a ${String(chain.name)}`
  const shape = chain.error === disposer && chain.suppressed === body ? 'error: disposer, suppressed: body' : 'unexpected shape'
  return `${kind} (${shape})`
}

async function capture(fn: () => unknown): Promise<unknown> {
  try {
    await fn()
  } catch (error) {
    return error
  }
  return 'nothing thrown'
}

export async function runScenarios(scopes: Scopes, origin: Origin): Promise<Outcome> {
  const outcome: Outcome = { sync: [], async: [], errors: {} }
  const log = (entries: string[]) => (name: string) => origin.sync(name, entries)
  scopes.syncScope(log(outcome.sync), outcome.sync)
  await origin.settle?.(outcome.sync)
  await scopes.asyncScope(
    (name) => origin.async(name, outcome.async),
    (name) => origin.sync(name, outcome.async),
    outcome.async,
  )
  await origin.settle?.(outcome.async)
  const body = new Error('body')
  outcome.errors['sync, body throws'] = describeError(await capture(() => scopes.syncThrow(log([]), body)), body, undefined)
  outcome.errors['async, body throws'] = describeError(
    await capture(() => scopes.asyncThrow((name) => origin.async(name, []), body)),
    body,
    undefined,
  )
  if (origin.throws) {
    const disposer = new Error('disposer')
    outcome.errors['sync, body and disposer throw'] = describeError(
      await capture(() => scopes.syncThrow((name) => origin.sync(name, [], disposer), body)),
      body,
      disposer,
    )
    outcome.errors['async, body and disposer throw'] = describeError(
      await capture(() => scopes.asyncThrow((name) => origin.async(name, [], disposer), body)),
      body,
      disposer,
    )
  }
  return outcome
}

interface StackClasses {
  DisposableStack: new () => { defer(fn: () => void): void }
  AsyncDisposableStack: new () => { defer(fn: () => Promise<void>): void }
}

/** Disposables made by stacks: ctxlib's ponyfill, core-js-pure's, or a runtime's. */
export function stackOrigin(classes: StackClasses): Origin {
  return {
    logs: true,
    throws: true,
    sync(name, log, error) {
      const stack = new classes.DisposableStack()
      stack.defer(() => {
        log.push(`dispose ${name}`)
        if (error) throw error
      })
      return stack
    },
    async(name, log, error) {
      const stack = new classes.AsyncDisposableStack()
      stack.defer(async () => {
        await Promise.resolve()
        log.push(`dispose ${name}`)
        if (error) throw error
      })
      return stack
    },
  }
}

/** The outcome every compiled form must produce with `origin`. */
export function expectedOutcome(origin: { logs: boolean; throws: boolean }, globalSuppressedError: boolean): Outcome {
  const kind = globalSuppressedError ? 'the global SuppressedError' : 'a SuppressedError'
  const errors: Record<string, string> = {
    'sync, body throws': 'body error, as is',
    'async, body throws': 'body error, as is',
  }
  if (origin.throws) {
    errors['sync, body and disposer throw'] = `${kind} (error: disposer, suppressed: body)`
    errors['async, body and disposer throw'] = `${kind} (error: disposer, suppressed: body)`
  }
  return origin.logs
    ? { sync: ['body', 'dispose b', 'dispose a', 'after'], async: ['body', 'dispose b', 'dispose a', 'after'], errors }
    : {
        sync: ['body', 'after', 'no disposed timer fired'],
        async: ['body', 'dispose a', 'after', 'no disposed timer fired'],
        errors,
      }
}
