import { randomBytes } from 'node:crypto'
import * as net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AsyncExitStack, withAsyncContext } from '../../src/index.js'
import { spawn } from '../../src/node/index.js'
import { formatChunk, hexDump, textDump } from '../../examples/tcp-proxy/dump.js'
import { parseOptions } from '../../examples/tcp-proxy/options.js'
import { deadline, guardResources, openFds, settle } from '../node/helpers.js'
import { HOST, ROOT, ask, closed, echoRoundTrip, echoServer, open, runExample, startProxy, within } from './proxy-harness.js'
import { useLeakCheck } from '../support/leaks.js'

guardResources()
useLeakCheck()

const MiB = 1024 * 1024

/** Waits until the proxy has logged the end of every connection it logged opening. */
async function quiescent(lines: string[]): Promise<void> {
  const open = (): number => lines.filter((l) => /^proxy: #\d+ open /.test(l)).length
  const ended = (): number => lines.filter((l) => /^proxy: #\d+ (closed|error)/.test(l)).length
  expect(await settle(() => open() - ended(), 0, 10_000)).toBe(0)
}

describe('tcp-proxy against an echo backend', () => {
  const stack = new AsyncExitStack()
  let proxy: Awaited<ReturnType<typeof startProxy>>
  const backendSockets: net.Socket[] = []

  beforeAll(async () => {
    const backend = await echoServer(stack, (socket) => backendSockets.push(socket))
    proxy = await startProxy(stack, ['--backend', `${HOST}:${String(backend)}`])
  })
  afterAll(async () => {
    await stack.closeAsync()
  })

  it('echoes 1 MiB of random bytes for each of 200 concurrent clients, identical', async () => {
    // Each client sends its own slice of a random pool: distinct data without 200 MiB of buffers.
    const pool = randomBytes(8 * MiB)
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        const offset = (i * 37_337) % (pool.length - MiB)
        return echoRoundTrip(proxy.port, pool.subarray(offset, offset + MiB))
      }),
    )
    expect(results).toEqual(Array.from({ length: 200 }, () => MiB))
  }, 120_000)

  it('destroys the backend connection when the client resets mid-transfer', async () => {
    const before = backendSockets.length
    const client = await within(proxy, 'connecting to the proxy', open(proxy.port))
    const clientClosed = closed(client)
    client.on('error', () => undefined)
    expect(await within(proxy, 'the echo of 64 KiB', ask(client, 'x'.repeat(64 * 1024)))).toHaveLength(64 * 1024)
    const backendSide = backendSockets[before]!
    const backendClosed = closed(backendSide)
    client.write(randomBytes(256 * 1024))
    client.resetAndDestroy()
    await within(proxy, "the client's close", clientClosed)
    expect(await Promise.race([backendClosed.then(() => 'backend side closed'), deadline(10_000)])).toBe(
      'backend side closed',
    )
    // The reset reaches the proxy as ECONNRESET when it was reading from the
    // client, or as EPIPE when it was writing to it first: either names it.
    const line = await Promise.race([proxy.waitFor(/^proxy: #\d+ error: .*(ECONNRESET|EPIPE)/), deadline(10_000)])
    expect(line, `the proxy logged:\n${proxy.lines.join('\n')}`).toMatch(/error: .*(ECONNRESET|EPIPE)/)
  })

  it('returns to its starting number of open descriptors after 5,000 connections', async () => {
    const pid = proxy.child.pid!
    // One warm-up exchange, so lazily created handles are counted in the baseline.
    await echoRoundTrip(proxy.port, Buffer.from('warm-up'))
    await quiescent(proxy.lines)
    const baseline = openFds(pid)
    const total = 5_000
    let started = 0
    const worker = async (): Promise<void> => {
      while (started < total) {
        started++
        await echoRoundTrip(proxy.port, Buffer.from(`message ${String(started)}`))
      }
    }
    await Promise.all(Array.from({ length: 32 }, worker))
    await quiescent(proxy.lines)
    expect(await settle(() => openFds(pid), baseline, 10_000)).toBe(baseline)
  }, 180_000)
})

describe('tcp-proxy with an unreachable backend', () => {
  it('closes the client promptly and logs the error, leaking nothing', async () => {
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      // A port that was free a moment ago: nothing listens there.
      const probe = net.createServer()
      await new Promise<void>((resolve) => probe.listen(0, HOST, resolve))
      const dead = (probe.address() as net.AddressInfo).port
      await new Promise((resolve) => probe.close(resolve))
      const proxy = await startProxy(stack, ['--backend', `${HOST}:${String(dead)}`])
      const pid = proxy.child.pid!
      const baseline = openFds(pid)
      for (let i = 0; i < 20; i++) {
        const client = await within(proxy, `connecting client ${String(i)}`, open(proxy.port))
        const events: string[] = []
        client.on('data', () => events.push('data'))
        client.on('error', (e: NodeJS.ErrnoException) => events.push(`error ${String(e.code)}`))
        await within(proxy, `the close of client ${String(i)}`, closed(client))
        expect(events.filter((e) => e === 'data')).toEqual([])
      }
      const line = await proxy.waitFor(/#20 error: /)
      expect(line).toContain(`backend ${HOST}:${String(dead)} unreachable`)
      expect(line).toContain('ECONNREFUSED')
      expect(await settle(() => openFds(pid), baseline)).toBe(baseline)
    })
  })
})

describe('tcp-proxy when the backend dies', () => {
  it('closes the client when the backend process is killed mid-transfer', async () => {
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      const script = [
        "const net = require('node:net')",
        "const s = net.createServer({ allowHalfOpen: true }, (c) => { c.on('error', () => {}); c.pipe(c) })",
        "s.listen(0, '127.0.0.1', () => console.log(s.address().port))",
      ].join(';')
      const backend = await stack.enterAsyncContext(spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] }))
      const backendPort = await new Promise<number>((resolve) => {
        backend.stdout?.once('data', (d: Buffer) => {
          resolve(Number(String(d).trim()))
        })
      })
      const proxy = await startProxy(stack, ['--backend', `${HOST}:${String(backendPort)}`])
      const pid = proxy.child.pid!
      const baseline = openFds(pid)
      const client = await within(proxy, 'connecting', open(proxy.port))
      const clientClosed = closed(client)
      client.on('error', () => undefined)
      expect(await within(proxy, 'the echo of ping', ask(client, 'ping'))).toBe('ping')
      // Keep data flowing while the backend dies.
      const chunk = randomBytes(64 * 1024)
      const pump = setInterval(() => {
        if (!client.destroyed) client.write(chunk)
      }, 5)
      try {
        backend.kill('SIGKILL')
        expect(await Promise.race([clientClosed.then(() => 'client closed'), deadline(10_000)])).toBe('client closed')
      } finally {
        clearInterval(pump)
      }
      expect(await proxy.waitFor(/^proxy: #1 (error|closed)/)).toMatch(/#1 /)
      expect(await settle(() => openFds(pid), baseline)).toBe(baseline)
    })
  })
})

