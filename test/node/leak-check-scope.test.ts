/**
 * leakCheck's scope: what it attributes to itself and what not (concurrent
 * code, nested checks, resources from before), the settle window, a body
 * error plus a leak, misuse and bad input.
 */
import * as net from 'node:net'
import { describe, expect, it } from 'vitest'
import { ResourceLeakError, withAsyncContext } from '../../src/index.js'
import { leakCheck } from '../../src/node/index.js'
import { BodyError, guardResources, nextEvent } from './helpers.js'
import { here, leaksOf } from '../support/leaks.js'

guardResources()

const HOST = '127.0.0.1'
const never = (): void => undefined
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

async function listening(): Promise<net.Server> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve))
  return server
}

const closeServer = (server: net.Server): Promise<unknown> => new Promise((resolve) => server.close(resolve))

describe('leakCheck scope', () => {
  it('is no leak: a server opened before the scope and closed inside it', async () => {
    const server = await listening()
    const log: string[] = []
    await withAsyncContext(leakCheck(), async (check) => {
      log.push(`inside: ${String(check.leaks.length)} leaks`)
      await closeServer(server)
    })
    expect(server.listening).toBe(false)
    expect(log).toEqual(['inside: 0 leaks'])
  })

  it('does not record what concurrent code outside it makes', async () => {
    const outside: NodeJS.Timeout[] = []
    // Started before the check: its callbacks run in their own context while the check runs.
    const ticker = setInterval(() => outside.push(setTimeout(never, 600_000)), 1)
    let timer: NodeJS.Timeout | undefined
    const outcome = await withAsyncContext(leakCheck(), async () => {
      while (outside.length < 3) await new Promise((resolve) => setTimeout(resolve, 2))
      timer = setTimeout(never, 600_000)
    }).catch((e: unknown) => e)
    clearInterval(ticker)
    for (const t of [...outside, timer]) clearTimeout(t)
    expect(outside.length).toBeGreaterThanOrEqual(3)
    // The check's own waiting timers are not recorded either: exactly the one timer.
    expect(leaksOf(outcome).map((l) => l.type)).toEqual(['Timeout'])
  })

  it('gives two concurrent scopes each only their own leaks', async () => {
    const made: Record<string, number> = {}
    const timers: NodeJS.Timeout[] = []
    const scope = async (name: string, ms: number): Promise<void> => {
      await tick()
      await using _ = leakCheck()
      await new Promise((resolve) => setTimeout(resolve, ms))
      timers.push(setTimeout(never, 600_000)); made[name] = here()
      await tick()
    }
    const [a, b] = await Promise.allSettled([scope('a', 5), scope('b', 1)])
    for (const t of timers) clearTimeout(t)
    const lineOf = (r: PromiseSettledResult<unknown>): string[] =>
      r.status === 'rejected' ? leaksOf(r.reason).map((l) => /scope\.test\.ts:(\d+):/.exec(l.stack)?.[1] ?? '') : []
    expect(made.a).toBe(made.b)
    expect(lineOf(a)).toEqual([String(made.a)])
    expect(lineOf(b)).toEqual([String(made.b)])
  })

  it('gives two checks started side by side through withAsyncContext each only their own leaks', async () => {
    const timers: NodeJS.Timeout[] = []
    const body = (ms: number) => async (): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, ms))
      timers.push(setInterval(never, 600_000))
    }
    const [a, b] = await Promise.allSettled([withAsyncContext(leakCheck(), body(5)), withAsyncContext(leakCheck(), body(1))])
    for (const t of timers) clearInterval(t)
    const count = (r: PromiseSettledResult<unknown>): number => (r.status === 'rejected' ? leaksOf(r.reason).length : -1)
    expect([count(a), count(b)]).toEqual([1, 1])
  })

  it('nested checks each report their own', async () => {
    const log: string[] = []
    let outerTimer: NodeJS.Timeout | undefined
    let innerTimer: NodeJS.Timeout | undefined
    const outcome = await withAsyncContext(leakCheck(), async () => {
      outerTimer = setInterval(never, 600_000)
      const inner = await withAsyncContext(leakCheck(), () => {
        innerTimer = setTimeout(never, 600_000)
      }).catch((e: unknown) => e)
      log.push(`inner: ${leaksOf(inner).map((l) => l.type).join()}`)
      clearTimeout(innerTimer)
    }).catch((e: unknown) => e)
    clearInterval(outerTimer)
    log.push(`outer: ${leaksOf(outcome).map((l) => l.type).join()}`)
    expect(log).toEqual(['inner: Timeout', 'outer: Interval'])
  })

  it('hands an inner check’s ignored, still open resource to the outer check', async () => {
    let server: net.Server | undefined
    const outcome = await withAsyncContext(leakCheck(), async () => {
      await withAsyncContext(leakCheck({ ignore: ['TCPServer'] }), async () => {
        server = await listening()
      })
    }).catch((e: unknown) => e)
    await closeServer(server!)
    expect(leaksOf(outcome).map((l) => l.type)).toEqual(['TCPServer'])
  })

  describe.each([
    ['withAsyncContext', (body: () => Promise<void>) => withAsyncContext(leakCheck(), body)],
    [
      'await using',
      async (body: () => Promise<void>) => {
        await using _ = leakCheck()
        await body()
      },
    ],
  ] as const)('through %s', (_name, run) => {
    it('loses nothing when the body throws and leaks: SuppressedError(ResourceLeakError, body error)', async () => {
      const bodyError = new BodyError('body failed')
      let timer: NodeJS.Timeout | undefined
      const outcome = await run(async () => {
        timer = setTimeout(never, 600_000)
        throw bodyError
      }).catch((e: unknown) => e)
      clearTimeout(timer)
      // `await using` as compiled here makes the compiler's own SuppressedError: compare by name.
      expect((outcome as Error).name).toBe('SuppressedError')
      const { error, suppressed } = outcome as { error: unknown; suppressed: unknown }
      expect(error).toBeInstanceOf(ResourceLeakError)
      expect(leaksOf(error).map((l) => l.type)).toEqual(['Timeout'])
      expect(suppressed).toBe(bodyError)
    })

    it('passes the body error through untouched when nothing leaked', async () => {
      const bodyError = new BodyError('body failed')
      const outcome = await run(async () => {
        clearTimeout(setTimeout(never, 600_000))
        throw bodyError
      }).catch((e: unknown) => e)
      expect(outcome).toBe(bodyError)
    })

    it('waits for a close that completes within the settle window', async () => {
      const log: string[] = []
      await run(async () => {
        const server = await listening()
        server.on('close', () => log.push('server closed'))
        setTimeout(() => {
          log.push('closing')
          server.close()
        }, 20)
        log.push('body done')
      })
      log.push('exited')
      expect(log).toEqual(['body done', 'closing', 'server closed', 'exited'])
    })
  })

  it('reports what is still open when the settle window is 0', async () => {
    let closed: Promise<unknown> | undefined
    const outcome = await withAsyncContext(leakCheck({ settle: 0 }), async () => {
      const server = await listening()
      closed = nextEvent(server, 'close')
      setTimeout(() => server.close(), 20)
    }).catch((e: unknown) => e)
    await closed
    expect(leaksOf(outcome).map((l) => l.type)).toEqual(['TCPServer', 'Timeout'])
  })

  it('shows live leaks, and after exit what was open at exit', async () => {
    const check = leakCheck()
    const log: string[] = []
    const timer = setTimeout(never, 600_000)
    log.push(`open: ${check.leaks.map((l) => l.type).join()}`)
    clearTimeout(timer)
    log.push(`cleared: ${String(check.leaks.length)}`)
    await check.exitAsync()
    log.push(`after exit: ${String(check.leaks.length)}`)
    expect(log).toEqual(['open: Timeout', 'cleared: 0', 'after exit: 0'])
  })

  it('is single-use: a second exit is a TypeError, entering after exit rejects, dispose is idempotent', async () => {
    const check = leakCheck()
    await check.exitAsync()
    await expect(check.exitAsync()).rejects.toThrow(new TypeError('leakCheck: this check has already exited'))
    await expect(check.enterAsync()).rejects.toThrow(TypeError)
    const other = leakCheck()
    const first = other[Symbol.asyncDispose]()
    expect(other[Symbol.asyncDispose]()).toBe(first)
    await first
  })
})
