/**
 * The ctxlib side of the differential test: an interpreter of the scenario
 * language that mirrors `driver.py` line for line, using ctxlib's API.
 */
import {
  type AsyncContextManager,
  AsyncExitStack,
  type ContextManager,
  ExitStack,
  SuppressedError,
  asyncContextManager,
  contextManager,
  suppress,
  withAsyncContext,
  withContext,
} from '../../src/index.js'
import type { ClsMgr, ErrName, GenMgr, Mgr, Op, Raise, Scenario, Stmt } from './scenario.js'

export class Labelled extends Error {
  readonly kind: string
  constructor(kind: string, id: string, options?: ErrorOptions) {
    super(id, options)
    this.kind = kind
    this.name = kind
  }
}
export class E1 extends Labelled {
  constructor(id: string, options?: ErrorOptions, kind = 'E1') {
    super(kind, id, options)
  }
}
export class E2 extends Labelled {
  constructor(id: string, options?: ErrorOptions) {
    super('E2', id, options)
  }
}
export class E3 extends E1 {
  constructor(id: string, options?: ErrorOptions) {
    super(id, options, 'E3')
  }
}
export class E4 extends Labelled {
  constructor(id: string, options?: ErrorOptions) {
    super('E4', id, options)
  }
}
const CLASSES: Readonly<Record<ErrName, new (id: string, options?: ErrorOptions) => Labelled>> = { E1, E2, E3, E4 }

function label(e: unknown): string {
  if (e instanceof Labelled) return `${e.kind}:${e.message}`
  if (e instanceof TypeError) {
    if (e.message.includes("didn't yield")) return 'P:noyield'
    if (e.message.includes("didn't stop after")) return 'P:after-throw'
    if (e.message.includes("didn't stop")) return 'P:nostop'
  }
  return e instanceof Error ? `other:${e.name}:${e.message}` : `other:${typeof e}`
}

/**
 * The normal form of an error chain, outermost first, comparable with
 * `driver.py`'s `chain()`.
 *
 * Python keeps one implicit link per exception (`__context__`: what was
 * being handled when it was raised; `raise X from e` sets `__cause__`, which
 * is displayed instead). ctxlib spells "x raised while e was pending" as
 * `SuppressedError(x, e)` and `raise X from e` as an own `cause`. So:
 *   - `SuppressedError(x, e)` → chain(x) then chain(e): x's context is e;
 *   - an own `cause` → followed, like `__cause__`;
 *   - anything else ends the chain.
 * A re-raised error keeps its identity on both sides, so its chain is the one
 * it had. Protocol errors (`RuntimeError` in Python, `TypeError` here) are
 * labelled by kind, and ctxlib's carry the pending error as `cause`, which
 * is what Python's `__context__` holds for them.
 */
export function chain(e: unknown): string {
  const out: string[] = []
  const seen = new Set<unknown>()
  const walk = (v: unknown): void => {
    if (seen.has(v)) return
    seen.add(v)
    if (v instanceof SuppressedError) {
      walk(v.error)
      walk(v.suppressed)
      return
    }
    out.push(label(v))
    if (v instanceof Error && Object.hasOwn(v, 'cause')) walk(v.cause)
  }
  walk(e)
  return out.join('<')
}

/** The error a Python `except`/`isinstance` would see: the head of the chain. */
function head(e: unknown): unknown {
  while (e instanceof SuppressedError) e = e.error
  return e
}

function isA(e: unknown, classes: readonly ErrName[]): boolean {
  const h = head(e)
  return classes.some((c) => h instanceof CLASSES[c])
}

function matches(m: GenMgr | ClsMgr, e: unknown): boolean {
  return m.match === null || isA(e, m.match)
}

function newError(r: Raise, cause?: readonly unknown[]): Labelled {
  const Class = CLASSES[r.cls]
  return r.from && cause !== undefined && cause.length > 0 ? new Class(r.id, { cause: cause[0] }) : new Class(r.id)
}

export interface Options {
  /** `class`: `suppress(E1, …)` with the classes, as a user writes it. */
  readonly suppressWith: 'class'
}

/** Per-run state: the event log, and whether a class-matching `suppress` saw a wrapped match. */
class Run {
  readonly events: string[] = []
  wrappedMatch = false
  readonly options: Options
  constructor(options: Options) {
    this.options = options
  }
  log(s: string): void {
    this.events.push(s)
  }
}