describe('tcp-proxy shutdown', () => {
  it('on SIGTERM stops accepting, lets live connections finish, destroys the rest after the grace period, exits 0', async () => {
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      const backend = await echoServer(stack)
      const proxy = await startProxy(stack, ['--backend', `${HOST}:${String(backend)}`, '--grace-period', '3000'])
      const log: string[] = []
      const finisher = await within(proxy, 'connecting the finisher', open(proxy.port))
      const idlers = [await within(proxy, 'connecting idler 0', open(proxy.port)), await within(proxy, 'connecting idler 1', open(proxy.port))]
      for (const [i, socket] of [finisher, ...idlers].entries()) {
        expect(await within(proxy, `the echo of hello ${String(i)}`, ask(socket, `hello ${String(i)}`))).toBe(`hello ${String(i)}`)
        socket.on('error', () => undefined)
      }
      const idlersClosed = idlers.map((socket, i) =>
        closed(socket).then(() => {
          log.push(`idler ${String(i)} closed`)
        }),
      )
      void proxy.exited.then(({ code }) => log.push(`proxy exited ${String(code)}`))

      proxy.child.kill('SIGTERM')
      await proxy.waitFor(/shutting down on SIGTERM: 3 live connection/)
      log.push('shutting down')
      // No longer accepting: refused; or, when the kernel queued the handshake
      // just before the listener closed, reset without ever being served
      // (the proxy logs exactly three opened connections, checked below).
      const late = await within(
        proxy,
        'the late connection refused or closed',
        open(proxy.port).then(
          async (s) => {
            s.on('error', () => undefined)
            s.on('data', () => log.push('late connection got data'))
            await closed(s)
            return 'closed unserved'
          },
          (e: unknown) => (e as NodeJS.ErrnoException).code,
        ),
      )
      expect(['ECONNREFUSED', 'ECONNRESET', 'closed unserved']).toContain(late)
      // A live connection still works and finishes cleanly.
      const finished = new Promise<string>((resolve) => {
        let text = ''
        finisher.on('data', (d: Buffer) => (text += String(d)))
        finisher.on('end', () => {
          resolve(text)
        })
      })
      finisher.end('goodbye')
      expect(await within(proxy, "the finisher's echo and end", finished)).toBe('goodbye')
      log.push('finisher done')

      const result = await Promise.race([proxy.exited, deadline(20_000)])
      expect(result).toEqual({ code: 0, signal: null })
      await within(proxy, "the idlers' close", Promise.all(idlersClosed))
      expect(log.slice(0, 2)).toEqual(['shutting down', 'finisher done'])
      expect(log).toContain('idler 0 closed')
      expect(log).toContain('idler 1 closed')
      expect(log.at(-1)).toBe('proxy exited 0')
      // listen's report: the two idlers were still open at the deadline.
      expect(proxy.lines.at(-1)).toBe('proxy: shutdown complete: 2 connection(s) reset at the end of the grace period')
      expect(proxy.lines.filter((l) => / #\d+ open /.test(l))).toHaveLength(3)
    })
  }, 60_000)
})

