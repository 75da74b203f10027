import * as fs from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import type { AsyncContextManager, ContextManager } from '../protocols.js'
import { badArgument } from '../internal/describe.js'
import { SingleUse } from './internal/single-use.js'

const DEFAULT_PREFIX = 'ctxlib-'

function checkPrefix(api: string, prefix: unknown): string {
  if (prefix === undefined) return DEFAULT_PREFIX
  if (typeof prefix !== 'string') throw badArgument(api, 'a prefix string', prefix)
  // A separator would place the directory outside os.tmpdir() or in a subdirectory.
  if (prefix.includes('/') || prefix.includes('\\') || prefix.includes('\0')) {
    throw new TypeError(`${api}: expected a prefix without path separators, got a path`)
  }
  return prefix
}

/** The manager {@link tempDir} returns. Single-use. */
export class TempDir implements AsyncContextManager<string> {
  readonly #prefix: string
  readonly #life = new SingleUse('tempDir')
  #path = ''

  /** Prefer {@link tempDir}; the constructor checks its argument the same way. */
  constructor(prefix?: string) {
    this.#prefix = checkPrefix('tempDir', prefix)
  }

  /** Creates the directory; resolves to its absolute path. */
  async enterAsync(): Promise<string> {
    this.#path = await this.#life.enterWithAsync(() => mkdtemp(path.join(os.tmpdir(), this.#prefix)))
    return this.#path
  }

  /** Removes the directory and everything in it; never suppresses. */
  async exitAsync(): Promise<false> {
    this.#life.exit()
    await rm(this.#path, { recursive: true, force: true, maxRetries: 3 })
    return false
  }
}

/** The manager {@link tempDirSync} returns. Single-use. */
export class TempDirSync implements ContextManager<string> {
  readonly #prefix: string
  readonly #life = new SingleUse('tempDirSync')
  #path = ''

  /** Prefer {@link tempDirSync}; the constructor checks its argument the same way. */
  constructor(prefix?: string) {
    this.#prefix = checkPrefix('tempDirSync', prefix)
  }

  /** Creates the directory and returns its absolute path. */
  enter(): string {
    this.#path = this.#life.enterWith(() => fs.mkdtempSync(path.join(os.tmpdir(), this.#prefix)))
    return this.#path
  }

  /** Removes the directory and everything in it; never suppresses. */
  exit(): false {
    this.#life.exit()
    fs.rmSync(this.#path, { recursive: true, force: true, maxRetries: 3 })
    return false
  }
}

/**
 * Creates a temporary directory for the duration of a block and removes it, recursively, afterwards.
 *
 * Enters as the absolute path of a new directory in `os.tmpdir()` whose name
 * starts with `prefix` followed by six random characters. It is removed on
 * every path, whatever the block left inside.
 *
 * @remarks Python: `tempfile.TemporaryDirectory(prefix=…)` used in
 * `async with`. Single-use. Under `await using`, bridge through an
 * `AsyncExitStack`.
 * @param prefix - start of the directory's name (default `'ctxlib-'`); no path separators
 * @returns a single-use async context manager entering as the directory's path
 * @throws `TypeError` at once when `prefix` is not a string or holds a path separator
 * @example
 * ```ts
 * await withAsyncContext(tempDir('build-'), async (dir) => {
 *   await fs.promises.writeFile(path.join(dir, 'out.txt'), 'hi')
 * })
 * ```
 */
export function tempDir(prefix?: string): TempDir {
  return new TempDir(prefix)
}

/**
 * Creates a temporary directory synchronously and removes it, recursively, after the block.
 *
 * The synchronous twin of {@link tempDir}.
 *
 * @remarks Python: `tempfile.TemporaryDirectory(prefix=…)` used in `with`. Single-use.
 * @param prefix - start of the directory's name (default `'ctxlib-'`); no path separators
 * @returns a single-use context manager entering as the directory's path
 * @throws `TypeError` at once when `prefix` is not a string or holds a path separator
 * @example
 * ```ts
 * withContext(tempDirSync('scratch-'), (dir) => fs.writeFileSync(path.join(dir, 'a.txt'), 'a'))
 * ```
 */
export function tempDirSync(prefix?: string): TempDirSync {
  return new TempDirSync(prefix)
}
