/**
 * The one `async_hooks` hook behind every leak check: it sees host resources
 * as they are made and records each in the scope that caused it.
 *
 * Attribution: an `AsyncLocalStorage` carries the scope into every callback
 * and `await` continuation the scope started (on Node 24+ through V8's
 * context frames, without promise hooks). Where the host makes a resource
 * outside any context (a server's accepted socket, a DNS-resolved listen), the
 * resource is traced to the one that triggered it; a `FileHandle`, made by
 * the host with no trace at all, is claimed by the `fs.promises` request that
 * resolves to it. The hook is enabled only while a check is running.
 */
import * as hooks from 'node:async_hooks'
import { checkHookSupport } from './hook-support.js'
import { kindOf } from './resource-kind.js'
import { type Trace, captureTrace, userFrames } from './user-frames.js'

/**
 * Where a resource came from: its scope, its creation stack, and the stack
 * of the resource that triggered it (one level only, so that a chain of
 * timers each arming the next holds no growing chain of stacks).
 */
interface Origin {
  readonly scope: LeakScope
  readonly trace: Trace
  readonly via: Trace | undefined
}

/** A host resource recorded in a scope. */
export interface Recorded {
  readonly id: number
  readonly type: string
  readonly resource: object
  readonly origin: Origin
  destroyed: boolean
}

/** One leak check's scope: what was made in it, and its enclosing scope. */
export class LeakScope {
  readonly parent: LeakScope | undefined
  readonly records: Recorded[] = []
  active = true
  constructor(parent: LeakScope | undefined) {
    this.parent = parent
  }
}

interface Host {
  readonly storage: hooks.AsyncLocalStorage<LeakScope>
  readonly hook: hooks.AsyncHook
}

let host: Host | undefined
let running = 0
let quiet = 0
const origins = new Map<number, Origin>()
const recorded = new Map<number, Recorded>()
// FileHandles the host made, until the request that opened them claims them.
const unclaimed = new WeakMap<object, number>()

/** The innermost scope from `scope` outwards that is still running. */
function activeFrom(scope: LeakScope | undefined): LeakScope | undefined {
  let s = scope
  while (s !== undefined && !s.active) s = s.parent
  return s
}

function record(id: number, type: string, resource: object, origin: Origin): void {
  const entry: Recorded = { id, type, resource, origin, destroyed: false }
  origin.scope.records.push(entry)
  recorded.set(id, entry)
}

/** An `fs.promises` request resolving to a FileHandle the host made without context: the handle is the request's. */
function claimFileHandle(request: object, origin: Origin): void {
  const promise = (request as { promise?: unknown }).promise
  if (!(promise instanceof Promise)) return
  promise.then(
    (value: unknown) => {
      if (typeof value !== 'object' || value === null) return
      const id = unclaimed.get(value)
      const scope = activeFrom(origin.scope)
      if (id === undefined || scope === undefined) return
      unclaimed.delete(value)
      record(id, 'FILEHANDLE', value, scope === origin.scope ? origin : { ...origin, scope })
    },
    () => undefined,
  )
}

function init(id: number, type: string, trigger: number, resource: object): void {
  if (quiet !== 0 || type === 'PROMISE' || type === 'Microtask') return
  // The host makes a FileHandle with no user frame (and on Node 24+ outside any context): the request that opened it claims it.
  if (type === 'FILEHANDLE') {
    unclaimed.set(resource, id)
    return
  }
  const running = hooks.executionAsyncId()
  let scope: LeakScope | undefined
  let via: Origin | undefined
  if (running === 0 && trigger !== 0) {
    // Made by the host outside any JavaScript context (a server accepting a connection): it belongs where its trigger does.
    via = origins.get(trigger)
    scope = activeFrom(via?.scope)
  } else {
    via = origins.get(running) ?? origins.get(trigger)
    scope = activeFrom((host as Host).storage.getStore()) ?? activeFrom(via?.scope)
  }
  if (scope === undefined) return
  const origin: Origin = { scope, trace: captureTrace(init), via: via?.trace }
  origins.set(id, origin)
  if (type === 'FSREQPROMISE') claimFileHandle(resource, origin)
  if (kindOf(type) !== undefined) record(id, type, resource, origin)
}

function destroy(id: number): void {
  origins.delete(id)
  const entry = recorded.get(id)
  if (entry === undefined) return
  entry.destroyed = true
  recorded.delete(id)
}

function start(api: string): Host {
  if (host !== undefined) return host
  // Checked before anything is made: a host without working hooks gets a TypeError, never a check that sees nothing.
  checkHookSupport(api, (hooks as { createHook?: unknown }).createHook, process.versions)
  if (typeof (hooks as { AsyncLocalStorage?: unknown }).AsyncLocalStorage !== 'function') {
    throw new TypeError(`${api}: this runtime has no AsyncLocalStorage, so it cannot tell which scope made a resource`)
  }
  // `trackPromises: false` (Node 24+): promises are never resources, so they cost nothing; older hosts ignore it.
  const options = { init, destroy, trackPromises: false }
  host = { storage: new hooks.AsyncLocalStorage<LeakScope>(), hook: hooks.createHook(options) }
  return host
}

/**
 * Opens a scope nested in the current one and makes it current for the rest
 * of the calling function and everything it starts. Throws a `TypeError`
 * naming `api` where the host cannot see resources being made.
 */
export function openScope(api: string): LeakScope {
  const h = start(api)
  const scope = new LeakScope(activeFrom(h.storage.getStore()))
  if (running++ === 0) h.hook.enable()
  h.storage.enterWith(scope)
  return scope
}

/** Makes `scope` current again (entering a check that was made elsewhere). */
export function resumeScope(scope: LeakScope): void {
  host?.storage.enterWith(scope)
}

/**
 * Ends `scope`: it records nothing more. What it recorded that is still open
 * and was not `reported` (an ignored type, an unref'd timer) passes to the
 * enclosing check, which judges it by its own rules. The hook is off once no
 * scope runs.
 */
export function closeScope(scope: LeakScope, reported: ReadonlySet<Recorded>): void {
  if (!scope.active || host === undefined) return
  scope.active = false
  const parent = activeFrom(scope.parent)
  if (parent !== undefined) {
    for (const entry of scope.records) if (!entry.destroyed && !reported.has(entry)) parent.records.push(entry)
    parent.records.sort((a, b) => a.id - b.id)
  }
  if (--running === 0) {
    host.hook.disable()
    // Node 20/22 keep a promise hook on while a store is set: switch it off with the last check.
    host.storage.disable()
    origins.clear()
    recorded.clear()
  }
}

/** Runs `fn` (the check's own waiting) without recording what it makes. */
export function quietly<T>(fn: () => T): T {
  quiet++
  try {
    return fn()
  } finally {
    quiet--
  }
}

/** The user frames that made `entry`, from its own stack or else from the resource that triggered it. */
export function creationFrames(entry: Recorded): string {
  const frames = userFrames(entry.origin.trace)
  return frames !== '' || entry.origin.via === undefined ? frames : userFrames(entry.origin.via)
}