describe('tcp-proxy second signal', () => {
  it('ends at once, by the signal, on a second SIGTERM during the grace period', async () => {
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      const backend = await echoServer(stack)
      const proxy = await startProxy(stack, ['--backend', `${HOST}:${String(backend)}`, '--grace-period', '60000'])
      const idler = await within(proxy, 'connecting the idler', open(proxy.port))
      idler.on('error', () => undefined)
      const idlerClosed = closed(idler)
      expect(await within(proxy, 'the echo of hello', ask(idler, 'hello'))).toBe('hello')
      proxy.child.kill('SIGTERM')
      await proxy.waitFor(/shutting down on SIGTERM: 1 live connection/)
      proxy.child.kill('SIGTERM')
      // Re-raised with its default action: the process ends as SIGTERM ends it, long before the grace period.
      expect(await Promise.race([proxy.exited, deadline(20_000)])).toEqual({ code: null, signal: 'SIGTERM' })
      await within(proxy, "the idler's close", idlerClosed)
      expect(proxy.lines.some((l) => l.startsWith('proxy: shutdown complete'))).toBe(false)
    })
  }, 60_000)
})

describe('tcp-proxy idle timeout and dumps', () => {
  it('closes a connection with no traffic for --idle-timeout ms, and dumps both directions', async () => {
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      const backend = await echoServer(stack)
      const proxy = await startProxy(stack, ['--backend', `${HOST}:${String(backend)}`, '--idle-timeout', '200', '--dump', 'hex'])
      const client = await within(proxy, 'connecting', open(proxy.port))
      const clientClosed = closed(client)
      expect(await within(proxy, 'the echo of hello', ask(client, 'hello\n'))).toBe('hello\n')
      expect(await Promise.race([clientClosed.then(() => 'closed'), deadline(10_000)])).toBe('closed')
      expect(await proxy.waitFor(/#1 error: no traffic for 200 ms/)).toContain('no traffic')
      const out = proxy.stdout()
      expect(out).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z #1 client->backend 6 bytes$/m)
      expect(out).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z #1 backend->client 6 bytes$/m)
      expect(out).toContain('00000000  68 65 6c 6c 6f 0a')
      expect(out).toContain('|hello.|')
    })
  })
})

describe('tcp-proxy command line', () => {
  it('--help explains the options and exits 0', async () => {
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      const proc = await runExample(stack, 'tcp-proxy/main.ts', ['--help'])
      expect(await proc.exited).toEqual({ code: 0, signal: null })
      for (const flag of ['--listen HOST:PORT', '--backend HOST:PORT', '--dump hex|text', '--idle-timeout MS', '--grace-period MS']) {
        expect(proc.stdout()).toContain(flag)
      }
      // What shutdown does to a connection left at the deadline: a reset, which the help must name.
      expect(proc.stdout()).toContain('reset them (both sides get a TCP RST')
      expect(proc.stdout()).not.toMatch(/destroy/)
    })
  })

  it('rejects bad arguments with exit code 2', async () => {
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      const proc = await runExample(stack, 'tcp-proxy/main.ts', ['--listen', 'nonsense'])
      expect(await proc.exited).toEqual({ code: 2, signal: null })
      expect(proc.lines.join('\n')).toContain('--listen: expected HOST:PORT')
    })
  })

  it('parses options', () => {
    expect(parseOptions(['--listen', '127.0.0.1:8888', '--backend', '127.0.0.1:9000', '--dump', 'text'])).toEqual({
      listen: { host: '127.0.0.1', port: 8888 },
      backend: { host: '127.0.0.1', port: 9000 },
      dump: 'text',
      idleTimeout: 0,
      gracePeriod: 5_000,
    })
    expect(() => parseOptions(['--listen', '127.0.0.1:1', '--backend', '127.0.0.1:2', '--dump', 'octal'])).toThrow(
      '--dump: expected hex or text',
    )
    expect(() => parseOptions(['--backend', '127.0.0.1:2'])).toThrow('--listen HOST:PORT is required')
    expect(ROOT).toMatch(/\S/)
  })
})

describe('tcp-proxy dump formats', () => {
  it('prints text with escapes for everything not printable', () => {
    expect(textDump(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'))).toBe('GET / HTTP/1.1\\r\\n\nHost: x\\r\\n\n\\r\\n')
    expect(textDump(Uint8Array.from([0, 9, 0x5c, 0x7f, 0xff, 0x41]))).toBe('\\x00\\t\\\\\\x7f\\xffA')
  })

  it('prints hex with offsets and an ASCII column', () => {
    const bytes = Buffer.from('0123456789abcdefXYZ')
    expect(hexDump(bytes).split('\n')).toEqual([
      '00000000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  |0123456789abcdef|',
      '00000010  58 59 5a                                          |XYZ|',
    ])
  })

  it('heads each chunk with a timestamp, the connection and the direction', () => {
    const when = new Date('2024-01-02T03:04:05.678Z')
    expect(formatChunk('text', when, 7, 'client->backend', Buffer.from('hi'))).toBe(
      '2024-01-02T03:04:05.678Z #7 client->backend 2 bytes\nhi\n',
    )
  })
})
