/**
 * Faults around atomicWrite: a disk that takes fewer bytes than asked (short
 * writes), then none (ENOSPC). Simulated by wrapping FileHandle's own `write`
 * so that it really writes a prefix and reports it, as the kernel does on a
 * nearly full disk; everything else is real files in a temp directory.
 */
import * as fs from 'node:fs'
import { type FileHandle, open } from 'node:fs/promises'
import * as path from 'node:path'
import { finished } from 'node:stream/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { withAsyncContext } from '../../src/index.js'
import { atomicWrite, tempDirSync } from '../../src/node/index.js'
import { guardResources } from '../node/helpers.js'

guardResources()

type Write = (this: FileHandle, data: unknown, ...rest: unknown[]) => Promise<{ bytesWritten: number }>

let dir = ''
let cleanup: () => void = () => undefined
let proto: Record<string, unknown> = {}
let originals: Record<string, unknown> = {}

beforeEach(async () => {
  const cm = tempDirSync('ctxlib-short-')
  dir = cm.enter()
  cleanup = () => cm.exit()
  const probe = await open(path.join(dir, 'probe'), 'w')
  proto = Object.getPrototypeOf(probe) as Record<string, unknown>
  await probe.close()
  fs.unlinkSync(path.join(dir, 'probe'))
  originals = { write: proto.write, writev: proto.writev, writeFile: proto.writeFile }
})
afterEach(() => {
  Object.assign(proto, originals)
  cleanup()
})

function enospc(): Error {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' })
}

/**
 * From now on every FileHandle write takes at most `chunk` bytes per call,
 * and `capacity` bytes in all; past that, it rejects with ENOSPC.
 */
function shortDisk(chunk: number, capacity = Number.POSITIVE_INFINITY): void {
  const write = originals.write as Write
  let left = capacity
  proto.write = async function (this: FileHandle, data: unknown, ...rest: unknown[]) {
    let bytes: Buffer
    let offset: number
    let length: number
    let position: unknown
    if (typeof data === 'string') {
      bytes = Buffer.from(data)
      ;[offset, length, position] = [0, bytes.length, rest[0]]
    } else {
      const view = data as Uint8Array
      bytes = Buffer.from(view.buffer, view.byteOffset, view.byteLength)
      offset = typeof rest[0] === 'number' ? rest[0] : 0
      length = typeof rest[1] === 'number' ? rest[1] : bytes.length - offset
      position = rest[2]
    }
    if (left === 0 && length > 0) throw enospc()
    const n = Math.min(length, chunk, left)
    left -= n
    const { bytesWritten } = await write.call(this, bytes, offset, n, typeof position === 'number' ? position : null)
    return { bytesWritten, buffer: data }
  }
  proto.writev = async function (this: FileHandle, views: Uint8Array[], position?: number | null) {
    // A short writev: only the start of the first buffer.
    const first = views[0] ?? new Uint8Array()
    const result = await (proto.write as Write).call(this, first, 0, first.byteLength, position ?? null)
    return { bytesWritten: result.bytesWritten, buffers: views }
  }
}

const text = (n: number): string => Array.from({ length: n }, (_, i) => String.fromCharCode(97 + (i % 26))).join('')

describe('atomicWrite on a disk that writes short', () => {
  it('completes short writes through write (string and buffer) and writev', async () => {
    const target = path.join(dir, 'out.txt')
    shortDisk(7)
    const results = await withAsyncContext(atomicWrite(target), async (fh) => {
      const a = await fh.write(text(1_000))
      const b = await fh.write(Buffer.from(text(500)), 100, 300)
      const c = await fh.writev([Buffer.from('first|'), Buffer.from('second|'), Buffer.from('third')])
      return [a.bytesWritten, b.bytesWritten, c.bytesWritten]
    })
    expect(results).toEqual([1_000, 300, 18])
    expect(fs.readFileSync(target, 'utf8')).toBe(text(1_000) + text(500).slice(100, 400) + 'first|second|third')
  })

  it('completes the writes of a stream made with createWriteStream', async () => {
    const target = path.join(dir, 'stream.txt')
    shortDisk(5)
    await withAsyncContext(atomicWrite(target), async (fh) => {
      const out = fh.createWriteStream()
      out.end(text(2_000))
      await finished(out)
    })
    expect(fs.readFileSync(target, 'utf8')).toBe(text(2_000))
  })

  it('on a full disk, the write rejects with ENOSPC, the block fails, and the target is untouched', async () => {
    const target = path.join(dir, 'settings.json')
    fs.writeFileSync(target, 'old')
    shortDisk(64, 100)
    await expect(withAsyncContext(atomicWrite(target), (fh) => fh.write(text(1_000)))).rejects.toMatchObject({ code: 'ENOSPC' })
    expect(fs.readFileSync(target, 'utf8')).toBe('old')
    expect(fs.readdirSync(dir)).toEqual(['settings.json'])
  })

  it('refuses to commit when the block caught a failed write, and says why', async () => {
    const target = path.join(dir, 'settings.json')
    fs.writeFileSync(target, 'old')
    shortDisk(64, 100)
    const caught: unknown[] = []
    const outcome = await withAsyncContext(atomicWrite(target), async (fh) => {
      await fh.write(text(1_000)).catch((e: unknown) => caught.push(e))
      return 'block completed'
    }).catch((e: unknown) => e)
    expect(caught).toMatchObject([{ code: 'ENOSPC' }])
    expect(outcome).toBeInstanceOf(Error)
    expect((outcome as Error).message).toBe(
      'atomicWrite: not committed, because a write to the temporary file failed; the target is untouched',
    )
    expect((outcome as Error).cause).toBe(caught[0])
    expect(fs.readFileSync(target, 'utf8')).toBe('old')
    expect(fs.readdirSync(dir)).toEqual(['settings.json'])
  })

  it('refuses to commit after a writeFile that failed, even when caught', async () => {
    const target = path.join(dir, 'data.bin')
    const failure = enospc()
    proto.writeFile = () => Promise.reject(failure)
    const outcome = await withAsyncContext(atomicWrite(target), async (fh) => {
      await fh.writeFile('lost').catch(() => undefined)
    }).catch((e: unknown) => e)
    expect((outcome as Error).cause).toBe(failure)
    expect(fs.readdirSync(dir)).toEqual([])
  })

  it('fails a write that makes no progress instead of looping', async () => {
    const target = path.join(dir, 'stuck.txt')
    proto.write = () => Promise.resolve({ bytesWritten: 0, buffer: Buffer.alloc(0) })
    await expect(withAsyncContext(atomicWrite(target), (fh) => fh.write('never written'))).rejects.toThrow(
      'atomicWrite: a write to the temporary file made no progress',
    )
    expect(fs.readdirSync(dir)).toEqual([])
  })
})
