import * as net from 'node:net'
import * as path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AsyncExitStack, withAsyncContext } from '../../src/index.js'
import { connect, tempDirSync } from '../../src/node/index.js'
import { BodyError, deadline, guardResources, nextEvent, openFds } from './helpers.js'
import { useLeakCheck } from '../support/leaks.js'

useLeakCheck()

guardResources()

const HOST = '127.0.0.1'
const servers: net.Server[] = []
const peers: net.Socket[] = []

/** A server on 127.0.0.1:0 whose connections are handed to `onSocket`; closed after each test. */
async function server(onSocket: (socket: net.Socket) => void, allowHalfOpen = false): Promise<number> {
  const s = net.createServer({ allowHalfOpen }, (peer) => {
    peers.push(peer)
    onSocket(peer)
  })
  servers.push(s)
  await new Promise<void>((resolve) => s.listen(0, HOST, resolve))
  return (s.address() as net.AddressInfo).port
}

afterEach(async () => {
  // Half-open peers whose client is gone never close by themselves.
  for (const peer of peers.splice(0)) peer.destroy()
  for (const s of servers.splice(0)) {
    s.close()
    await nextEvent(s, 'close')
  }
})

describe('connect', () => {
  it('enters as a connected socket; a completed exit ends, reads until the peer closes, then resolves', async () => {
    const log: string[] = []
    const port = await server((peer) => {
      peer.on('data', (d) => peer.write(d))
      peer.on('end', () => log.push('peer saw end'))
      peer.on('close', () => log.push('peer closed'))
    })
    const reply = await withAsyncContext(connect({ host: HOST, port }), async (socket) => {
      expect(socket.remoteAddress).toBe(HOST)
      expect(socket.readyState).toBe('open')
      socket.on('close', () => log.push('client closed'))
      socket.write('ping')
      const [data] = await nextEvent(socket, 'data')
      return String(data)
    })
    log.push('exit resolved')
    expect(reply).toBe('ping')
    expect(log.indexOf('peer saw end')).toBeGreaterThanOrEqual(0)
    expect(log.indexOf('peer saw end')).toBeLessThan(log.indexOf('exit resolved'))
    expect(log.indexOf('client closed')).toBeLessThan(log.indexOf('exit resolved'))
  })

  it('keeps delivering data sent by the peer before it closes', async () => {
    const port = await server((peer) => {
      peer.on('end', () => {
        peer.end('goodbye')
      })
    }, true)
    const chunks: string[] = []
    await withAsyncContext(connect({ host: HOST, port }), (socket) => {
      socket.on('data', (d) => chunks.push(String(d)))
    })
    expect(chunks.join('')).toBe('goodbye')
  })

  it('destroys the socket after the grace period when the peer never closes', async () => {
    const log: string[] = []
    const port = await server((peer) => {
      peer.on('end', () => log.push('peer saw end'))
      peer.on('close', () => log.push('peer closed'))
      peer.on('error', () => log.push('peer error'))
    }, true)
    const done = withAsyncContext(connect({ host: HOST, port, gracePeriod: 50 }), (socket) => {
      socket.on('close', () => log.push('client closed'))
    }).then(() => 'exited' as const)
    expect(await Promise.race([done, deadline(10_000)])).toBe('exited')
    expect(log).toContain('peer saw end')
    expect(log).toContain('client closed')
  })

  it('destroys at once when the block throws, without waiting for the peer', async () => {
    const log: string[] = []
    const port = await server((peer) => {
      peer.on('close', () => log.push('peer closed'))
    }, true)
    const boom = new BodyError('boom')
    const done = withAsyncContext(connect({ host: HOST, port, gracePeriod: 600_000 }), (socket) => {
      socket.on('close', () => log.push('client closed'))
      throw boom
    }).catch((e: unknown) => e)
    expect(await Promise.race([done, deadline(10_000)])).toBe(boom)
    expect(log).toContain('client closed')
  })

  it('resets the connection when the block throws: the peer sees ECONNRESET, not an end', async () => {
    const peerSaw: string[] = []
    let peerClosed: Promise<unknown> | undefined
    const port = await server((peer) => {
      peer.on('end', () => peerSaw.push('end'))
      peer.on('error', (e: NodeJS.ErrnoException) => peerSaw.push(`error ${String(e.code)}`))
      peerClosed = nextEvent(peer, 'close')
      peer.once('data', () => peer.write('half an answer'))
    }, true)
    const boom = new BodyError('boom')
    await expect(
      withAsyncContext(connect({ host: HOST, port }), async (socket) => {
        socket.write('question')
        await nextEvent(socket, 'data')
        throw boom
      }),
    ).rejects.toBe(boom)
    await peerClosed
    expect(peerSaw).toEqual(['error ECONNRESET'])
  })

  it('destroys an IPC connection when the block throws (pipes cannot be reset)', async () => {
    const cm = tempDirSync('ctxlib-ipc-')
    const dir = cm.enter()
    try {
      const sock = path.join(dir, 'sock')
      const peerSaw: string[] = []
      let peerClosed: Promise<unknown> | undefined
      const s = net.createServer((peer) => {
        peers.push(peer)
        peer.on('end', () => peerSaw.push('end'))
        peerClosed = nextEvent(peer, 'close')
      })
      servers.push(s)
      await new Promise<void>((resolve) => s.listen(sock, resolve))
      const boom = new BodyError('boom')
      await expect(
        withAsyncContext(connect({ path: sock }), () => {
          throw boom
        }),
      ).rejects.toBe(boom)
      await peerClosed
      expect(peerSaw).toEqual(['end'])
    } finally {
      cm.exit()
    }
  })

  it('ends, not resets, when the block completes: the peer sees an end', async () => {
    const peerSaw: string[] = []
    let peerClosed: Promise<unknown> | undefined
    const port = await server((peer) => {
      peer.resume()
      peer.on('end', () => {
        peerSaw.push('end')
        peer.end()
      })
      peer.on('error', (e: NodeJS.ErrnoException) => peerSaw.push(`error ${String(e.code)}`))
      peerClosed = nextEvent(peer, 'close')
    }, true)
    await withAsyncContext(connect({ host: HOST, port }), (socket) => {
      socket.write('all of it')
    })
    await peerClosed
    expect(peerSaw).toEqual(['end'])
  })

  it('rejects with the connection error and leaves nothing open', async () => {
    const probe = net.createServer()
    await new Promise<void>((resolve) => probe.listen(0, HOST, resolve))
    const port = (probe.address() as net.AddressInfo).port
    probe.close()
    await nextEvent(probe, 'close')
    const before = openFds()
    await expect(withAsyncContext(connect({ host: HOST, port }), () => 'never')).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    })
    expect(openFds()).toBe(before)
  })

  it('rejects (never throws) when Node refuses an option that is not checked at the call', async () => {
    // `hints` is passed on to dns.lookup as it is; Node checks the flags when it
    // looks the name up, synchronously, before any connection is attempted.
    const cm = connect({ host: 'localhost', port: 1, hints: 99_999 })
    const entering = cm.enterAsync()
    await expect(entering).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_VALUE' })
    await expect(cm.enterAsync()).rejects.toThrow(/connect: this manager was already entered/)
  })

  it('catches a socket error during the block and reports it from exit, without crashing', async () => {
    const port = await server((peer) => {
      peer.once('data', () => peer.resetAndDestroy())
    })
    const rejected = withAsyncContext(connect({ host: HOST, port }), async (socket) => {
      socket.write('trigger reset')
      await nextEvent(socket, 'close')
      return 'body done'
    })
    await expect(rejected).rejects.toMatchObject({ code: 'ECONNRESET' })
  })

  it('works through AsyncExitStack.enterAsyncContext', async () => {
    const port = await server((peer) => peer.resume())
    const stack = new AsyncExitStack()
    const socket = await stack.enterAsyncContext(connect({ host: HOST, port }))
    expect(socket.destroyed).toBe(false)
    await stack.closeAsync()
    expect(socket.destroyed).toBe(true)
  })

  it('is single-use', async () => {
    const port = await server((peer) => peer.resume())
    const cm = connect({ host: HOST, port })
    await expect(cm.exitAsync()).rejects.toThrow('connect: exit called before enter')
    await withAsyncContext(cm, () => undefined)
    await expect(cm.enterAsync()).rejects.toThrow(/connect: this manager was already entered/)
  })

  it('checks its options at once', () => {
    expect(() => connect(5 as unknown as net.NetConnectOpts)).toThrow(
      new TypeError('connect: expected an options object, got number'),
    )
    expect(() => connect({ port: 1, gracePeriod: '1s' as unknown as number })).toThrow(
      new TypeError('connect: expected gracePeriod to be a non-negative number of milliseconds, got string'),
    )
    expect(() => connect({ port: 1, gracePeriod: -1 })).toThrow(/got number/)
  })

  it('checks at the call the options Node would refuse only when connecting, naming types, never values', () => {
    const bad = 'connect: expected port to be an integer from 0 to 65535 (or its decimal string), got'
    const cases: [unknown, string][] = [
      [{}, 'connect: expected options with port or path, got an object with neither'],
      [{ host: HOST }, 'connect: expected options with port or path, got an object with neither'],
      [{ port: -5 }, `${bad} number`],
      [{ port: 70_000 }, `${bad} number`],
      [{ port: '80x' }, `${bad} string`],
      [{ port: null }, `${bad} null`],
      [{ port: 1, host: 5 }, 'connect: expected host to be a string, got number'],
      [{ path: 5 }, 'connect: expected path to be a string, got number'],
      [{ port: 1, family: 5 }, 'connect: expected family to be 0, 4 or 6, got number'],
      [{ port: 1, localAddress: 'x' }, 'connect: expected localAddress to be an IP address string, got string'],
      [{ port: 1, localPort: 'x' }, `connect: expected localPort to be an integer from 0 to 65535 (or its decimal string), got string`],
      [{ port: 1, timeout: 'x' }, 'connect: expected timeout to be a non-negative number of milliseconds, got string'],
      [{ port: 1, keepAliveInitialDelay: -1 }, 'connect: expected keepAliveInitialDelay to be a non-negative number of milliseconds, got number'],
      [{ port: 1, autoSelectFamily: 'x' }, 'connect: expected autoSelectFamily to be a boolean, got string'],
      [{ port: 1, lookup: 5 }, 'connect: expected lookup to be a function, got number'],
      [{ port: 1, signal: 5 }, 'connect: expected signal to be an AbortSignal, got number'],
    ]
    for (const [options, message] of cases) {
      expect(() => connect(options as net.NetConnectOpts)).toThrow(new TypeError(message))
    }
  })
})
