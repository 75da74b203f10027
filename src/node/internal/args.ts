/**
 * Argument checks and the single-use state shared by the Node adapters.
 * Messages follow the library's shape: `api: expected X, got <type>`.
 */
import { fileURLToPath } from 'node:url'
import { badArgument, typeName } from '../../internal/describe.js'
import { trackMade, trackReleased } from '../../internal/track.js'

/** A path that Node's `fs` functions accept. */
export type PathArgument = string | URL | Buffer

/** Whether `value` is a path string, a `URL` or a `Buffer` (what `fs` accepts). */
export function isPathLike(value: unknown): value is PathArgument {
  return typeof value === 'string' || value instanceof URL || Buffer.isBuffer(value)
}

export function checkPath(api: string, value: unknown): PathArgument {
  if (!isPathLike(value)) throw badArgument(api, 'a path string, URL or Buffer', value)
  return value
}

/** A path as a string (file URLs converted, Buffers decoded as UTF-8). */
export function pathString(api: string, value: unknown): string {
  if (typeof value === 'string') return value
  if (value instanceof URL) {
    if (value.protocol !== 'file:') throw new TypeError(`${api}: expected a file: URL, got a ${value.protocol} URL`)
    return fileURLToPath(value)
  }
  if (Buffer.isBuffer(value)) return value.toString('utf8')
  throw badArgument(api, 'a path string, URL or Buffer', value)
}

/** `undefined` → `fallback`; otherwise a number ≥ 0 (`Infinity`: wait forever). */
export function checkGracePeriod(api: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new TypeError(
      `${api}: expected gracePeriod to be a non-negative number of milliseconds, got ${
        typeof value === 'number' ? String(value) : typeName(value)
      }`,
    )
  }
  return value
}

/** An options object, or `undefined` when `optional` (then `{}`). */
export function checkOptions(api: string, value: unknown, optional: boolean): Record<string, unknown> {
  if (value === undefined && optional) return {}
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badArgument(api, optional ? 'an options object or undefined' : 'an options object', value)
  }
  return value as Record<string, unknown>
}

/**
 * The life of a single-use manager: entered at most once, exited at most once,
 * and only after it was entered.
 */
export class SingleUse {
  readonly #api: string
  #state: 'new' | 'entered' | 'exited' = 'new'

  constructor(api: string) {
    this.#api = api
  }

  /** Throws unless this is the first enter. */
  enter(): void {
    if (this.#state !== 'new') {
      throw new TypeError(`${this.#api}: this manager was already entered; call ${this.#api}() again for a new one`)
    }
    this.#state = 'entered'
    trackMade(this, this.#api)
  }

  /** Throws unless the manager is entered and not yet exited. */
  exit(): void {
    if (this.#state !== 'entered') {
      throw new TypeError(
        this.#state === 'new' ? `${this.#api}: exit called before enter` : `${this.#api}: exit called twice`,
      )
    }
    this.#state = 'exited'
    trackReleased(this)
  }

  /** Enter failed: the manager holds nothing and cannot be used again. */
  fail(): void {
    this.#state = 'exited'
    trackReleased(this)
  }

  /** Enters and returns what `acquire` took; when it throws, the enter failed ({@link fail}). */
  enterWith<T>(acquire: () => T): T {
    this.enter()
    try {
      return acquire()
    } catch (e) {
      this.fail()
      throw e
    }
  }

  /** The async twin of {@link enterWith}: a rejection of `acquire` fails the enter. */
  async enterWithAsync<T>(acquire: () => Promise<T>): Promise<T> {
    this.enter()
    try {
      return await acquire()
    } catch (e) {
      this.fail()
      throw e
    }
  }
}
