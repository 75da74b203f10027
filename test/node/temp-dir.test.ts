import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { AsyncExitStack, ExitStack, withAsyncContext, withContext } from '../../src/index.js'
import { tempDir, tempDirSync } from '../../src/node/index.js'
import { BodyError, guardResources, tempEntries, uniquePrefix } from './helpers.js'
import { useLeakCheck } from '../support/leaks.js'

guardResources()
useLeakCheck()

function fill(dir: string): void {
  fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'a', 'b', 'c.txt'), 'deep')
  fs.writeFileSync(path.join(dir, 'top.txt'), 'top')
}

describe('tempDir', () => {
  it('enters as a new directory in os.tmpdir() named with the prefix, removed after a completed block', async () => {
    const prefix = uniquePrefix('async')
    const dir = await withAsyncContext(tempDir(prefix), async (dir) => {
      expect(path.dirname(dir)).toBe(os.tmpdir())
      expect(path.basename(dir).startsWith(prefix)).toBe(true)
      expect(fs.statSync(dir).isDirectory()).toBe(true)
      fill(dir)
      return dir
    })
    expect(fs.existsSync(dir)).toBe(false)
    expect(tempEntries(prefix)).toEqual([])
  })

  it('removes the directory when the block throws', async () => {
    const prefix = uniquePrefix('async-fail')
    const boom = new BodyError('boom')
    await expect(
      withAsyncContext(tempDir(prefix), (dir) => {
        fill(dir)
        throw boom
      }),
    ).rejects.toBe(boom)
    expect(tempEntries(prefix)).toEqual([])
  })

  it('works through AsyncExitStack.enterAsyncContext and is single-use', async () => {
    const prefix = uniquePrefix('stack')
    const cm = tempDir(prefix)
    const stack = new AsyncExitStack()
    const dir = await stack.enterAsyncContext(cm)
    expect(tempEntries(prefix)).toHaveLength(1)
    await stack.closeAsync()
    expect(fs.existsSync(dir)).toBe(false)
    await expect(cm.enterAsync()).rejects.toThrow(/tempDir: this manager was already entered/)
    await expect(cm.exitAsync()).rejects.toThrow('tempDir: exit called twice')
  })

  it('tolerates a block that removed the directory itself', async () => {
    await withAsyncContext(tempDir(uniquePrefix('gone')), (dir) => {
      fs.rmSync(dir, { recursive: true })
    })
  })

  it('checks the prefix at once', () => {
    expect(() => tempDir(5 as unknown as string)).toThrow(new TypeError('tempDir: expected a prefix string, got number'))
    expect(() => tempDir('../escape-')).toThrow(/tempDir: expected a prefix without path separators/)
  })
})

describe('tempDirSync', () => {
  it('creates and removes the directory on the completed path', () => {
    const prefix = uniquePrefix('sync')
    const dir = withContext(tempDirSync(prefix), (dir) => {
      fill(dir)
      expect(tempEntries(prefix)).toEqual([path.basename(dir)])
      return dir
    })
    expect(fs.existsSync(dir)).toBe(false)
  })

  it('removes the directory when the block throws', () => {
    const prefix = uniquePrefix('sync-fail')
    const boom = new BodyError('boom')
    expect(() =>
      withContext(tempDirSync(prefix), (dir) => {
        fill(dir)
        throw boom
      }),
    ).toThrow(boom)
    expect(tempEntries(prefix)).toEqual([])
  })

  it('works through ExitStack and under using', () => {
    const prefix = uniquePrefix('sync-using')
    let seen: string
    {
      using stack = new ExitStack()
      seen = stack.enterContext(tempDirSync(prefix))
      expect(fs.existsSync(seen)).toBe(true)
    }
    expect(fs.existsSync(seen)).toBe(false)
  })

  it('is single-use and checks the prefix at once', () => {
    const cm = tempDirSync(uniquePrefix('once'))
    withContext(cm, () => undefined)
    expect(() => cm.enter()).toThrow(/tempDirSync: this manager was already entered/)
    expect(() => tempDirSync({} as unknown as string)).toThrow(
      new TypeError('tempDirSync: expected a prefix string, got object'),
    )
  })
})
