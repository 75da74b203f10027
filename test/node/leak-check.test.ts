/**
 * leakCheck on real resources: every kind it must see, left open (reported
 * with its kind and the line that made it) and closed in time (no report).
 */
import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as net from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ResourceLeakError, withAsyncContext } from '../../src/index.js'
import { leakCheck } from '../../src/node/index.js'
import { guardResources, nextEvent } from './helpers.js'
import { here, leaksOf } from '../support/leaks.js'

guardResources()

const HOST = '127.0.0.1'
let dir = ''
let peer: net.Server
const accepted = new Set<net.Socket>()

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctxlib-leak-'))
  // Made before any check, so its side of each connection is never the check's.
  peer = net.createServer({ allowHalfOpen: true }, (socket) => {
    accepted.add(socket)
    socket.on('close', () => accepted.delete(socket))
    socket.on('error', () => undefined)
  })
  await new Promise<void>((resolve) => peer.listen(0, HOST, resolve))
  // libuv opens one inotify descriptor per loop on the first watch and keeps it: open it before the per-test descriptor count.
  fs.watch(dir).close()
})

afterAll(async () => {
  for (const socket of accepted) socket.destroy()
  await new Promise((resolve) => peer.close(resolve))
  fs.rmSync(dir, { recursive: true, force: true })
})

const port = (): number => (peer.address() as net.AddressInfo).port

/** Destroys `socket` and the peer's side of every connection; resolves once all are closed. */
async function hangUp(socket: net.Socket): Promise<void> {
  const all = [socket, ...accepted]
  const closed = all.map((s) => (s.closed ? Promise.resolve() : nextEvent(s, 'close')))
  for (const s of all) s.destroy()
  await Promise.all(closed)
}

/** A scenario: `open` makes one resource and records its line; `close` releases it and resolves once it is closed. */
interface Scenario {
  kind: string
  open(at: { line: number }): Promise<() => Promise<unknown>>
}

const scenarios: Scenario[] = [
  {
    kind: 'TCPServer',
    async open(at) {
      const server = net.createServer()
      // The host makes the server's handle in listen(): that is the line reported.
      await new Promise<void>((resolve) => server.listen(0, HOST, resolve)); at.line = here()
      return () => new Promise((resolve) => server.close(resolve))
    },
  },
  {
    kind: 'TCPSocket',
    async open(at) {
      const socket = net.connect(port(), HOST); at.line = here()
      await nextEvent(socket, 'connect')
      return () => hangUp(socket)
    },
  },
  {
    kind: 'TCPSocket', // half-open: this side ended, the peer never answers
    async open(at) {
      const socket = net.connect(port(), HOST); at.line = here()
      await nextEvent(socket, 'connect')
      socket.end()
      await nextEvent(socket, 'finish')
      return () => hangUp(socket)
    },
  },
  {
    kind: 'Timeout',
    async open(at) {
      const timer = setTimeout(() => undefined, 600_000); at.line = here()
      return () => Promise.resolve(clearTimeout(timer))
    },
  },
  {
    kind: 'Timeout', // made after an await, in the continuation
    async open(at) {
      await new Promise((resolve) => setImmediate(resolve))
      await fs.promises.stat(dir)
      const timer = setTimeout(() => undefined, 600_000); at.line = here()
      return () => Promise.resolve(clearTimeout(timer))
    },
  },
  {
    kind: 'Interval',
    async open(at) {
      const timer = setInterval(() => undefined, 600_000); at.line = here()
      return () => Promise.resolve(clearInterval(timer))
    },
  },
  {
    kind: 'ChildProcess',
    async open(at) {
      const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)']); at.line = here()
      await nextEvent(child, 'spawn')
      return async () => {
        const closed = nextEvent(child, 'close')
        child.kill('SIGKILL')
        await closed
      }
    },
  },
  {
    kind: 'FileHandle',
    async open(at) {
      const handle = await fs.promises.open(path.join(dir, 'leak.txt'), 'w'); at.line = here()
      return () => handle.close()
    },
  },
  {
    kind: 'FSWatcher',
    async open(at) {
      const watcher = fs.watch(dir); at.line = here()
      return async () => {
        watcher.close()
        await nextEvent(watcher, 'close')
      }
    },
  },
]

describe('leakCheck', () => {
  describe.each(scenarios.map((s, i) => [`${s.kind} #${String(i)}`, s] as const))('%s', (_name, scenario) => {
    it('left open: exit throws a ResourceLeakError naming its kind and the line that made it', async () => {
      const at = { line: 0 }
      let close: (() => Promise<unknown>) | undefined
      const outcome = await withAsyncContext(leakCheck(), async () => {
        close = await scenario.open(at)
      }).then(
        () => undefined,
        (e: unknown) => e,
      )
      await close?.()
      expect(outcome).toBeInstanceOf(ResourceLeakError)
      const leaks = leaksOf(outcome)
      expect(leaks.map((l) => l.type)).toEqual([scenario.kind])
      expect(leaks[0]?.stack.split('\n')[0]).toContain(`leak-check.test.ts:${String(at.line)}:`)
      expect((outcome as Error).message).toContain(`1 resource left open:\n  ${scenario.kind} created at `)
    })

    it('closed before exit: no report (await using)', async () => {
      const at = { line: 0 }
      {
        await using check = leakCheck()
        const close = await scenario.open(at)
        expect(check.leaks.map((l) => l.type)).toEqual([scenario.kind])
        await close()
      }
      expect(at.line).toBeGreaterThan(0)
    })
  })

  it('reports the child process once, not its stdio pipes', async () => {
    let child: ReturnType<typeof spawn> | undefined
    const outcome = await withAsyncContext(leakCheck(), async () => {
      child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], { stdio: 'pipe' })
      await nextEvent(child, 'spawn')
    }).catch((e: unknown) => e)
    const closed = nextEvent(child!, 'close')
    child!.kill('SIGKILL')
    await closed
    expect(leaksOf(outcome).map((l) => l.type)).toEqual(['ChildProcess'])
  })

  it('reports several leaks in creation order, each with its own line', async () => {
    const lines: number[] = []
    let cleanup: (() => Promise<void>) | undefined
    const outcome = await withAsyncContext(leakCheck(), async () => {
      const interval = setInterval(() => undefined, 600_000); lines.push(here())
      const socket = net.connect(port(), HOST); lines.push(here())
      await nextEvent(socket, 'connect')
      cleanup = () => {
        clearInterval(interval)
        return hangUp(socket)
      }
    }).catch((e: unknown) => e)
    await cleanup?.()
    const leaks = leaksOf(outcome)
    expect(leaks.map((l) => l.type)).toEqual(['Interval', 'TCPSocket'])
    expect(leaks.map((l) => /leak-check\.test\.ts:(\d+):/.exec(l.stack)?.[1])).toEqual(lines.map(String))
    expect((outcome as Error).message).toMatch(/^2 resources left open:\n {2}Interval created at .*\n {2}TCPSocket created at /)
  })

  it('sees no leak in an unref’d timer, and none in what it ignores', async () => {
    let timers: NodeJS.Timeout[] = []
    await withAsyncContext(leakCheck({ ignore: ['Timeout', 'Interval'] }), () => {
      timers = [setTimeout(() => undefined, 600_000), setInterval(() => undefined, 600_000)]
    })
    const unref = setTimeout(() => undefined, 600_000)
    await withAsyncContext(leakCheck(), () => {
      timers.push(setTimeout(() => undefined, 600_000).unref(), setInterval(() => undefined, 600_000).unref())
    })
    for (const t of [...timers, unref]) clearTimeout(t)
    expect(timers).toHaveLength(4)
  })
})
