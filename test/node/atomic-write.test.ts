import * as fs from 'node:fs'
import * as path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AsyncExitStack, withAsyncContext } from '../../src/index.js'
import { atomicWrite, tempDirSync } from '../../src/node/index.js'
import { BodyError, guardResources, openFds } from './helpers.js'
import { useLeakCheck } from '../support/leaks.js'

guardResources()
useLeakCheck()

let dir = ''
let cleanup: () => void = () => undefined
beforeEach(() => {
  const cm = tempDirSync('ctxlib-atomic-')
  dir = cm.enter()
  cleanup = () => cm.exit()
})
afterEach(() => {
  cleanup()
})

const listing = (): string[] => fs.readdirSync(dir).sort()

describe('atomicWrite', () => {
  it('replaces the target only when the block completes, and leaves no temp file', async () => {
    const target = path.join(dir, 'settings.json')
    fs.writeFileSync(target, 'old')
    const seen: string[] = []
    await withAsyncContext(atomicWrite(target), async (fh) => {
      await fh.writeFile('new content')
      // Readers still see the old file while the block runs.
      seen.push(fs.readFileSync(target, 'utf8'))
      expect(listing()).toHaveLength(2)
    })
    expect(seen).toEqual(['old'])
    expect(fs.readFileSync(target, 'utf8')).toBe('new content')
    expect(listing()).toEqual(['settings.json'])
  })

  it('writes the temp file beside the target', async () => {
    const target = path.join(dir, 'x.txt')
    const cm = atomicWrite(target)
    await withAsyncContext(cm, () => {
      expect(path.dirname(cm.tempPath)).toBe(dir)
      expect(fs.existsSync(cm.tempPath)).toBe(true)
    })
    expect(cm.tempPath).toBe('')
  })

  it('leaves the target byte-identical and removes the temp file when the block throws', async () => {
    const target = path.join(dir, 'data.bin')
    const original = Buffer.from([0, 1, 2, 255, 254, 10, 13])
    fs.writeFileSync(target, original)
    const boom = new BodyError('boom')
    await expect(
      withAsyncContext(atomicWrite(target), async (fh) => {
        await fh.writeFile('half-written')
        throw boom
      }),
    ).rejects.toBe(boom)
    expect(fs.readFileSync(target).equals(original)).toBe(true)
    expect(listing()).toEqual(['data.bin'])
  })

  it('creates a missing target, and a failed block leaves it missing', async () => {
    const target = path.join(dir, 'fresh.txt')
    await expect(
      withAsyncContext(atomicWrite(target), () => {
        throw new BodyError('no')
      }),
    ).rejects.toThrow('no')
    expect(listing()).toEqual([])
    await withAsyncContext(atomicWrite(target, { fsync: false }), (fh) => fh.writeFile('yes'))
    expect(fs.readFileSync(target, 'utf8')).toBe('yes')
  })

  it("keeps an existing target's mode, unless a mode is given", async () => {
    const target = path.join(dir, 'secret')
    fs.writeFileSync(target, 's', { mode: 0o640 })
    fs.chmodSync(target, 0o640)
    await withAsyncContext(atomicWrite(target), (fh) => fh.writeFile('s2'))
    expect(fs.statSync(target).mode & 0o7777).toBe(0o640)
    await withAsyncContext(atomicWrite(target, { mode: 0o600 }), (fh) => fh.writeFile('s3'))
    expect(fs.statSync(target).mode & 0o7777).toBe(0o600)
    expect(fs.readFileSync(target, 'utf8')).toBe('s3')
  })

  it('commits even when the block closed the handle itself', async () => {
    const target = path.join(dir, 'closed.txt')
    await withAsyncContext(atomicWrite(target), async (fh) => {
      await fh.writeFile('done')
      await fh.close()
    })
    expect(fs.readFileSync(target, 'utf8')).toBe('done')
    expect(listing()).toEqual(['closed.txt'])
  })

  it('cleans up and leaves the target when the rename fails', async () => {
    // A directory in the target's place makes rename fail with EISDIR.
    const target = path.join(dir, 'occupied')
    fs.mkdirSync(target)
    fs.writeFileSync(path.join(target, 'inner'), 'keep')
    await expect(withAsyncContext(atomicWrite(target), (fh) => fh.writeFile('x'))).rejects.toMatchObject({
      code: expect.stringMatching(/EISDIR|ENOTEMPTY|EEXIST/) as string,
    })
    expect(listing()).toEqual(['occupied'])
    expect(fs.readFileSync(path.join(target, 'inner'), 'utf8')).toBe('keep')
  })

  it('rejects with the fs error when the directory is missing, leaving nothing', async () => {
    const before = openFds()
    await expect(
      withAsyncContext(atomicWrite(path.join(dir, 'missing', 'f')), () => 'never'),
    ).rejects.toMatchObject({ code: 'ENOENT' })
    expect(openFds()).toBe(before)
    expect(listing()).toEqual([])
  })

  it('must see the error: run by an AsyncExitStack that withAsyncContext drives, it discards', async () => {
    const target = path.join(dir, 'stacked.txt')
    fs.writeFileSync(target, 'before')
    await expect(
      withAsyncContext(new AsyncExitStack(), async (stack) => {
        const fh = await stack.enterAsyncContext(atomicWrite(target))
        await fh.writeFile('after')
        throw new BodyError('abort')
      }),
    ).rejects.toThrow('abort')
    expect(fs.readFileSync(target, 'utf8')).toBe('before')
    expect(listing()).toEqual(['stacked.txt'])
  })

  it('is single-use and checks its arguments at once', async () => {
    const cm = atomicWrite(path.join(dir, 'once'))
    await withAsyncContext(cm, () => undefined)
    await expect(cm.enterAsync()).rejects.toThrow(/atomicWrite: this manager was already entered/)
    expect(() => atomicWrite(3 as unknown as string)).toThrow(
      new TypeError('atomicWrite: expected a path string or file URL, got number'),
    )
    expect(() => atomicWrite('x', { fsync: 'yes' as unknown as boolean })).toThrow(
      new TypeError('atomicWrite: expected fsync to be a boolean, got string'),
    )
    expect(() => atomicWrite('x', { mode: -1 })).toThrow(TypeError)
    expect(() => atomicWrite('x', [] as unknown as { mode: number })).toThrow(
      new TypeError('atomicWrite: expected an options object or undefined, got array'),
    )
  })
})
