import type { FileHandle } from 'node:fs/promises'

interface Written {
  bytesWritten: number
}

/** The first write failure seen through a handle, if any. */
export interface WriteFailures {
  readonly first: { error: unknown } | undefined
}

function byteView(data: ArrayBufferView): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

function shortWrite(api: string): Error {
  return new Error(`${api}: a write to the temporary file made no progress`)
}

/**
 * Makes `handle`'s `write` and `writev` complete short writes: a write that
 * wrote fewer bytes than asked (as on a full disk) is continued from where
 * it stopped until every byte is written or a write fails; a write that
 * makes no progress fails. Every failure of `write`, `writev`, `writeFile`,
 * `appendFile` (and so of a `createWriteStream`, which writes through
 * `write`) is recorded, even when the caller catches it. The handle stays
 * the same object; its own properties shadow the prototype's methods, which
 * are looked up at each call.
 */
export function completeWrites(api: string, handle: FileHandle): WriteFailures {
  const failures: { first: { error: unknown } | undefined } = { first: undefined }
  const proto = Object.getPrototypeOf(handle) as Record<string, (...args: unknown[]) => Promise<unknown>>
  const call = (name: string, args: unknown[]): Promise<unknown> => Reflect.apply(proto[name] as (...a: unknown[]) => Promise<unknown>, handle, args)
  const watched = (name: string, run: (args: unknown[]) => Promise<unknown>): void => {
    Object.defineProperty(handle, name, {
      configurable: true,
      writable: true,
      value: async (...args: unknown[]): Promise<unknown> => {
        try {
          return await run(args)
        } catch (e) {
          failures.first ??= { error: e }
          throw e
        }
      },
    })
  }
  watched('write', (args) => writeAll(api, call, args))
  watched('writev', (args) => writevAll(api, call, args))
  watched('writeFile', (args) => call('writeFile', args))
  watched('appendFile', (args) => call('appendFile', args))
  return failures
}

type Call = (name: string, args: unknown[]) => Promise<unknown>

/** `write(string, position?, encoding?)` or `write(view, offset?, length?, position?)` / `write(view, { offset, length, position })`. */
async function writeAll(api: string, call: Call, args: unknown[]): Promise<unknown> {
  const [data, ...rest] = args
  // The first write takes the caller's arguments as they are, so Node checks them.
  const first = (await call('write', args)) as Written & Record<string, unknown>
  let bytes: Uint8Array
  let offset: number
  let length: number
  let position: unknown
  if (typeof data === 'string') {
    bytes = Buffer.from(data, typeof rest[1] === 'string' ? (rest[1] as BufferEncoding) : 'utf8')
    offset = 0
    length = bytes.byteLength
    position = rest[0]
  } else if (ArrayBuffer.isView(data)) {
    bytes = byteView(data)
    const options = rest[0] !== null && typeof rest[0] === 'object' ? (rest[0] as Record<string, unknown>) : undefined
    const [o, l, p] = options ? [options.offset, options.length, options.position] : rest
    offset = typeof o === 'number' ? o : 0
    length = typeof l === 'number' ? l : bytes.byteLength - offset
    position = p
  } else {
    return first
  }
  let done = first.bytesWritten
  while (done < length) {
    const at = typeof position === 'number' ? position + done : null
    const { bytesWritten } = (await call('write', [bytes, offset + done, length - done, at])) as Written
    if (bytesWritten === 0) throw shortWrite(api)
    done += bytesWritten
  }
  return { ...first, bytesWritten: done }
}

/** `writev(views, position?)`. */
async function writevAll(api: string, call: Call, args: unknown[]): Promise<unknown> {
  const first = (await call('writev', args)) as Written & Record<string, unknown>
  const [views, position] = args
  if (!Array.isArray(views)) return first
  let rest = (views as ArrayBufferView[]).map(byteView)
  const length = rest.reduce((sum, view) => sum + view.byteLength, 0)
  let done = first.bytesWritten
  let skip = done
  while (done < length) {
    // Drop what was written: whole views, then the start of the next.
    while (rest.length > 0 && skip >= (rest[0] as Uint8Array).byteLength) skip -= (rest.shift() as Uint8Array).byteLength
    if (skip > 0) rest = [(rest[0] as Uint8Array).subarray(skip), ...rest.slice(1)]
    const at = typeof position === 'number' ? position + done : null
    const { bytesWritten } = (await call('writev', [rest, at])) as Written
    if (bytesWritten === 0) throw shortWrite(api)
    done += bytesWritten
    skip = bytesWritten
  }
  return { ...first, bytesWritten: done }
}
