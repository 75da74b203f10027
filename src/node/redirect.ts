import type { ContextManager } from '../protocols.js'
import { badArgument } from '../internal/describe.js'

/** Anything with a stream-like `write`: a `Writable`, a `PassThrough`, a custom collector. */
export interface WritableLike {
  /** Receives each chunk written to the redirected stream. */
  write(chunk: string | Uint8Array, ...rest: unknown[]): boolean
}

type Write = NodeJS.WriteStream['write']

function checkWritable(api: string, value: unknown): void {
  if (typeof value !== 'object' || typeof (value as { write?: unknown } | null)?.write !== 'function') {
    throw badArgument(api, 'a writable with a write method', value)
  }
}

/** Gives a manager its factory's name for messages; set once, by the factories below. */
let nameAfterFactory: (redirect: Redirect<WritableLike>, api: string) => void

/** The manager {@link redirectStdout} and {@link redirectStderr} return. Reusable and reentrant. */
export class Redirect<W extends WritableLike> implements ContextManager<W> {
  #api = 'Redirect'
  readonly #stream: NodeJS.WriteStream
  readonly #target: W
  readonly #saved: Write[] = []

  static {
    nameAfterFactory = (redirect, api) => {
      redirect.#api = api
    }
  }

  /**
   * Prefer {@link redirectStdout} / {@link redirectStderr}.
   * @param stream - the stream whose `write` is replaced while entered (such as `process.stdout`)
   * @param target - receives what is written
   * @throws `TypeError` when either has no `write` method
   */
  constructor(stream: NodeJS.WriteStream, target: W) {
    checkWritable('Redirect', stream)
    checkWritable('Redirect', target)
    this.#stream = stream
    this.#target = target
  }

  /** Replaces the stream's `write` with one that writes to the target; returns the target. */
  enter(): W {
    const target = this.#target
    // Own property lookup keeps an instance override (another redirect, a test spy) restorable.
    this.#saved.push((this.#stream as { write: Write }).write)
    const write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => target.write(chunk, ...rest)
    this.#stream.write = write
    return target
  }

  /** Restores the `write` that the matching `enter` replaced; never suppresses. */
  exit(): false {
    const saved = this.#saved.pop()
    if (saved === undefined) throw new TypeError(`${this.#api}: exit called before enter`)
    this.#stream.write = saved
    return false
  }
}

/**
 * Sends everything written to `process.stdout` to another writable for the duration of a block.
 *
 * Replaces `process.stdout.write` (which `console.log` also goes through)
 * with a function that writes to `writable`, and restores the previous one
 * at exit. Reusable and reentrant. Output written directly to file
 * descriptor 1 (child processes with `stdio: 'inherit'`, `fs.writeSync(1, …)`)
 * is not redirected.
 *
 * @remarks Python: `contextlib.redirect_stdout`, which swaps `sys.stdout`;
 * here the `write` method is swapped, because `process.stdout` cannot be
 * reassigned. Like Python's, it is process-wide: not for concurrent async code.
 * @param writable - any object with a stream-like `write(chunk, encoding?, callback?)`
 * @returns a reusable, reentrant context manager entering as `writable`
 * @throws `TypeError` at once when `writable` has no `write` method
 * @example
 * ```ts
 * const out = new PassThrough()
 * withContext(redirectStdout(out), () => console.log('captured'))
 * out.read().toString() // 'captured\n'
 * ```
 */
export function redirectStdout<W extends WritableLike>(writable: W): Redirect<W> {
  checkWritable('redirectStdout', writable)
  const redirect = new Redirect(process.stdout, writable)
  nameAfterFactory(redirect, 'redirectStdout')
  return redirect
}

/**
 * Sends everything written to `process.stderr` to another writable for the duration of a block.
 *
 * The `process.stderr` twin of {@link redirectStdout} (`console.error` goes through it).
 *
 * @remarks Python: `contextlib.redirect_stderr`.
 * @param writable - any object with a stream-like `write(chunk, encoding?, callback?)`
 * @returns a reusable, reentrant context manager entering as `writable`
 * @throws `TypeError` at once when `writable` has no `write` method
 * @example
 * ```ts
 * const log: string[] = []
 * withContext(redirectStderr({ write: (c) => log.push(String(c)) > 0 }), () => console.error('oops'))
 * ```
 */
export function redirectStderr<W extends WritableLike>(writable: W): Redirect<W> {
  checkWritable('redirectStderr', writable)
  const redirect = new Redirect(process.stderr, writable)
  nameAfterFactory(redirect, 'redirectStderr')
  return redirect
}
