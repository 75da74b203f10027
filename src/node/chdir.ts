import type { ContextManager } from '../protocols.js'
import { badArgument } from '../internal/describe.js'

/** The manager {@link chdir} returns. Reusable and reentrant. */
export class Chdir implements ContextManager<undefined> {
  readonly #path: string
  readonly #previous: string[] = []

  /** Prefer {@link chdir}; the constructor checks its argument the same way. */
  constructor(path: string) {
    if (typeof path !== 'string') throw badArgument('chdir', 'a path string', path)
    this.#path = path
  }

  /** Remembers the current directory and changes to the path; throws Node's error (e.g. `ENOENT`) if it cannot. */
  enter(): undefined {
    const previous = process.cwd()
    process.chdir(this.#path)
    this.#previous.push(previous)
    return undefined
  }

  /** Changes back to the directory the matching `enter` left; never suppresses. */
  exit(): false {
    const previous = this.#previous.pop()
    if (previous === undefined) throw new TypeError('chdir: exit called before enter')
    process.chdir(previous)
    return false
  }
}

/**
 * Changes the working directory for the duration of a block and changes back afterwards.
 *
 * Enters as `undefined`. The directory to return to is read at each enter,
 * so the manager is reusable and reentrant (nested uses unwind in order).
 * The working directory is process-wide: do not use this around code that
 * awaits while other tasks rely on the working directory.
 *
 * @remarks Python: `contextlib.chdir` (also reentrant). `process.chdir` is
 * unavailable in worker threads, where `enter` throws Node's error.
 * @param path - the directory to change to, relative to the current one or absolute
 * @returns a reusable, reentrant context manager entering as `undefined`
 * @throws `TypeError` at once when `path` is not a string; `enter` throws Node's error when the directory cannot be entered
 * @example
 * ```ts
 * withContext(chdir('/tmp'), () => fs.writeFileSync('scratch.txt', 'x'))
 * ```
 */
export function chdir(path: string): Chdir {
  return new Chdir(path)
}
