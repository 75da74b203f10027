import { badArgument } from './internal/describe.js'
import { disposeSymbol } from './internal/symbols.js'
import { type Tracker, setTracker } from './internal/track.js'

/** Options of {@link trackUnclosed}. */
export interface TrackUnclosedOptions {
  /**
   * Receives each warning instead of the default (`process.emitWarning` with
   * type `ResourceWarning` on Node, `console.warn` elsewhere).
   */
  onWarning?: (message: string, detail: string) => void
}

/** What the registry keeps for a tracked object: never the object itself. */
interface Made {
  readonly kind: string
  readonly where: { stack?: string | undefined }
}

interface WarningHost {
  emitWarning?: (message: string, options: { type: string; detail: string }) => void
}

function defaultWarning(message: string, detail: string): void {
  const host = (globalThis as { process?: WarningHost }).process
  if (typeof host?.emitWarning === 'function') host.emitWarning(message, { type: 'ResourceWarning', detail })
  else console.warn(`ResourceWarning: ${message}\n${detail}`)
}

/** The frames of a stack captured in `made`, without the header and the tracker's own two frames. */
function creationSite(where: { stack?: string | undefined }): string {
  const lines = (where.stack ?? '').split('\n')
  if (lines[0]?.startsWith('Error') === true) lines.shift()
  return `created at:\n${lines.slice(2).join('\n')}`
}

/** `ExitStack`, or `the listen() manager` for an adapter named by its factory. */
const describeKind = (kind: string): string => (/^[a-z]/.test(kind) ? `the ${kind}() manager` : kind)

/**
 * Turns on garbage-collection warnings until disposed: an `ExitStack`,
 * `AsyncExitStack`, the ponyfill's `DisposableStack`/`AsyncDisposableStack`,
 * an entered generator manager, a task group, or a `ctxlib/node` adapter
 * that is garbage-collected while it still holds something (never closed,
 * exited or disposed) emits one `ResourceWarning` naming what it was and, in
 * `detail`, where it was created.
 *
 * A warning, not an error: garbage collection runs when the engine decides,
 * so this finds leaks in long runs and tests but cannot fail a block at a
 * known point (`leakCheck` from `ctxlib/node` does that). Objects made while
 * tracking is on are watched until disposal; calls nest (the innermost
 * options apply until its dispose). Off (the default), the hooks in those
 * classes cost a null check.
 *
 * @remarks Python: `ResourceWarning` for an unclosed file or socket, shown
 * under `python -W always` (with `tracemalloc` for where it was made). Here
 * the creation site is always recorded, for the objects made while on. An
 * exit stack counts from its creation until it is first closed.
 * @param options - `onWarning(message, detail)` to receive warnings yourself
 * @returns a `Disposable` that turns tracking off again
 * @throws `TypeError` when `options` is not an object or `onWarning` not a function
 * @example
 * ```ts
 * using _ = trackUnclosed()
 * const stack = new ExitStack()
 * stack.callback(() => console.log('never runs'))
 * // stack dropped without close(): later, "(node) ResourceWarning: ExitStack was garbage-collected …"
 * ```
 */
export function trackUnclosed(options?: TrackUnclosedOptions): Disposable {
  const given: unknown = options
  if (given !== undefined && (typeof given !== 'object' || given === null)) {
    throw badArgument('trackUnclosed', 'an options object or undefined', given)
  }
  const onWarning: unknown = options?.onWarning
  if (onWarning !== undefined && typeof onWarning !== 'function') {
    throw badArgument('trackUnclosed', 'onWarning to be a function', onWarning)
  }
  const warn = (onWarning as TrackUnclosedOptions['onWarning']) ?? defaultWarning
  let on = true
  const registry = new FinalizationRegistry<Made>((made) => {
    if (on) warn(`${describeKind(made.kind)} was garbage-collected while still holding resources: it was never closed, exited or disposed`, creationSite(made.where))
  })
  const watched = new WeakSet()
  const tracker: Tracker = {
    made(target, kind) {
      if (watched.has(target)) return
      watched.add(target)
      // A plain Error, not Error.captureStackTrace: the same on every engine.
      const where = { stack: new Error().stack }
      registry.register(target, { kind: kind ?? target.constructor.name, where }, target)
    },
    released(target) {
      if (!watched.has(target)) return
      watched.delete(target)
      registry.unregister(target)
    },
  }
  const previous = setTracker(tracker)
  return {
    [disposeSymbol](): void {
      if (!on) return
      on = false
      setTracker(previous)
    },
  }
}
