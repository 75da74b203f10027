/**
 * Argument checks shared by the Node adapters. Messages follow the library's
 * shape: `api: expected X, got <type>`.
 */
import { fileURLToPath } from 'node:url'
import { badArgument } from '../../internal/describe.js'
import { checkDelay } from '../../internal/delay.js'

/** A path that Node's `fs` functions accept. */
export type PathArgument = string | URL | Buffer

/** Whether `value` is a path string, a `URL` or a `Buffer` (what `fs` accepts). */
export function isPathLike(value: unknown): value is PathArgument {
  return typeof value === 'string' || value instanceof URL || Buffer.isBuffer(value)
}

/** A path `fs` accepts: a string, URL or Buffer, without null bytes (which Node refuses only when opening). */
export function checkPath(api: string, value: unknown): PathArgument {
  if (!isPathLike(value)) throw badArgument(api, 'a path string, URL or Buffer', value)
  if (value instanceof URL) pathString(api, value)
  else checkNoNullByte(api, value)
  return value
}

function checkNoNullByte(api: string, value: string | Buffer): void {
  if (typeof value === 'string' ? value.includes('\0') : value.includes(0)) {
    throw new TypeError(`${api}: expected a path without null bytes, got a path with one`)
  }
}

/** A path as a string (file URLs converted, Buffers decoded as UTF-8). */
export function pathString(api: string, value: unknown): string {
  let text: string
  if (typeof value === 'string') text = value
  else if (value instanceof URL) {
    if (value.protocol !== 'file:') throw new TypeError(`${api}: expected a file: URL, got a ${value.protocol} URL`)
    try {
      text = fileURLToPath(value)
    } catch {
      // A host on POSIX, an encoded slash: Node's message would print the URL.
      throw new TypeError(`${api}: expected a file: URL that names a local path, got another file: URL`)
    }
  } else if (Buffer.isBuffer(value)) text = value.toString('utf8')
  else throw badArgument(api, 'a path string, URL or Buffer', value)
  checkNoNullByte(api, text)
  return text
}

/** `undefined` → `fallback`; otherwise a number ≥ 0 (`Infinity`: wait forever). */
export function checkGracePeriod(api: string, value: unknown, fallback: number): number {
  return value === undefined ? fallback : checkDelay(api, value, 'gracePeriod to be a non-negative number of milliseconds')
}

/** An options object, or `undefined` when `optional` (then `{}`). */
export function checkOptions(api: string, value: unknown, optional: boolean): Record<string, unknown> {
  if (value === undefined && optional) return {}
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badArgument(api, optional ? 'an options object or undefined' : 'an options object', value)
  }
  return value as Record<string, unknown>
}
