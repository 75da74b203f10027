import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import * as path from 'node:path'
import * as readline from 'node:readline'
import { describe, expect, it } from 'vitest'
import { ShutdownSignal, ShutdownSignalError, shutdownSignal } from '../../src/node/index.js'
import { isContextManager, isDisposable, withContext } from '../../src/index.js'
import { guardResources } from './helpers.js'

guardResources()

const CHILD = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures', 'shutdown-child.ts')

/** A child service: its stdout lines, one at a time, and how it ended. */
class Service {
  readonly child: ChildProcess
  readonly #lines: string[] = []
  readonly #waiters: ((line: string) => void)[] = []
  readonly ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>

  constructor(config: object) {
    this.child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'inherit'] })
    readline.createInterface({ input: this.child.stdout! }).on('line', (line) => {
      const waiter = this.#waiters.shift()
      if (waiter === undefined) this.#lines.push(line)
      else waiter(line)
    })
    this.ended = once(this.child, 'close').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }))
  }

  next(): Promise<string> {
    const line = this.#lines.shift()
    if (line !== undefined) return Promise.resolve(line)
    return new Promise((resolve) => this.#waiters.push(resolve))
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL')
    await this.ended
  }
}

async function run(config: object, steps: (service: Service) => Promise<void>): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const service = new Service(config)
  try {
    await steps(service)
    return await service.ended
  } finally {
    await service.stop()
  }
}

describe('shutdownSignal in a real process', () => {
  it('aborts on the first SIGTERM with a ShutdownSignalError, and dispose removes exactly its listeners', async () => {
    const ended = await run({ disposeOnAbort: true }, async (service) => {
      expect(await service.next()).toBe('ready SIGINT=1 SIGTERM=1 received=undefined')
      service.child.kill('SIGTERM')
      expect(await service.next()).toBe('aborted AbortError SIGTERM received=SIGTERM')
      expect(await service.next()).toBe('disposed SIGINT=0 SIGTERM=0 aborted=true')
    })
    expect(ended).toEqual({ code: 0, signal: null })
  })

  it('re-raises a repeat signal, so the process ends by that signal (a shell reports 143)', async () => {
    const ended = await run({}, async (service) => {
      expect(await service.next()).toMatch(/^ready/)
      service.child.kill('SIGTERM')
      expect(await service.next()).toBe('aborted AbortError SIGTERM received=SIGTERM')
      service.child.kill('SIGTERM')
    })
    expect(ended).toEqual({ code: null, signal: 'SIGTERM' })
  })

  it('exits with status 130 on a repeat SIGINT when another listener would keep the process alive', async () => {
    const ended = await run({ ownListener: 'SIGINT' }, async (service) => {
      expect(await service.next()).toBe('ready SIGINT=2 SIGTERM=1 received=undefined')
      service.child.kill('SIGINT')
      expect(await service.next()).toBe('own listener ran')
      expect(await service.next()).toBe('aborted AbortError SIGINT received=SIGINT')
      service.child.kill('SIGINT')
    })
    expect(ended).toEqual({ code: 130, signal: null })
  })

  it("with onRepeat 'ignore', keeps running after a repeat signal and then disposes cleanly", async () => {
    const ended = await run({ options: { onRepeat: 'ignore' } }, async (service) => {
      expect(await service.next()).toMatch(/^ready/)
      service.child.kill('SIGINT')
      expect(await service.next()).toBe('aborted AbortError SIGINT received=SIGINT')
      service.child.kill('SIGTERM')
      service.child.kill('SIGINT')
      // a ping after the signals: the answer comes only if they did not end the process
      service.child.kill('SIGUSR2')
      expect(await service.next()).toBe('still alive, received=SIGINT')
      service.child.kill('SIGHUP')
      expect(await service.next()).toBe('disposed SIGINT=0 SIGTERM=0 aborted=true')
    })
    expect(ended).toEqual({ code: 0, signal: null })
  })

  it("re-raises the first signal forceAfter ms after it, also with onRepeat 'ignore'", async () => {
    const ended = await run({ options: { onRepeat: 'ignore', forceAfter: 20, signals: ['SIGTERM'] } }, async (service) => {
      expect(await service.next()).toBe('ready SIGINT=0 SIGTERM=1 received=undefined')
      service.child.kill('SIGTERM')
      expect(await service.next()).toBe('aborted AbortError SIGTERM received=SIGTERM')
    })
    expect(ended).toEqual({ code: null, signal: 'SIGTERM' })
  })
})

describe('shutdownSignal in this process', () => {
  it('is a sync manager and a disposable entering as its signal; dispose removes its listeners and never aborts', () => {
    const before = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]
    const shutdown = shutdownSignal()
    expect(shutdown).toBeInstanceOf(ShutdownSignal)
    expect(isContextManager(shutdown) && isDisposable(shutdown)).toBe(true)
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual([before[0]! + 1, before[1]! + 1])
    const signal = withContext(shutdown, (s) => s)
    expect(signal).toBe(shutdown.signal)
    expect(signal.aborted).toBe(false)
    expect(shutdown.received).toBeUndefined()
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(before)
    shutdown[Symbol.dispose]()
    expect(() => shutdown.enter()).toThrow(TypeError)
  })

  it("makes a ShutdownSignalError named 'AbortError' carrying the signal name", () => {
    const error = new ShutdownSignalError('SIGTERM')
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('AbortError')
    expect(error.signal).toBe('SIGTERM')
  })

  it.each([
    ['an empty list', { signals: [] }, 'shutdownSignal: expected at least one signal name in options.signals, got an empty array'],
    ['SIGKILL', { signals: ['SIGKILL'] }, 'SIGKILL or SIGSTOP'],
    ['SIGSTOP', { signals: ['SIGTERM', 'SIGSTOP'] }, 'SIGKILL or SIGSTOP'],
    ['an unknown name', { signals: ['SIGNOPE'] }, 'shutdownSignal: expected signal names in options.signals, got a string that names no signal'],
    ['a number in the list', { signals: [15] }, 'shutdownSignal: expected signal names in options.signals, got number'],
    ['a string for the list', { signals: 'SIGTERM' }, 'shutdownSignal: expected an array of signal names as options.signals, got string'],
    ['a bad onRepeat', { onRepeat: 'kill' }, "shutdownSignal: expected 'exit' or 'ignore' as options.onRepeat, got string"],
    ['a negative forceAfter', { forceAfter: -1 }, 'shutdownSignal: expected options.forceAfter to be a finite number >= 0 or Infinity, got number'],
  ])('refuses %s with a TypeError, installing no listener', (_, options, message) => {
    const before = process.listenerCount('SIGTERM')
    expect(() => shutdownSignal(options as never)).toThrow(message)
    expect(() => shutdownSignal(options as never)).toThrow(TypeError)
    expect(process.listenerCount('SIGTERM')).toBe(before)
  })
})
