import type { ChildProcess } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { AsyncExitStack, withAsyncContext } from '../../src/index.js'
import { spawn } from '../../src/node/index.js'
import { BodyError, deadline, guardResources, nextEvent, openFds } from './helpers.js'
import { useLeakCheck } from '../support/leaks.js'

guardResources()
useLeakCheck()

const NODE = process.execPath

/** Resolves with the first line the child prints on stdout. */
function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve) => {
    let text = ''
    child.stdout?.setEncoding('utf8')
    child.stdout?.on('data', (d: string) => {
      text += d
      const nl = text.indexOf('\n')
      if (nl >= 0) resolve(text.slice(0, nl))
    })
  })
}

describe('spawn', () => {
  it('enters as a started ChildProcess and waits for one that exits by itself', async () => {
    let child: ChildProcess | undefined
    const log: string[] = []
    await withAsyncContext(spawn(NODE, ['-e', 'setTimeout(() => process.exit(3), 50)']), async (c) => {
      child = c
      expect(typeof c.pid).toBe('number')
      expect(c.exitCode).toBe(null)
      c.on('exit', (code) => log.push(`exit ${String(code)}`))
      await nextEvent(c, 'exit')
    })
    log.push('exit resolved')
    expect(log).toEqual(['exit 3', 'exit resolved'])
    expect(child?.exitCode).toBe(3)
    expect(child?.signalCode).toBe(null)
  })

  it('terminates a running process with SIGTERM and waits for it', async () => {
    const log: string[] = []
    let child: ChildProcess | undefined
    await withAsyncContext(spawn(NODE, ['-e', 'setInterval(() => {}, 1000)']), (c) => {
      child = c
      c.on('exit', (_code, signal) => log.push(`exit ${String(signal)}`))
    })
    log.push('exit resolved')
    expect(log).toEqual(['exit SIGTERM', 'exit resolved'])
    expect(child?.signalCode).toBe('SIGTERM')
  })

  it('kills a process that ignores SIGTERM with SIGKILL after the grace period', async () => {
    const log: string[] = []
    const script = [
      "process.on('SIGTERM', () => console.log('SIGTERM ignored'))",
      "console.log('ready')",
      'setInterval(() => {}, 1000)',
    ].join(';')
    const done = withAsyncContext(spawn(NODE, ['-e', script], { gracePeriod: 200 }), async (c) => {
      let text = ''
      c.stdout?.setEncoding('utf8')
      c.stdout?.on('data', (d: string) => {
        text += d
        for (const line of text.split('\n').slice(0, -1)) log.push(line)
        text = text.slice(text.lastIndexOf('\n') + 1)
      })
      c.on('exit', (_code, signal) => log.push(`exit ${String(signal)}`))
      while (!log.includes('ready')) await nextEvent(c.stdout!, 'data')
    }).then(() => 'exited' as const)
    expect(await Promise.race([done, deadline(20_000)])).toBe('exited')
    expect(log).toEqual(['ready', 'SIGTERM ignored', 'exit SIGKILL'])
  })

  it('terminates the process when the block throws, and the error propagates', async () => {
    const boom = new BodyError('boom')
    let child: ChildProcess | undefined
    await expect(
      withAsyncContext(spawn(NODE, ['-e', 'setInterval(() => {}, 1000)']), (c) => {
        child = c
        throw boom
      }),
    ).rejects.toBe(boom)
    expect(child?.signalCode).toBe('SIGTERM')
  })

  it('closes pipes nobody read, so no descriptor is left behind', async () => {
    const before = openFds()
    await withAsyncContext(spawn(NODE, ['-e', "process.stdout.write('x'.repeat(200000)); console.error('e')"]), (c) =>
      nextEvent(c, 'exit'),
    )
    expect(openFds()).toBe(before)
  })

  it('rejects with the spawn error when the command does not exist, leaving nothing open', async () => {
    const before = openFds()
    await expect(withAsyncContext(spawn('/nonexistent/ctxlib-command'), () => 'never')).rejects.toMatchObject({
      code: 'ENOENT',
    })
    expect(openFds()).toBe(before)
  })

  it('delivers output read in the block', async () => {
    const line = await withAsyncContext(spawn(NODE, ['-e', "console.log('hello from child')"]), (c) => firstLine(c))
    expect(line).toBe('hello from child')
  })

  it('works through AsyncExitStack.enterAsyncContext', async () => {
    const stack = new AsyncExitStack()
    const child = await stack.enterAsyncContext(spawn(NODE, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }))
    expect(child.exitCode).toBe(null)
    await stack.closeAsync()
    expect(child.signalCode).toBe('SIGTERM')
  })

  it('is single-use and checks its arguments at once', async () => {
    const cm = spawn(NODE, ['-e', ''])
    await expect(cm.exitAsync()).rejects.toThrow('spawn: exit called before enter')
    await withAsyncContext(cm, () => undefined)
    await expect(cm.enterAsync()).rejects.toThrow(/spawn: this manager was already entered/)
    expect(() => spawn(7 as unknown as string)).toThrow(new TypeError('spawn: expected a command string, got number'))
    expect(() => spawn('ls', 'la' as unknown as string[])).toThrow(
      new TypeError('spawn: expected args to be an array of strings, got string'),
    )
    expect(() => spawn('ls', [1] as unknown as string[])).toThrow(
      new TypeError('spawn: expected args to be an array of strings, got number'),
    )
    expect(() => spawn('ls', [], { gracePeriod: '5' as unknown as number })).toThrow(/spawn: expected gracePeriod/)
  })
})
