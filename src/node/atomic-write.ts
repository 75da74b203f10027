import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { open, rename, stat, unlink, type FileHandle } from 'node:fs/promises'
import * as path from 'node:path'
import type { AsyncContextManager } from '../protocols.js'
import { badArgument } from '../internal/describe.js'
import { checkOptions, pathString } from './internal/args.js'
import { type WriteFailures, completeWrites } from './internal/complete-writes.js'
import { SingleUse } from './internal/single-use.js'

/** Options of {@link atomicWrite}. */
export interface AtomicWriteOptions {
  /** Permissions of the new file. Default: the existing target's, else `0o666` before umask. */
  mode?: number
  /** Flush the data (and the directory entry, where the platform allows) to disk before and after the rename. Default `true`. */
  fsync?: boolean
}

/** Errors that mean "this platform cannot fsync a directory", not that something went wrong. */
const DIRECTORY_SYNC_UNSUPPORTED = new Set(['EISDIR', 'EINVAL', 'EPERM', 'EACCES', 'ENOTSUP', 'EBADF'])

function code(e: unknown): unknown {
  return typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined
}

async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle
  try {
    handle = await open(dir, constants.O_RDONLY)
  } catch (e) {
    if (DIRECTORY_SYNC_UNSUPPORTED.has(code(e) as string)) return
    throw e
  }
  try {
    await handle.sync()
  } catch (e) {
    if (!DIRECTORY_SYNC_UNSUPPORTED.has(code(e) as string)) throw e
  } finally {
    await handle.close()
  }
}

/** The manager {@link atomicWrite} returns. Single-use. */
export class AtomicWrite implements AsyncContextManager<FileHandle> {
  readonly #target: string
  readonly #mode: number | undefined
  readonly #fsync: boolean
  readonly #life = new SingleUse('atomicWrite')
  #temp = ''
  #handle: FileHandle | undefined
  #failures: WriteFailures | undefined

  /** Prefer {@link atomicWrite}; the constructor checks its arguments the same way. */
  constructor(target: string | URL, options?: AtomicWriteOptions) {
    if (typeof target !== 'string' && !(target instanceof URL)) {
      throw badArgument('atomicWrite', 'a path string or file URL', target)
    }
    this.#target = path.resolve(pathString('atomicWrite', target))
    const opts = checkOptions('atomicWrite', options, true)
    const { mode, fsync } = opts
    if (mode !== undefined && (typeof mode !== 'number' || !Number.isInteger(mode) || mode < 0 || mode > 0xffff_ffff)) {
      throw badArgument('atomicWrite', 'mode to be an integer from 0 to 2³²−1', mode)
    }
    if (fsync !== undefined && typeof fsync !== 'boolean') {
      throw badArgument('atomicWrite', 'fsync to be a boolean', fsync)
    }
    this.#mode = mode
    this.#fsync = (fsync) ?? true
  }

  /** The temporary file's path while entered (`''` otherwise): beside the target, so the rename cannot cross file systems. */
  get tempPath(): string {
    return this.#temp
  }

