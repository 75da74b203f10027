/**
 * One direction of the tcp-proxy example, `pipe`, on real sockets over
 * 127.0.0.1: what ends it, what it reports, and that it leaves nothing behind.
 */
import * as net from 'node:net'
import { describe, expect, it } from 'vitest'
import { AsyncExitStack, withAsyncContext } from '../../src/index.js'
import { listen } from '../../src/node/index.js'
import { pipe } from '../../examples/tcp-proxy/pipe.js'
import { guardResources, nextEvent } from '../node/helpers.js'

guardResources()

const HOST = '127.0.0.1'

/** Two connected socket pairs: `a` talks to `aPeer`, `b` to `bPeer`; all scoped to `stack`. */
async function pairs(stack: AsyncExitStack): Promise<{ a: net.Socket; aPeer: net.Socket; b: net.Socket; bPeer: net.Socket }> {
  const accepted: net.Socket[] = []
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    socket.on('error', () => undefined)
    accepted.push(socket)
  })
  await stack.enterAsyncContext(listen(server, { host: HOST, port: 0, gracePeriod: 100 }))
  const port = (server.address() as net.AddressInfo).port
  const dial = async (): Promise<net.Socket> => {
    const socket = net.connect({ host: HOST, port, allowHalfOpen: true })
    socket.on('error', () => undefined)
    stack.callback(() => socket.destroy())
    await nextEvent(socket, 'connect')
    return socket
  }
  const aPeer = await dial()
  const bPeer = await dial()
  while (accepted.length < 2) await nextEvent(server, 'connection')
  return { a: accepted[0]!, aPeer, b: accepted[1]!, bPeer }
}

const listeners = (socket: net.Socket): number[] =>
  ['data', 'end', 'error', 'close', 'drain'].map((event) => socket.listenerCount(event))

describe('tcp-proxy pipe', () => {
  it('copies every byte, forwards the end, resolves, and removes its listeners', async () => {
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      const { a, aPeer, b, bPeer } = await pairs(stack)
      const before = [listeners(a), listeners(b)]
      const chunks: number[] = []
      const controller = new AbortController()
      const done = pipe({ socket: a, name: 'client' }, { socket: b, name: 'backend' }, controller.signal, (chunk) => chunks.push(chunk.length))
      let got = ''
      bPeer.on('data', (d: Buffer) => (got += String(d)))
      const ended = nextEvent(bPeer, 'end')
      aPeer.end('x'.repeat(100_000))
      await done
      await ended
      expect(got).toBe('x'.repeat(100_000))
      expect(chunks.reduce((x, y) => x + y, 0)).toBe(100_000)
      expect([listeners(a), listeners(b)]).toEqual(before)
    })
  })

  it('forwards an end that came before the pipe began (a client that half-closed at once)', async () => {
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      const { a, aPeer, b, bPeer } = await pairs(stack)
      // Node reads the FIN and emits 'end' with no one consuming the socket.
      const sourceEnded = nextEvent(a, 'end')
      aPeer.end()
      await sourceEnded
      const before = [listeners(a), listeners(b)]
      const forwarded = nextEvent(bPeer, 'end')
      await pipe({ socket: a, name: 'client' }, { socket: b, name: 'backend' }, new AbortController().signal)
      await forwarded
      expect([listeners(a), listeners(b)]).toEqual(before)
    })
  })

  it('rejects with the abort reason at once and removes its listeners', async () => {
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      const { a, b } = await pairs(stack)
      const before = [listeners(a), listeners(b)]
      const controller = new AbortController()
      const done = pipe({ socket: a, name: 'client' }, { socket: b, name: 'backend' }, controller.signal)
      const reason = new Error('cancelled')
      controller.abort(reason)
      await expect(done).rejects.toBe(reason)
      expect([listeners(a), listeners(b)]).toEqual(before)
      // Nothing reset or ended: the owner of the sockets decides that.
      expect([a.destroyed, b.destroyed, b.writableEnded]).toEqual([false, false, false])
    })
  })

  it('rejects at once on an already aborted signal, reading nothing', async () => {
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      const { a, b } = await pairs(stack)
      const before = [listeners(a), listeners(b)]
      await expect(pipe({ socket: a, name: 'client' }, { socket: b, name: 'backend' }, AbortSignal.abort('stop'))).rejects.toBe('stop')
      expect([listeners(a), listeners(b)]).toEqual(before)
    })
  })

  it("rejects with the source's error when its peer resets", async () => {
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      const { a, aPeer, b, bPeer } = await pairs(stack)
      const done = pipe({ socket: a, name: 'client' }, { socket: b, name: 'backend' }, new AbortController().signal)
      // Reset once the data went through (Node sends a FIN, not a RST, for a reset in the write's own turn).
      const through = nextEvent(bPeer, 'data')
      aPeer.write('some')
      await through
      aPeer.resetAndDestroy()
      await expect(done).rejects.toMatchObject({ code: 'ECONNRESET' })
    })
  })

  it('rejects naming the sink when the sink closes before the source ended', async () => {
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      const { a, b } = await pairs(stack)
      const done = pipe({ socket: a, name: 'client' }, { socket: b, name: 'backend' }, new AbortController().signal)
      b.destroy()
      await expect(done).rejects.toThrow('backend connection closed before the exchange finished')
    })
  })

  it("rejects with the sink's own error when the sink's peer resets", async () => {
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      const { a, aPeer, b, bPeer } = await pairs(stack)
      const done = pipe({ socket: a, name: 'client' }, { socket: b, name: 'backend' }, new AbortController().signal)
      const peerClosed = nextEvent(bPeer, 'close')
      bPeer.resetAndDestroy()
      await peerClosed
      // Whether the sink's own read or this write meets the reset first, the
      // reset is what the pipe reports, not a bare "closed".
      aPeer.write('after the reset')
      const error = await done.then(
        () => undefined,
        (e: unknown) => e as NodeJS.ErrnoException,
      )
      expect(error?.code).toMatch(/^(ECONNRESET|EPIPE)$/)
    })
  })

  it('rejects naming the source when it closes without an end', async () => {
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      const { a, b } = await pairs(stack)
      const done = pipe({ socket: a, name: 'client' }, { socket: b, name: 'backend' }, new AbortController().signal)
      a.destroy()
      await expect(done).rejects.toThrow('client connection closed before the exchange finished')
    })
  })
})