function clsExit(run: Run, m: ClsMgr, thrown: readonly unknown[]): boolean | undefined {
  run.log(`exit:${m.name}:${thrown.length === 0 ? '-' : chain(thrown[0])}`)
  let act
  if (thrown.length === 0) act = m.onOk
  else if (!matches(m, thrown[0])) return undefined
  else act = m.onErr
  switch (act.k) {
    case 'none':
      return undefined
    case 'true':
      return true
    case 'false':
      return false
    case 'reraise':
      throw thrown[0]
    case 'raise':
      throw newError(act.err, thrown)
  }
}

function cls(run: Run, m: ClsMgr): ContextManager<undefined> {
  return {
    enter() {
      run.log(`enter:${m.name}`)
      if (m.enterRaise !== null) throw newError(m.enterRaise)
      return undefined
    },
    exit: (...thrown) => clsExit(run, m, thrown),
  }
}

function acls(run: Run, m: ClsMgr): AsyncContextManager<undefined> {
  return {
    async enterAsync() {
      run.log(`enter:${m.name}`)
      if (m.enterRaise !== null) throw newError(m.enterRaise)
      return undefined
    },
    exitAsync: async (...thrown) => clsExit(run, m, thrown),
  }
}

/** What the generator does after its `yield`; shared by the sync and async bodies. */
type After = { readonly k: 'return' } | { readonly k: 'yield2' } | { readonly k: 'throw'; readonly error: unknown }

function after(run: Run, m: GenMgr, thrown: readonly unknown[]): After {
  run.log(`exit:${m.name}:${thrown.length === 0 ? '-' : chain(thrown[0])}`)
  if (thrown.length === 0) {
    const act = m.onOk
    if (act.k === 'raise') return { k: 'throw', error: newError(act.err) }
    return act.k === 'yield2' ? { k: 'yield2' } : { k: 'return' }
  }
  const error = thrown[0]
  if (!matches(m, error)) return { k: 'throw', error }
  const act = m.onErr
  switch (act.k) {
    case 'suppress':
      return { k: 'return' }
    case 'reraise':
      return { k: 'throw', error }
    case 'yield2':
      return { k: 'yield2' }
    case 'raise':
      return { k: 'throw', error: newError(act.err, thrown) }
  }
}

const genFactory = contextManager(function* (run: Run, m: GenMgr): Generator<undefined, void, undefined> {
  run.log(`enter:${m.name}`)
  if (m.enter.k === 'noyield') return
  if (m.enter.k === 'raise') throw newError(m.enter.err)
  let thrown: [] | [unknown] = []
  try {
    yield undefined
  } catch (e) {
    thrown = [e]
  }
  const next = after(run, m, thrown)
  if (next.k === 'throw') throw next.error
  if (next.k === 'yield2') yield undefined
})

const agenFactory = asyncContextManager(async function* (run: Run, m: GenMgr): AsyncGenerator<undefined, void, undefined> {
  run.log(`enter:${m.name}`)
  if (m.enter.k === 'noyield') return
  if (m.enter.k === 'raise') throw newError(m.enter.err)
  let thrown: [] | [unknown] = []
  try {
    yield undefined
  } catch (e) {
    thrown = [e]
  }
  const next = after(run, m, thrown)
  if (next.k === 'throw') throw next.error
  if (next.k === 'yield2') yield undefined
})

/**
 * ctxlib's `suppress`, observed: the spy forwards enter/exit unchanged and
 * notes when it was handed a `SuppressedError` whose head matches (Python
 * matches the raised exception whatever its context, and so must ctxlib).
 */
function suppressMgr(run: Run, classes: readonly ErrName[]): ContextManager<void> {
  const inner = suppress(...classes.map((c) => CLASSES[c]))
  return {
    enter: () => inner.enter(),
    exit(...thrown) {
      if (thrown.length > 0 && thrown[0] instanceof SuppressedError && isA(thrown[0], classes)) run.wrappedMatch = true
      return inner.exit(...thrown)
    },
  }
}

type SyncMgr = ContextManager
type AnyMgr = SyncMgr | AsyncContextManager

function syncMgr(run: Run, m: Mgr): SyncMgr {
  if (m.kind === 'suppress') return suppressMgr(run, m.classes)
  if (m.async) throw new Error(`scenario bug: async manager ${m.name} in a sync context`)
  return m.kind === 'gen' ? genFactory(run, m) : cls(run, m)
}

