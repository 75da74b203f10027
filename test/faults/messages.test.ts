/**
 * Bad input to the Node adapters: every case fails at the call with a
 * TypeError that names the function and the type received, never the value,
 * and leaves nothing behind.
 */
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { withContext } from '../../src/index.js'
import { Redirect, atomicWrite, openFile, openFileSync, redirectStdout, spawn, tempDir, tempDirSync } from '../../src/node/index.js'
import type { SpawnOptions } from '../../src/node/index.js'
import { guardResources } from '../node/helpers.js'

guardResources()

describe('Redirect constructed directly', () => {
  it('names Redirect in its messages', () => {
    expect(() => new Redirect(process.stdout, 5 as unknown as PassThrough)).toThrow(
      new TypeError('Redirect: expected a writable with a write method, got number'),
    )
    expect(() => new Redirect(null as unknown as NodeJS.WriteStream, new PassThrough())).toThrow(
      new TypeError('Redirect: expected a writable with a write method, got null'),
    )
    expect(() => new Redirect(process.stdout, new PassThrough()).exit()).toThrow(
      new TypeError('Redirect: exit called before enter'),
    )
  })

  it('redirects the stream it was given', () => {
    const out = new PassThrough()
    const fake = { write: (): boolean => false } as unknown as NodeJS.WriteStream
    withContext(new Redirect(fake, out), () => {
      fake.write('to the target')
    })
    expect(String(out.read())).toBe('to the target')
  })

  it('the factories keep their own names', () => {
    expect(() => redirectStdout(new PassThrough()).exit()).toThrow(new TypeError('redirectStdout: exit called before enter'))
    expect(() => redirectStdout(7 as unknown as PassThrough)).toThrow(
      new TypeError('redirectStdout: expected a writable with a write method, got number'),
    )
  })
})

describe('openFile and openFileSync check what fs.open would refuse, at the call', () => {
  for (const [name, make] of [
    ['openFile', openFile],
    ['openFileSync', openFileSync],
  ] as const) {
    it(name, () => {
      const flags = `${name}: expected flags to be one of fs.open's flag strings ('r', 'w', 'a+', …) or an integer, got`
      const mode = `${name}: expected mode to be an integer from 0 to 2³²−1 or an octal string, got`
      const cases: [() => unknown, string][] = [
        [() => make('x', 'bogus'), `${flags} string`],
        [() => make('x', 1.5), `${flags} number`],
        [() => make('x', 'w', '0o644'), `${mode} string`],
        [() => make('x', 'w', '9'), `${mode} string`],
        [() => make('x', 'w', -1), `${mode} number`],
        [() => make('x', 'w', 2 ** 32), `${mode} number`],
        [() => make('a\0b'), `${name}: expected a path without null bytes, got a path with one`],
        [() => make(Buffer.from('a\0b')), `${name}: expected a path without null bytes, got a path with one`],
        [() => make(new URL('https://example.com/x')), `${name}: expected a file: URL, got a https: URL`],
        [() => make(new URL('file:///a%2Fb')), `${name}: expected a file: URL that names a local path, got another file: URL`],
      ]
      for (const [call, message] of cases) expect(call).toThrow(new TypeError(message))
      // What Node accepts still passes.
      for (const ok of [() => make('x', 'a+', '644'), () => make('x', 'w', 0o600), () => make('x', 0)]) expect(ok).not.toThrow()
    })
  }
})

describe('spawn checks the options child_process.spawn would refuse, at the call', () => {
  it('names each option and the type received', () => {
    const cases: [SpawnOptions, string][] = [
      [{ cwd: 5 as unknown as string }, 'spawn: expected cwd to be a path string or file URL, got number'],
      [{ env: 'x' as unknown as NodeJS.ProcessEnv }, 'spawn: expected env to be an object, got string'],
      [{ stdio: 'bogus' as unknown as 'pipe' }, "spawn: expected stdio to be 'pipe', 'ignore', 'inherit', 'overlapped' or an array, got string"],
      [{ shell: 5 as unknown as boolean }, 'spawn: expected shell to be a boolean or a string, got number'],
      [{ uid: 'x' as unknown as number }, 'spawn: expected uid to be an integer, got string'],
      [{ timeout: -1 }, 'spawn: expected timeout to be a non-negative integer, got number'],
      [{ killSignal: 'SIGFOO' as NodeJS.Signals }, 'spawn: expected killSignal to be a signal name or number, got string'],
      [{ signal: {} as AbortSignal }, 'spawn: expected signal to be an AbortSignal, got object'],
      [{ detached: 'x' as unknown as boolean }, 'spawn: expected detached to be a boolean, got string'],
      [{ serialization: 'x' as 'json' }, "spawn: expected serialization to be 'json' or 'advanced', got string"],
      [{ argv0: 5 as unknown as string }, 'spawn: expected argv0 to be a string, got number'],
    ]
    for (const [options, message] of cases) expect(() => spawn('sh', [], options)).toThrow(new TypeError(message))
  })
})

describe('atomicWrite and tempDir check at the call', () => {
  it('atomicWrite: mode range, null bytes, URL kinds', () => {
    expect(() => atomicWrite('x', { mode: 2 ** 32 })).toThrow(
      new TypeError('atomicWrite: expected mode to be an integer from 0 to 2³²−1, got number'),
    )
    expect(() => atomicWrite('a\0b')).toThrow(new TypeError('atomicWrite: expected a path without null bytes, got a path with one'))
    expect(() => atomicWrite(new URL('file://host/x'))).toThrow(
      new TypeError('atomicWrite: expected a file: URL that names a local path, got another file: URL'),
    )
  })

  it('tempDir and tempDirSync: the prefix', () => {
    for (const [name, make] of [
      ['tempDir', tempDir],
      ['tempDirSync', tempDirSync],
    ] as const) {
      expect(() => make(5 as unknown as string)).toThrow(new TypeError(`${name}: expected a prefix string, got number`))
      expect(() => make('a\0b')).toThrow(new TypeError(`${name}: expected a prefix without path separators, got a path`))
    }
  })
})