  /**
   * Creates the temporary file beside the target; resolves to its
   * `FileHandle`, whose `write` and `writev` complete short writes.
   */
  async enterAsync(): Promise<FileHandle> {
    const temp = path.join(path.dirname(this.#target), `.${path.basename(this.#target)}.${randomBytes(6).toString('hex')}.tmp`)
    // 'wx': never reuse (or follow a symlink planted at) an existing name.
    const handle = await this.#life.enterWithAsync(() => open(temp, 'wx', this.#mode ?? 0o666))
    this.#failures = completeWrites('atomicWrite', handle)
    this.#handle = handle
    this.#temp = temp
    return handle
  }

  /**
   * Completed block: flushes, fsyncs (unless `fsync: false`), sets the mode and
   * renames the temporary file over the target. Failed block, a write through
   * the handle that failed (even one the block caught), or any failure while
   * committing: removes the temporary file; the target is untouched.
   */
  async exitAsync(...thrown: [] | [error: unknown]): Promise<false> {
    this.#life.exit()
    const handle = this.#handle as FileHandle
    const temp = this.#temp
    const failed = this.#failures?.first
    this.#handle = undefined
    this.#temp = ''
    this.#failures = undefined
    if (thrown.length === 1) {
      await discard(handle, temp)
      return false
    }
    if (failed !== undefined) {
      await discard(handle, temp)
      throw new Error('atomicWrite: not committed, because a write to the temporary file failed; the target is untouched', {
        cause: failed.error,
      })
    }
    try {
      await this.#commit(handle, temp)
    } catch (e) {
      await discard(handle, temp).catch(() => undefined)
      throw e
    }
    return false
  }

  async #commit(handle: FileHandle, temp: string): Promise<void> {
    const mode = this.#mode ?? (await existingMode(this.#target))
    // The block may have closed the handle itself (fd -1): reopen to finish.
    const live = handle.fd === -1 ? await open(temp, 'r+') : handle
    try {
      if (mode !== undefined) await live.chmod(mode)
      if (this.#fsync) await live.sync()
    } finally {
      await live.close()
      if (live !== handle && handle.fd !== -1) await handle.close()
    }
    await rename(temp, this.#target)
    if (this.#fsync) await syncDirectory(path.dirname(this.#target))
  }
}

async function existingMode(target: string): Promise<number | undefined> {
  try {
    return (await stat(target)).mode & 0o7777
  } catch (e) {
    if (code(e) === 'ENOENT') return undefined
    throw e
  }
}

async function discard(handle: FileHandle, temp: string): Promise<void> {
  try {
    if (handle.fd !== -1) await handle.close()
  } finally {
    await unlink(temp).catch((e: unknown) => {
      if (code(e) !== 'ENOENT') throw e
    })
  }
}

/**
 * Writes a file atomically: readers see the old content or the new, never a mix.
 *
 * Enters as a `FileHandle` on a new temporary file beside `path`. When the
 * block completes, the data is flushed and fsynced (unless `fsync: false`),
 * the file gets `mode` (or the existing target's mode), and it is renamed
 * over `path`; the directory is then fsynced where the platform allows. When
 * the block throws (or committing fails), the temporary file is removed and
 * `path` is left byte-for-byte as it was.
 *
 * A short file is never committed. The handle's `write` and `writev`
 * complete short writes (as a full disk makes them): they resolve only once
 * every byte is written, and reject when a write fails or makes no progress.
 * If any write through the handle (`write`, `writev`, `writeFile`,
 * `appendFile`, or a stream from `createWriteStream`) failed, the exit
 * refuses to commit, even when the block caught the error: it removes the
 * temporary file and rejects with an `Error` whose `cause` is the first
 * failure. Writes that bypass the handle (`fs.write(handle.fd, …)`) are the
 * caller's to check.
 *
 * @remarks Python: no twin in `contextlib` (the usual recipe is
 * `tempfile.NamedTemporaryFile` + `os.replace`). This manager must see
 * whether the block failed, so use it with `withAsyncContext` or in a stack
 * that `withAsyncContext` runs; under `await using` an `AsyncExitStack`
 * cannot tell it the block threw, and it would commit. Ownership and ACLs of
 * an existing target are not copied.
 * @param path - the file to replace (string or `file:` URL); its directory must exist
 * @param options - `mode` of the new file; `fsync` (default `true`)
 * @returns a single-use async context manager entering as a `FileHandle`
 * @throws `TypeError` at once on bad arguments; `enterAsync` rejects with Node's error when the
 * temporary file cannot be created; the exit rejects (and commits nothing) when a write failed
 * @example
 * ```ts
 * await withAsyncContext(atomicWrite('settings.json'), (file) =>
 *   file.writeFile(JSON.stringify(settings, null, 2)),
 * )
 * ```
 */
export function atomicWrite(path: string | URL, options?: AtomicWriteOptions): AtomicWrite {
  return new AtomicWrite(path, options)
}
