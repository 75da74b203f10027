import * as fs from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import type { AsyncContextManager, ContextManager } from '../protocols.js'
import { badArgument } from '../internal/describe.js'
import { type PathArgument, checkPath } from './internal/args.js'
import { SingleUse } from './internal/single-use.js'

/** The `flags` of `fs.open`: a string such as `'r'`, `'w'`, `'a+'`, or a number. */
export type Flags = string | number
/** A file mode: a number such as `0o644`, or an octal string. */
export type Mode = string | number

/** The string flags `fs.open` knows; any other string is refused, but only when opening. */
const FLAGS = new Set(['r', 'rs', 'sr', 'r+', 'rs+', 'sr+', 'w', 'wx', 'xw', 'w+', 'wx+', 'xw+', 'a', 'ax', 'xa', 'as', 'sa', 'a+', 'ax+', 'xa+', 'as+', 'sa+'])

function checkFlagsAndMode(api: string, flags: unknown, mode: unknown): void {
  if (flags !== undefined && !(typeof flags === 'string' ? FLAGS.has(flags) : Number.isInteger(flags))) {
    throw badArgument(api, "flags to be one of fs.open's flag strings ('r', 'w', 'a+', …) or an integer", flags)
  }
  const valid =
    typeof mode === 'string'
      ? /^[0-7]+$/.test(mode) && Number.parseInt(mode, 8) <= 0xffff_ffff
      : Number.isInteger(mode) && (mode as number) >= 0 && (mode as number) <= 0xffff_ffff
  if (mode !== undefined && !valid) {
    throw badArgument(api, 'mode to be an integer from 0 to 2³²−1 or an octal string', mode)
  }
}

/** The manager {@link openFile} returns. Single-use. */
export class OpenFile implements AsyncContextManager<FileHandle> {
  readonly #path: PathArgument
  readonly #flags: Flags | undefined
  readonly #mode: Mode | undefined
  readonly #life = new SingleUse('openFile')
  #handle: FileHandle | undefined

  /** Prefer {@link openFile}; the constructor checks its arguments the same way. */
  constructor(path: PathArgument, flags?: Flags, mode?: Mode) {
    this.#path = checkPath('openFile', path)
    checkFlagsAndMode('openFile', flags, mode)
    this.#flags = flags
    this.#mode = mode
  }

  /** Opens the file; resolves to its `FileHandle`. Rejects with the `fs` error if it cannot be opened. */
  async enterAsync(): Promise<FileHandle> {
    this.#handle = await this.#life.enterWithAsync(() => open(this.#path, this.#flags, this.#mode))
    return this.#handle
  }

  /** Closes the handle (a no-op if the block already closed it); never suppresses. */
  async exitAsync(): Promise<false> {
    this.#life.exit()
    const handle = this.#handle as FileHandle
    this.#handle = undefined
    // A handle the block closed itself has fd -1; closing it again would reject.
    if (handle.fd !== -1) await handle.close()
    return false
  }
}

/** The manager {@link openFileSync} returns. Single-use. */
export class OpenFileSync implements ContextManager<number> {
  readonly #path: PathArgument
  readonly #flags: Flags | undefined
  readonly #mode: Mode | undefined
  readonly #life = new SingleUse('openFileSync')
  #fd = -1

  /** Prefer {@link openFileSync}; the constructor checks its arguments the same way. */
  constructor(path: PathArgument, flags?: Flags, mode?: Mode) {
    this.#path = checkPath('openFileSync', path)
    checkFlagsAndMode('openFileSync', flags, mode)
    this.#flags = flags
    this.#mode = mode
  }

  /** Opens the file and returns its descriptor; throws the `fs` error if it cannot be opened. */
  enter(): number {
    this.#fd = this.#life.enterWith(() => fs.openSync(this.#path, this.#flags ?? 'r', this.#mode))
    return this.#fd
  }

  /** Closes the descriptor; never suppresses. */
  exit(): false {
    this.#life.exit()
    const fd = this.#fd
    this.#fd = -1
    fs.closeSync(fd)
    return false
  }
}

/**
 * Opens a file for the duration of a block and closes it afterwards, on every path.
 *
 * The manager enters as a `fs.promises.FileHandle`; at exit the handle is
 * closed (if the block closed it already, nothing happens). A failure to open
 * rejects `enterAsync` with Node's own error, and nothing is left open.
 *
 * @remarks Python: `open()` used in `async with`; like a Python file object, a
 * manager is single-use. Under `await using`, bridge through an
 * `AsyncExitStack`: `await using stack = new AsyncExitStack(); const fh = await stack.enterAsyncContext(openFile(p))`.
 * @param path - a path string, `file:` URL or Buffer
 * @param flags - as for `fs.promises.open` (default `'r'`)
 * @param mode - permissions for a newly created file (default `0o666`, before umask)
 * @returns a single-use async context manager entering as a `FileHandle`
 * @throws `TypeError` at once when an argument is one Node would refuse (not a path, a path with a
 * null byte, an unknown `flags` string, a `mode` that is not an integer or octal string); entering
 * a second time rejects with a `TypeError`
 * @example
 * ```ts
 * const text = await withAsyncContext(openFile('notes.txt'), (file) => file.readFile('utf8'))
 * ```
 */
export function openFile(path: PathArgument, flags?: Flags, mode?: Mode): OpenFile {
  return new OpenFile(path, flags, mode)
}

/**
 * Opens a file synchronously for the duration of a block and closes its descriptor afterwards.
 *
 * The manager enters as a numeric file descriptor and closes it at exit, on
 * every path. A failure to open throws Node's own error from `enter`.
 *
 * @remarks Python: `open()` used in `with`. Single-use, like a Python file
 * object. Under `using`, bridge through an `ExitStack`.
 * @param path - a path string, `file:` URL or Buffer
 * @param flags - as for `fs.openSync` (default `'r'`)
 * @param mode - permissions for a newly created file (default `0o666`, before umask)
 * @returns a single-use context manager entering as a file descriptor
 * @throws `TypeError` at once when an argument is one Node would refuse (as for {@link openFile}),
 * and from `enter` when entered twice
 * @example
 * ```ts
 * withContext(openFileSync('notes.txt', 'w'), (fd) => fs.writeSync(fd, 'Hello'))
 * ```
 */
export function openFileSync(path: PathArgument, flags?: Flags, mode?: Mode): OpenFileSync {
  return new OpenFileSync(path, flags, mode)
}
