import { define } from './internal/define.js'
/** One resource a scope left open: its kind and where the user's code made it. */
export interface ResourceLeak {
  /** A readable kind: `TCPServer`, `TCPSocket`, `Timeout`, `Interval`, `FileHandle`, `ChildProcess`, `FSWatcher`, … */
  readonly type: string
  /** The creating call's user frames (`    at …` lines, the library's and Node's own frames left out). */
  readonly stack: string
}

/** The first `at …` line of a leak's stack, without the `at`. */
function firstFrame(stack: string): string {
  const line = stack.split('\n', 1)[0]?.trim() ?? ''
  return line.startsWith('at ') ? line.slice(3) : line === '' ? 'no user frame' : line
}

function describeLeaks(leaks: readonly ResourceLeak[]): string {
  const count = leaks.length === 1 ? '1 resource' : `${String(leaks.length)} resources`
  return `${count} left open:${leaks.map((leak) => `\n  ${leak.type} created at ${firstFrame(leak.stack)}`).join('')}`
}

/**
 * The error a leak check throws when its scope left resources open: every
 * leak's kind and the user frames that created it, in creation order.
 *
 * @remarks Python: the `ResourceWarning: unclosed …` that `-W error` turns
 * into an exception, one per unclosed object; here one error lists them all,
 * and the frames are always recorded (Python needs `tracemalloc` for them).
 * @example
 * ```ts
 * try { await withAsyncContext(leakCheck(), body) }
 * catch (e) { if (e instanceof ResourceLeakError) console.error(e.leaks.map((l) => l.type)) }
 * ```
 */
export class ResourceLeakError extends Error {
  /** What was left open, in creation order. */
  readonly leaks: readonly ResourceLeak[]

  /**
   * Creates the error for `leaks`; the message says how many, and each one's
   * type and first user frame.
   * @param leaks - what was left open
   * @param options - standard `ErrorOptions` (`cause`)
   */
  constructor(leaks: readonly ResourceLeak[], options?: ErrorOptions) {
    super(describeLeaks(leaks), options)
    this.leaks = Object.freeze(leaks.map((leak) => Object.freeze({ type: leak.type, stack: leak.stack })))
  }
}
define(ResourceLeakError.prototype, 'name', 'ResourceLeakError', true)
