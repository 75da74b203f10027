import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AsyncExitStack, withAsyncContext } from '../../src/index.js'
import { tempDirSync } from '../../src/node/index.js'
import { copyFile } from '../../examples/files/copy.js'
import { updateSettings } from '../../examples/files/update-settings.js'
import { guardResources, openFds } from '../node/helpers.js'
import { runExample } from './proxy-harness.js'
import { useLeakCheck } from '../support/leaks.js'

guardResources()
useLeakCheck()

let dir = ''
let cleanup: () => void = () => undefined
beforeEach(() => {
  const cm = tempDirSync('ctxlib-files-')
  dir = cm.enter()
  cleanup = () => cm.exit()
})
afterEach(() => {
  cleanup()
})

const ORIGINAL = '{\n    "name": "demo",   "server": { "port": 80 }\n}\n'

describe('examples/files/update-settings', () => {
  it('sets a dotted key and rewrites the file', async () => {
    const file = path.join(dir, 'settings.json')
    fs.writeFileSync(file, ORIGINAL)
    await updateSettings(file, 'server.port', '8080')
    await updateSettings(file, 'owner', 'ada')
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ name: 'demo', server: { port: 8080 }, owner: 'ada' })
    expect(fs.readdirSync(dir)).toEqual(['settings.json'])
  })

  it.each([
    ['the file is not JSON', 'not json {', {}],
    ['the file holds no object', '[1, 2]', {}],
    ['the key is malformed', ORIGINAL, { key: 'server..port' }],
    [
      'the write fails half-way',
      ORIGINAL,
      {
        hooks: {
          afterWrite: () => {
            throw new Error('disk full (simulated)')
          },
        },
      },
    ],
  ])('leaves the old file byte-for-byte and no temp file when %s', async (_, content, { key, hooks }: { key?: string; hooks?: { afterWrite: () => never } }) => {
    const file = path.join(dir, 'settings.json')
    fs.writeFileSync(file, content)
    const before = fs.readFileSync(file)
    await expect(updateSettings(file, key ?? 'server.port', '1', hooks)).rejects.toThrow()
    expect(fs.readFileSync(file).equals(before)).toBe(true)
    expect(fs.readdirSync(dir)).toEqual(['settings.json'])
  })

  it('creates a missing file holding just the key', async () => {
    const file = path.join(dir, 'new.json')
    await updateSettings(file, 'server.port', '8080')
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ server: { port: 8080 } })
    expect(fs.readdirSync(dir)).toEqual(['new.json'])
  })

  it('fails in a missing folder without creating anything', async () => {
    await expect(updateSettings(path.join(dir, 'no-such-dir', 'settings.json'), 'a', '1')).rejects.toMatchObject({ code: 'ENOENT' })
    expect(fs.readdirSync(dir)).toEqual([])
  })

  it('runs as a CLI: success, and failure with the file unchanged', async () => {
    const file = path.join(dir, 'settings.json')
    fs.writeFileSync(file, ORIGINAL)
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      const ok = await runExample(stack, 'files/update-settings.ts', [file, 'server.host', '"127.0.0.1"'])
      expect(await ok.exited).toEqual({ code: 0, signal: null })
      expect(ok.stdout()).toBe(`${file}: set server.host\n`)
    })
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ server: { port: 80, host: '127.0.0.1' } })
    fs.writeFileSync(file, 'broken')
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      const bad = await runExample(stack, 'files/update-settings.ts', [file, 'a', '1'])
      expect(await bad.exited).toEqual({ code: 1, signal: null })
      expect(bad.lines.join('\n')).toContain('(the file is unchanged)')
    })
    expect(fs.readFileSync(file, 'utf8')).toBe('broken')
    expect(fs.readdirSync(dir)).toEqual(['settings.json'])
  })
})

describe('examples/files/copy', () => {
  it('copies bytes exactly and closes both handles', async () => {
    const source = path.join(dir, 'in.bin')
    const data = randomBytes(3 * 1024 * 1024 + 123)
    fs.writeFileSync(source, data)
    const before = openFds()
    expect(await copyFile(source, path.join(dir, 'out.bin'))).toBe(data.length)
    expect(openFds()).toBe(before)
    expect(fs.readFileSync(path.join(dir, 'out.bin')).equals(data)).toBe(true)
  })

  it('does not create the destination when the source is missing', async () => {
    await expect(copyFile(path.join(dir, 'nope'), path.join(dir, 'out'))).rejects.toMatchObject({ code: 'ENOENT' })
    expect(fs.readdirSync(dir)).toEqual([])
  })

  it('closes the source handle when the destination cannot be opened', async () => {
    const source = path.join(dir, 'in.txt')
    fs.writeFileSync(source, 'x')
    const before = openFds()
    await expect(copyFile(source, path.join(dir, 'no-such-dir', 'out'))).rejects.toMatchObject({ code: 'ENOENT' })
    expect(openFds()).toBe(before)
  })
})
