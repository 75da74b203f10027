import * as fs from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { ExitStack, withContext } from '../../src/index.js'
import { chdir, tempDirSync } from '../../src/node/index.js'
import { BodyError, guardResources } from './helpers.js'
import { useLeakCheck } from '../support/leaks.js'

guardResources()
useLeakCheck()

const start = process.cwd()
afterEach(() => {
  // A failing test must not leave the rest of the file in another directory.
  process.chdir(start)
})

function twoDirs(): { a: string; b: string; done: () => void } {
  const stack = new ExitStack()
  const a = fs.realpathSync(stack.enterContext(tempDirSync('ctxlib-chdir-a-')))
  const b = fs.realpathSync(stack.enterContext(tempDirSync('ctxlib-chdir-b-')))
  return { a, b, done: () => stack.close() }
}

describe('chdir', () => {
  it('enters as undefined in the new directory and restores the previous one', () => {
    const { a, done } = twoDirs()
    try {
      const seen = withContext(chdir(a), (value) => {
        expect(value).toBeUndefined()
        return process.cwd()
      })
      expect(seen).toBe(a)
      expect(process.cwd()).toBe(start)
    } finally {
      done()
    }
  })

  it('restores the previous directory when the block throws', () => {
    const { a, done } = twoDirs()
    try {
      const boom = new BodyError('boom')
      expect(() =>
        withContext(chdir(a), () => {
          throw boom
        }),
      ).toThrow(boom)
      expect(process.cwd()).toBe(start)
    } finally {
      done()
    }
  })

  it('is reentrant: nested uses of one manager unwind in order', () => {
    const { a, b, done } = twoDirs()
    try {
      const toA = chdir(a)
      const log: string[] = []
      withContext(toA, () => {
        log.push(process.cwd())
        withContext(chdir(b), () => {
          log.push(process.cwd())
          withContext(toA, () => log.push(process.cwd()))
          log.push(process.cwd())
        })
        log.push(process.cwd())
      })
      log.push(process.cwd())
      expect(log).toEqual([a, b, a, b, a, start])
    } finally {
      done()
    }
  })

  it('is reusable', () => {
    const { a, done } = twoDirs()
    try {
      const cm = chdir(a)
      expect(withContext(cm, () => process.cwd())).toBe(a)
      expect(withContext(cm, () => process.cwd())).toBe(a)
      expect(process.cwd()).toBe(start)
    } finally {
      done()
    }
  })

  it('throws the fs error from enter and stays where it was', () => {
    expect(() => withContext(chdir('/nonexistent/ctxlib'), () => 'never')).toThrow(
      expect.objectContaining({ code: 'ENOENT' }) as Error,
    )
    expect(process.cwd()).toBe(start)
  })

  it('throws from exit when the previous directory is gone, keeping the body error', () => {
    const { a, b, done } = twoDirs()
    try {
      const boom = new BodyError('boom')
      let caught: unknown
      withContext(chdir(a), () => {
        try {
          withContext(chdir(b), () => {
            fs.rmdirSync(a)
            throw boom
          })
        } catch (e) {
          caught = e
        }
        // Still in b: the failed exit could not go back.
        expect(process.cwd()).toBe(b)
        process.chdir(start)
        fs.mkdirSync(a)
        process.chdir(a)
      })
      expect(caught).toMatchObject({ name: 'SuppressedError', suppressed: boom })
      expect((caught as { error: unknown }).error).toMatchObject({ code: 'ENOENT' })
      expect(process.cwd()).toBe(start)
    } finally {
      done()
    }
  })

  it('refuses exit before enter, and bad input at once', () => {
    expect(() => chdir('/').exit()).toThrow(new TypeError('chdir: exit called before enter'))
    expect(() => chdir(undefined as unknown as string)).toThrow(
      new TypeError('chdir: expected a path string, got undefined'),
    )
  })
})
