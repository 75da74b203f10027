import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { ExitStack, withContext } from '../../src/index.js'
import { redirectStderr, redirectStdout } from '../../src/node/index.js'
import { BodyError, guardResources } from './helpers.js'
import { useLeakCheck } from '../support/leaks.js'

guardResources()
useLeakCheck()

/** The stream's current `write`, compared by identity only (never called unbound). */
function currentWrite(stream: NodeJS.WriteStream): unknown {
  return Reflect.get(stream, 'write')
}

function collector(): { chunks: string[]; write: (chunk: string | Uint8Array) => boolean } {
  const chunks: string[] = []
  return {
    chunks,
    write(chunk: string | Uint8Array): boolean {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
      return true
    },
  }
}

describe.each([
  { name: 'redirectStdout', redirect: redirectStdout, stream: process.stdout },
  { name: 'redirectStderr', redirect: redirectStderr, stream: process.stderr },
])('$name', ({ name, redirect, stream }) => {
  it('sends writes to the writable and restores the original write', () => {
    const original = currentWrite(stream)
    const sink = collector()
    const value = withContext(redirect(sink), (w) => {
      stream.write('one ')
      stream.write(Buffer.from('two'))
      return w
    })
    expect(value).toBe(sink)
    expect(sink.chunks).toEqual(['one ', 'two'])
    expect(currentWrite(stream)).toBe(original)
  })

  it('works with a real stream', () => {
    const out = new PassThrough()
    withContext(redirect(out), () => {
      stream.write('through a PassThrough\n')
    })
    expect(String(out.read())).toBe('through a PassThrough\n')
  })

  it('restores when the block throws', () => {
    const original = currentWrite(stream)
    const boom = new BodyError('boom')
    expect(() =>
      withContext(redirect(collector()), () => {
        throw boom
      }),
    ).toThrow(boom)
    expect(currentWrite(stream)).toBe(original)
  })

  it('is reentrant and reusable: nested uses restore in order', () => {
    const original = currentWrite(stream)
    const outer = collector()
    const inner = collector()
    const toOuter = redirect(outer)
    withContext(toOuter, () => {
      stream.write('a')
      withContext(redirect(inner), () => {
        stream.write('b')
        withContext(toOuter, () => stream.write('c'))
        stream.write('d')
      })
      stream.write('e')
    })
    withContext(toOuter, () => stream.write('f'))
    expect(outer.chunks).toEqual(['a', 'c', 'e', 'f'])
    expect(inner.chunks).toEqual(['b', 'd'])
    expect(currentWrite(stream)).toBe(original)
  })

  it('works through ExitStack', () => {
    const sink = collector()
    const stack = new ExitStack()
    stack.enterContext(redirect(sink))
    stream.write('stacked')
    stack.close()
    expect(sink.chunks).toEqual(['stacked'])
  })

  it('refuses exit before enter, and a non-writable at once', () => {
    expect(() => redirect(collector()).exit()).toThrow(new TypeError(`${name}: exit called before enter`))
    expect(() => redirect({} as unknown as PassThrough)).toThrow(
      new TypeError(`${name}: expected a writable with a write method, got object`),
    )
    expect(() => redirect(null as unknown as PassThrough)).toThrow(/got null/)
  })
})
