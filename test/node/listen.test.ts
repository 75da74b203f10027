import * as http from 'node:http'
import * as net from 'node:net'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { AsyncExitStack, withAsyncContext } from '../../src/index.js'
import { listen, tempDirSync } from '../../src/node/index.js'
import { BodyError, deadline, guardResources, nextEvent, openFds } from './helpers.js'
import { useLeakCheck } from '../support/leaks.js'

guardResources()
useLeakCheck()

const HOST = '127.0.0.1'

function portOf(server: net.Server): number {
  return (server.address() as net.AddressInfo).port
}

async function dial(port: number): Promise<net.Socket> {
  const socket = net.connect({ host: HOST, port })
  await nextEvent(socket, 'connect')
  return socket
}

function get(port: number, agent: http.Agent, pathname = '/'): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: HOST, port, path: pathname, agent }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (d: string) => (body += d))
        res.on('end', () => {
          resolve(body)
        })
      })
      .on('error', reject)
  })
}

describe('listen', () => {
  it('enters as the listening server on 127.0.0.1 and closes it at exit', async () => {
    const server = net.createServer()
    const address = await withAsyncContext(listen(server, { host: HOST, port: 0 }), (s) => {
      expect(s).toBe(server)
      expect(s.listening).toBe(true)
      return s.address() as net.AddressInfo
    })
    expect(address.address).toBe(HOST)
    expect(server.listening).toBe(false)
  })

  it('lets a connection that finishes within the grace period finish, then closes', async () => {
    const log: string[] = []
    const server = net.createServer((peer) => {
      peer.on('data', (d) => peer.write(d))
      peer.on('end', () => {
        log.push('server saw end')
        peer.end()
      })
    })
    let client: net.Socket | undefined
    const received: string[] = []
    await withAsyncContext(listen(server, { host: HOST, port: 0, gracePeriod: 600_000 }), async (s) => {
      client = await dial(portOf(s))
      client.on('data', (d) => received.push(String(d)))
      client.on('close', () => log.push('client closed'))
      // The client finishes its exchange after the exit has begun.
      setTimeout(() => {
        log.push('client sends')
        client?.end('last words')
      }, 50)
      log.push('exit begins')
    })
    log.push('exit resolved')
    await settleClosed(client)
    expect(received.join('')).toBe('last words')
    expect(log.slice(0, 3)).toEqual(['exit begins', 'client sends', 'server saw end'])
    expect(log.indexOf('server saw end')).toBeLessThan(log.indexOf('exit resolved'))
    expect(log).toContain('client closed')
  })

  it('destroys a connected idle client after the grace period', async () => {
    const log: string[] = []
    const server = net.createServer((peer) => {
      peer.on('close', () => log.push('server side closed'))
    })
    let client: net.Socket | undefined
    const done = withAsyncContext(listen(server, { host: HOST, port: 0, gracePeriod: 100 }), async (s) => {
      const accepted = nextEvent(server, 'connection')
      client = await dial(portOf(s))
      client.on('error', () => log.push('client error'))
      client.on('close', () => log.push('client closed'))
      await accepted
    }).then(() => {
      log.push('exit resolved')
      return 'exited' as const
    })
    expect(await Promise.race([done, deadline(10_000)])).toBe('exited')
    expect(log).toContain('server side closed')
    await settleClosed(client)
    expect(log).toContain('client closed')
  })

  it('resets the connections still open at the deadline and counts them in .forced', async () => {
    const server = net.createServer((peer) => {
      peer.on('error', () => undefined)
    })
    const cm = listen(server, { host: HOST, port: 0, gracePeriod: 50 })
    expect(cm.forced).toBe(0)
    const seen: string[][] = []
    const closedClients: Promise<unknown>[] = []
    await withAsyncContext(cm, async (s) => {
      for (let i = 0; i < 2; i++) {
        const accepted = nextEvent(server, 'connection')
        const client = await dial(portOf(s))
        const events: string[] = []
        seen.push(events)
        client.on('end', () => events.push('end'))
        client.on('error', (e: NodeJS.ErrnoException) => events.push(`error ${String(e.code)}`))
        closedClients.push(nextEvent(client, 'close'))
        await accepted
      }
    })
    await Promise.all(closedClients)
    expect(cm.forced).toBe(2)
    expect(seen).toEqual([['error ECONNRESET'], ['error ECONNRESET']])
  })

  it('destroys (an IPC socket cannot be reset) the connections of a server on a path at the deadline', async () => {
    const cm = tempDirSync('ctxlib-ipc-')
    const dir = cm.enter()
    try {
      const server = net.createServer((peer) => peer.on('error', () => undefined))
      const manager = listen(server, { path: path.join(dir, 'sock'), gracePeriod: 50 })
      let clientClosed: Promise<unknown> | undefined
      await withAsyncContext(manager, async () => {
        const accepted = nextEvent(server, 'connection')
        const client = net.connect({ path: path.join(dir, 'sock') })
        client.on('error', () => undefined)
        clientClosed = nextEvent(client, 'close')
        await nextEvent(client, 'connect')
        await accepted
      })
      await clientClosed
      expect(manager.forced).toBe(1)
    } finally {
      cm.exit()
    }
  })

  it('reports .forced 0 for a clean drain, and for an HTTP server whose idle keep-alive connection it closed', async () => {
    const clean = listen(net.createServer((peer) => peer.end()), { host: HOST, port: 0, gracePeriod: 600_000 })
    await withAsyncContext(clean, async (s) => {
      const client = await dial(portOf(s))
      client.resume()
      await nextEvent(client, 'close')
    })
    expect(clean.forced).toBe(0)
    const agent = new http.Agent({ keepAlive: true })
    try {
      const web = listen(http.createServer((_req, res) => res.end('hi')), { host: HOST, port: 0, gracePeriod: 600_000 })
      await withAsyncContext(web, async (s) => {
        expect(await get(portOf(s), agent)).toBe('hi')
      })
      expect(web.forced).toBe(0)
    } finally {
      agent.destroy()
    }
  })

  it('resets a stalled HTTP connection at the deadline: the client sees the reset', async () => {
    const server = http.createServer(() => {
      // Never answers.
    })
    const cm = listen(server, { host: HOST, port: 0, gracePeriod: 50 })
    let failure: Promise<unknown> | undefined
    await withAsyncContext(cm, async (s) => {
      failure = get(portOf(s), new http.Agent()).catch((e: unknown) => e)
      await nextEvent(server, 'request')
    })
    expect(await failure).toMatchObject({ code: 'ECONNRESET' })
    expect(cm.forced).toBe(1)
  })

  it('closes an idle HTTP keep-alive connection at once, without waiting for the grace period', async () => {
    const agent = new http.Agent({ keepAlive: true })
    const server = http.createServer((_req, res) => res.end('hello'))
    try {
      const done = withAsyncContext(listen(server, { host: HOST, port: 0, gracePeriod: 600_000 }), async (s) => {
        expect(await get(portOf(s), agent)).toBe('hello')
        // The keep-alive socket now sits idle in the agent.
        expect(Object.keys(agent.freeSockets)).toHaveLength(1)
      }).then(() => 'exited' as const)
      expect(await Promise.race([done, deadline(10_000)])).toBe('exited')
    } finally {
      agent.destroy()
    }
  })

  it('lets an in-flight HTTP request complete during the grace period', async () => {
    const agent = new http.Agent({ keepAlive: true })
    const log: string[] = []
    let release: () => void = () => undefined
    const server = http.createServer((_req, res) => {
      log.push('request arrived')
      release = () => res.end('slow answer')
    })
    try {
      let answer: Promise<string> | undefined
      await withAsyncContext(listen(server, { host: HOST, port: 0, gracePeriod: 600_000 }), async (s) => {
        answer = get(portOf(s), agent)
        await nextEvent(server, 'request')
        setTimeout(() => {
          log.push('response sent')
          release()
        }, 50)
      })
      log.push('exit resolved')
      expect(await answer).toBe('slow answer')
      expect(log).toEqual(['request arrived', 'response sent', 'exit resolved'])
    } finally {
      agent.destroy()
    }
  })

  it('exits the same way when the block throws', async () => {
    const server = net.createServer()
    const boom = new BodyError('boom')
    await expect(
      withAsyncContext(listen(server, { host: HOST, port: 0 }), () => {
        throw boom
      }),
    ).rejects.toBe(boom)
    expect(server.listening).toBe(false)
  })

  it('tolerates a block that closed the server itself', async () => {
    const server = net.createServer()
    await withAsyncContext(listen(server, { host: HOST, port: 0 }), async (s) => {
      s.close()
      await nextEvent(s, 'close')
    })
    expect(server.listening).toBe(false)
  })

  it('rejects with EADDRINUSE and leaves nothing open; the server can be listened again', async () => {
    const first = net.createServer()
    await withAsyncContext(listen(first, { host: HOST, port: 0 }), async (s) => {
      const second = net.createServer()
      const before = openFds()
      await expect(
        withAsyncContext(listen(second, { host: HOST, port: portOf(s) }), () => 'never'),
      ).rejects.toMatchObject({ code: 'EADDRINUSE' })
      expect(openFds()).toBe(before)
      expect(second.listenerCount('connection')).toBe(0)
      expect(second.listenerCount('close')).toBe(0)
    })
    await withAsyncContext(listen(first, { host: HOST, port: 0 }), (s) => {
      expect(s.listening).toBe(true)
    })
  })

  it('works through AsyncExitStack.enterAsyncContext', async () => {
    const stack = new AsyncExitStack()
    const server = await stack.enterAsyncContext(listen(net.createServer(), { host: HOST, port: 0 }))
    expect(server.listening).toBe(true)
    await stack.closeAsync()
    expect(server.listening).toBe(false)
  })

  it('refuses a server that is already listening, and is single-use', async () => {
    const server = net.createServer()
    const cm = listen(server, { host: HOST, port: 0 })
    await withAsyncContext(cm, async (s) => {
      await expect(listen(s, { host: HOST, port: 0 }).enterAsync()).rejects.toThrow(
        'listen: expected a server that is not listening yet, got a listening server',
      )
    })
    await expect(cm.enterAsync()).rejects.toThrow(/listen: this manager was already entered/)
  })

  it('checks its arguments at once', () => {
    expect(() => listen({} as unknown as net.Server, { port: 0 })).toThrow(
      new TypeError('listen: expected a net.Server or http.Server, got object'),
    )
    expect(() => listen(net.createServer(), undefined as unknown as net.ListenOptions)).toThrow(
      new TypeError('listen: expected an options object, got undefined'),
    )
    expect(() => listen(net.createServer(), { port: 0, gracePeriod: Number.NaN })).toThrow(/gracePeriod/)
  })

  it('checks at the call the options Node would refuse only when listening, naming types, never values', () => {
    const server = net.createServer()
    const cases: [unknown, string][] = [
      [{}, 'listen: expected options with port or path or fd or handle, got an object with neither'],
      [{ port: 70_000 }, 'listen: expected port to be an integer from 0 to 65535 (or its decimal string), got number'],
      [{ port: '80x' }, 'listen: expected port to be an integer from 0 to 65535 (or its decimal string), got string'],
      [{ port: 1.5 }, 'listen: expected port to be an integer from 0 to 65535 (or its decimal string), got number'],
      [{ port: 0, host: 5 }, 'listen: expected host to be a string, got number'],
      [{ path: 5 }, 'listen: expected path to be a string, got number'],
      [{ port: 0, backlog: 'x' }, 'listen: expected backlog to be an integer, got string'],
      [{ port: 0, signal: {} }, 'listen: expected signal to be an AbortSignal, got object'],
    ]
    for (const [options, message] of cases) {
      expect(() => listen(server, options as net.ListenOptions)).toThrow(new TypeError(message))
    }
    expect(server.listenerCount('connection')).toBe(0)
    // A decimal string port is what Node accepts too.
    expect(listen(server, { port: '0' as unknown as number }).forced).toBe(0)
  })
})

async function settleClosed(socket: net.Socket | undefined): Promise<void> {
  if (socket && !socket.closed) await nextEvent(socket, 'close')
}