function anyMgr(run: Run, m: Mgr): AnyMgr {
  if (m.kind === 'suppress' || !m.async) return syncMgr(run, m)
  return m.kind === 'gen' ? agenFactory(run, m) : acls(run, m)
}

function callbackFn(run: Run, op: Extract<Op, { op: 'callback' }>): () => void {
  return () => {
    run.log(`cb:${op.name}`)
    if (op.raise !== null) throw newError(op.raise)
  }
}

// --- sync ------------------------------------------------------------------

function runStmts(run: Run, stmts: readonly Stmt[]): void {
  for (const s of stmts) {
    switch (s.s) {
      case 'log':
        run.log(`log:${s.id}`)
        break
      case 'raise':
        throw newError(s.err)
      case 'with':
        withContext(
          s.mgrs.map((m) => syncMgr(run, m)),
          () => {
            runStmts(run, s.body)
          },
        )
        break
      case 'stack':
        withContext(new ExitStack(), (stack) => {
          for (const op of s.ops) applyOp(run, stack, op)
          runStmts(run, s.body)
        })
        break
    }
  }
}

function applyOp(run: Run, stack: ExitStack, op: Op): void {
  switch (op.op) {
    case 'enter':
      stack.enterContext(syncMgr(run, op.mgr))
      break
    case 'push': {
      const c = cls(run, op.mgr)
      stack.push(op.asObject ? c : (...thrown: [] | [unknown]) => c.exit(...thrown))
      break
    }
    case 'callback':
      stack.callback(callbackFn(run, op))
      break
    case 'popAll': {
      const popped = stack.popAll()
      if (op.then === 'close') popped.close()
      else if (op.then === 'push') stack.push(popped)
      else if (op.then === 'enter') stack.enterContext(popped)
      break
    }
  }
}

export interface Trace {
  readonly events: readonly string[]
  /** A class-matching `suppress` was handed a `SuppressedError` whose head matched. */
  readonly wrappedMatch: boolean
}

export function runSync(sc: Scenario, options: Options): Trace {
  const run = new Run(options)
  try {
    runStmts(run, sc.body)
    run.log('result:ok')
  } catch (e) {
    run.log(`result:raise:${chain(e)}`)
  }
  return { events: run.events, wrappedMatch: run.wrappedMatch }
}

// --- async -----------------------------------------------------------------

async function arunStmts(run: Run, stmts: readonly Stmt[]): Promise<void> {
  for (const s of stmts) {
    switch (s.s) {
      case 'log':
        run.log(`log:${s.id}`)
        break
      case 'raise':
        throw newError(s.err)
      case 'with':
        await withAsyncContext(
          s.mgrs.map((m) => anyMgr(run, m)),
          async () => {
            await arunStmts(run, s.body)
          },
        )
        break
      case 'stack':
        await withAsyncContext(new AsyncExitStack(), async (stack) => {
          for (const op of s.ops) await aapplyOp(run, stack, op)
          await arunStmts(run, s.body)
        })
        break
    }
  }
}

async function aapplyOp(run: Run, stack: AsyncExitStack, op: Op): Promise<void> {
  switch (op.op) {
    case 'enter':
      if (op.mgr.async) await stack.enterAsyncContext(anyMgr(run, op.mgr))
      else stack.enterContext(syncMgr(run, op.mgr))
      break
    case 'push':
      if (op.mgr.async) {
        const c = acls(run, op.mgr)
        stack.pushAsyncExit(op.asObject ? c : (...thrown: [] | [unknown]) => c.exitAsync(...thrown))
      } else {
        const c = cls(run, op.mgr)
        stack.push(op.asObject ? c : (...thrown: [] | [unknown]) => c.exit(...thrown))
      }
      break
    case 'callback': {
      const fn = callbackFn(run, op)
      if (op.async) stack.pushAsyncCallback(async () => fn())
      else stack.callback(fn)
      break
    }
    case 'popAll': {
      const popped = stack.popAll()
      if (op.then === 'close') await popped.closeAsync()
      else if (op.then === 'push') stack.pushAsyncExit(popped)
      else if (op.then === 'enter') await stack.enterAsyncContext(popped)
      break
    }
  }
}

export async function runAsync(sc: Scenario, options: Options): Promise<Trace> {
  const run = new Run(options)
  try {
    await arunStmts(run, sc.body)
    run.log('result:ok')
  } catch (e) {
    run.log(`result:raise:${chain(e)}`)
  }
  return { events: run.events, wrappedMatch: run.wrappedMatch }
}
