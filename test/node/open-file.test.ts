import * as fs from 'node:fs'
import * as path from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { AsyncExitStack, ExitStack, withAsyncContext, withContext } from '../../src/index.js'
import { openFile, openFileSync, tempDirSync } from '../../src/node/index.js'
import { BodyError, guardResources, openFds } from './helpers.js'
import { useLeakCheck } from '../support/leaks.js'

guardResources()
useLeakCheck()

function scratch(): { dir: string; done: () => void } {
  const cm = tempDirSync('ctxlib-openfile-')
  const dir = cm.enter()
  return { dir, done: () => cm.exit() }
}

describe('openFile', () => {
  it('enters as a FileHandle and closes it after a completed block', async () => {
    const { dir, done } = scratch()
    try {
      const file = path.join(dir, 'a.txt')
      fs.writeFileSync(file, 'hello')
      const before = openFds()
      let fdInside = -1
      const text = await withAsyncContext(openFile(file), async (fh) => {
        fdInside = fh.fd
        expect(openFds()).toBe(before + 1)
        return fh.readFile('utf8')
      })
      expect(text).toBe('hello')
      expect(fdInside).toBeGreaterThan(2)
      expect(openFds()).toBe(before)
    } finally {
      done()
    }
  })

  it('closes the handle when the block throws, and the error propagates by identity', async () => {
    const { dir, done } = scratch()
    try {
      const file = path.join(dir, 'b.txt')
      const boom = new BodyError('boom')
      let handle: fs.promises.FileHandle | undefined
      await expect(
        withAsyncContext(openFile(file, 'w'), async (fh) => {
          handle = fh
          await fh.write('partial')
          throw boom
        }),
      ).rejects.toBe(boom)
      expect(handle?.fd).toBe(-1)
      expect(fs.readFileSync(file, 'utf8')).toBe('partial')
    } finally {
      done()
    }
  })

  it('accepts URL and Buffer paths and a mode for new files', async () => {
    const { dir, done } = scratch()
    try {
      const file = path.join(dir, 'c.txt')
      await withAsyncContext(openFile(pathToFileURL(file), 'w', 0o600), (fh) => fh.write('x'))
      expect(fs.statSync(file).mode & 0o777).toBe(0o600)
      const text = await withAsyncContext(openFile(Buffer.from(file)), (fh) => fh.readFile('utf8'))
      expect(text).toBe('x')
    } finally {
      done()
    }
  })

  it('rejects with the fs error when the file cannot be opened, leaving nothing open', async () => {
    const before = openFds()
    await expect(withAsyncContext(openFile('/nonexistent/ctxlib/x'), () => 'never')).rejects.toMatchObject({
      code: 'ENOENT',
    })
    expect(openFds()).toBe(before)
  })

  it('tolerates a block that closed the handle itself', async () => {
    const { dir, done } = scratch()
    try {
      const file = path.join(dir, 'd.txt')
      fs.writeFileSync(file, 'd')
      await withAsyncContext(openFile(file), (fh) => fh.close())
    } finally {
      done()
    }
  })

  it('works through AsyncExitStack.enterAsyncContext', async () => {
    const { dir, done } = scratch()
    try {
      const file = path.join(dir, 'e.txt')
      fs.writeFileSync(file, 'stacked')
      const stack = new AsyncExitStack()
      const fh = await stack.enterAsyncContext(openFile(file))
      expect(await fh.readFile('utf8')).toBe('stacked')
      await stack.closeAsync()
      expect(fh.fd).toBe(-1)
    } finally {
      done()
    }
  })

  it('is single-use: a second enter rejects with a TypeError, as does exit before enter', async () => {
    const { dir, done } = scratch()
    try {
      const file = path.join(dir, 'f.txt')
      fs.writeFileSync(file, 'f')
      const cm = openFile(file)
      await expect(cm.exitAsync()).rejects.toThrow(new TypeError('openFile: exit called before enter'))
      await withAsyncContext(cm, () => undefined)
      const second = cm.enterAsync()
      await expect(second).rejects.toThrow(TypeError)
      await expect(second).rejects.toThrow(/openFile: this manager was already entered/)
      await expect(cm.exitAsync()).rejects.toThrow('openFile: exit called twice')
    } finally {
      done()
    }
  })

  it('throws a TypeError at once naming the function and the received type', () => {
    expect(() => openFile(42 as unknown as string)).toThrow(
      new TypeError('openFile: expected a path string, URL or Buffer, got number'),
    )
    expect(() => openFile('x', {} as unknown as string)).toThrow(
      new TypeError("openFile: expected flags to be one of fs.open's flag strings ('r', 'w', 'a+', …) or an integer, got object"),
    )
    expect(() => openFile('x', 'r', true as unknown as number)).toThrow(
      new TypeError('openFile: expected mode to be an integer from 0 to 2³²−1 or an octal string, got boolean'),
    )
  })

  it('passes a close failure on, linked to the body error', async () => {
    const { dir, done } = scratch()
    try {
      const file = path.join(dir, 'g.txt')
      fs.writeFileSync(file, 'g')
      const closeError = new Error('close failed')
      const boom = new BodyError('boom')
      const rejected = withAsyncContext(openFile(file), async (fh) => {
        const realClose = fh.close.bind(fh)
        fh.close = async () => {
          await realClose()
          throw closeError
        }
        throw boom
      })
      await expect(rejected).rejects.toMatchObject({ name: 'SuppressedError', error: closeError, suppressed: boom })
    } finally {
      done()
    }
  })
})

describe('openFileSync', () => {
  it('enters as a descriptor and closes it after a completed block', () => {
    const { dir, done } = scratch()
    try {
      const file = path.join(dir, 'a.txt')
      const before = openFds()
      const fd = withContext(openFileSync(file, 'w'), (fd) => {
        fs.writeSync(fd, 'Hello')
        expect(openFds()).toBe(before + 1)
        return fd
      })
      expect(openFds()).toBe(before)
      expect(() => fs.fstatSync(fd)).toThrow(expect.objectContaining({ code: 'EBADF' }) as Error)
      expect(fs.readFileSync(file, 'utf8')).toBe('Hello')
    } finally {
      done()
    }
  })

  it('closes the descriptor when the block throws', () => {
    const { dir, done } = scratch()
    try {
      const before = openFds()
      const boom = new BodyError('boom')
      expect(() =>
        withContext(openFileSync(path.join(dir, 'b.txt'), 'w'), () => {
          throw boom
        }),
      ).toThrow(boom)
      expect(openFds()).toBe(before)
    } finally {
      done()
    }
  })

  it('throws the fs error from enter and leaves nothing open', () => {
    const before = openFds()
    expect(() => withContext(openFileSync('/nonexistent/ctxlib/x'), () => 'never')).toThrow(
      expect.objectContaining({ code: 'ENOENT' }) as Error,
    )
    expect(openFds()).toBe(before)
  })

  it('works through ExitStack.enterContext and is single-use', () => {
    const { dir, done } = scratch()
    try {
      const cm = openFileSync(path.join(dir, 'c.txt'), 'w')
      const stack = new ExitStack()
      const fd = stack.enterContext(cm)
      expect(typeof fd).toBe('number')
      stack.close()
      expect(() => cm.enter()).toThrow(/openFileSync: this manager was already entered/)
      expect(() => cm.exit()).toThrow('openFileSync: exit called twice')
    } finally {
      done()
    }
  })

  it('throws a TypeError at once on bad input', () => {
    expect(() => openFileSync(null as unknown as string)).toThrow(
      new TypeError('openFileSync: expected a path string, URL or Buffer, got null'),
    )
  })
})
