/**
 * Faults around the tcp-proxy example, run in-process on 127.0.0.1: a reset
 * on one side must reach the other side as a reset, never as a clean end.
 */
import { createHash, randomBytes } from 'node:crypto'
import * as net from 'node:net'
import { describe, expect, it } from 'vitest'
import { AsyncExitStack, withAsyncContext } from '../../src/index.js'
import { listen } from '../../src/node/index.js'
import { runProxy } from '../../examples/tcp-proxy/proxy.js'
import { deadline, guardResources, nextEvent } from '../node/helpers.js'

guardResources()

const HOST = '127.0.0.1'

/** How a client connection ended, as the client saw it. */
interface Outcome {
  data: string
  events: string[]
}

/**
 * Connects to `port`, sends `request` (half-closing when `end`), calls
 * `onData` at the first data, and records everything until 'close'.
 */
async function exchange(port: number, request: string, end: boolean, onData: () => void): Promise<Outcome> {
  const socket = net.connect({ host: HOST, port })
  const outcome: Outcome = { data: '', events: [] }
  socket.once('data', onData)
  socket.on('data', (d: Buffer) => (outcome.data += String(d)))
  socket.on('end', () => outcome.events.push('end'))
  socket.on('error', (e: NodeJS.ErrnoException) => outcome.events.push(`error ${String(e.code)}`))
  const closed = nextEvent(socket, 'close')
  await nextEvent(socket, 'connect')
  if (end) socket.end(request)
  else socket.write(request)
  await closed
  return outcome
}

/** Runs the proxy in this process in front of `backend` until the returned stop function is called. */
async function proxy(stack: AsyncExitStack, backend: number, gracePeriod = 5_000, idleTimeout = 0): Promise<{ port: number; log: string[]; stop: () => Promise<void> }> {
  const log: string[] = []
  const stopper = new AbortController()
  const listening = new Promise<number>((resolve) => {
    const io = {
      log: (line: string) => {
        log.push(line)
        const match = /listening on 127\.0\.0\.1:(\d+)/.exec(line)
        if (match) resolve(Number(match[1]))
      },
      dump: () => undefined,
    }
    const options = { listen: { host: HOST, port: 0 }, backend: { host: HOST, port: backend }, dump: undefined, idleTimeout, gracePeriod }
    const running = runProxy(options, io, stopper.signal)
    stack.pushAsyncCallback(async () => {
      stopper.abort()
      await running
    })
  })
  const port = await listening
  return {
    port,
    log,
    stop: async () => {
      stopper.abort()
      await stack.closeAsync()
    },
  }
}

/** A backend on 127.0.0.1:0 that hands each connection to `onSocket`. */
async function backend(stack: AsyncExitStack, onSocket: (socket: net.Socket) => void): Promise<number> {
  const server = net.createServer({ allowHalfOpen: true }, onSocket)
  await stack.enterAsyncContext(listen(server, { host: HOST, port: 0, gracePeriod: 1_000 }))
  return (server.address() as net.AddressInfo).port
}

/**
 * A backend that answers a connection's first chunk with `answer` and then
 * holds it open, recording the `end`s and errors it sees and each 'close'.
 */
async function recordingBackend(stack: AsyncExitStack, answer: string): Promise<{ port: number; saw: string[]; closed: Promise<unknown>[] }> {
  const saw: string[] = []
  const closed: Promise<unknown>[] = []
  const port = await backend(stack, (socket) => {
    closed.push(nextEvent(socket, 'close'))
    socket.on('end', () => saw.push('end'))
    socket.on('error', (e: NodeJS.ErrnoException) => saw.push(`error ${String(e.code)}`))
    socket.once('data', () => socket.write(answer))
  })
  return { port, saw, closed }
}

describe('tcp-proxy forwards resets', () => {
  it('resets the client when the backend resets mid-response (10 times in a row)', async () => {
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      let resetBackend: () => void = () => undefined
      const port = await backend(stack, (socket) => {
        socket.once('data', () => {
          socket.write('partial answer')
          resetBackend = () => socket.resetAndDestroy()
        })
      })
      const front = await proxy(stack, port)
      for (let i = 0; i < 10; i++) {
        // The backend dies once the first part of its answer has reached the client.
        const outcome = await exchange(front.port, 'request', true, () => {
          resetBackend()
        })
        expect(outcome).toEqual({ data: 'partial answer', events: ['error ECONNRESET'] })
      }
      // Shutting down waits for every connection's handler, so the log is complete.
      await front.stop()
      expect(front.log.filter((line) => /#\d+ error: .*ECONNRESET/.test(line))).toHaveLength(10)
      // The reset is the only failure: the client direction was cancelled, not reported as a second error.
      expect(front.log.filter((line) => /#\d+ error: /.test(line)).every((line) => !line.includes(';') && !line.includes('closed before'))).toBe(true)
    })
  })

  it('resets the backend when the client resets', async () => {
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      const { port, saw: backendSaw, closed: backendClosed } = await recordingBackend(stack, 'ready')
      const front = await proxy(stack, port)
      const client = net.connect({ host: HOST, port: front.port })
      client.on('error', () => undefined)
      await nextEvent(client, 'connect')
      const ready = nextEvent(client, 'data')
      client.write('hello')
      await ready
      const clientClosed = nextEvent(client, 'close')
      client.resetAndDestroy()
      await clientClosed
      // A backend given an end instead would stay half-open: bounded wait.
      await Promise.race([backendClosed[0], deadline(10_000)])
      expect(backendSaw).toEqual(['error ECONNRESET'])
    })
  })

  it('resets both sides of a connection still open at the shutdown deadline', async () => {
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      // Answers the first chunk and then holds the connection open: a slow response.
      const { port, saw: backendSaw, closed: backendClosed } = await recordingBackend(stack, 'first part')
      const front = await proxy(stack, port, 50)
      const client = net.connect({ host: HOST, port: front.port })
      const clientSaw: string[] = []
      client.on('end', () => clientSaw.push('end'))
      client.on('error', (e: NodeJS.ErrnoException) => clientSaw.push(`error ${String(e.code)}`))
      await nextEvent(client, 'connect')
      const answered = nextEvent(client, 'data')
      client.write('request')
      await answered
      const clientClosed = nextEvent(client, 'close')
      await front.stop()
      await clientClosed
      await backendClosed[0]
      expect(clientSaw).toEqual(['error ECONNRESET'])
      expect(backendSaw).toEqual(['error ECONNRESET'])
      // listen's report of what its exit did, logged last.
      expect(front.log.at(-1)).toBe('shutdown complete: 1 connection(s) reset at the end of the grace period')
    })
  })
})

describe('tcp-proxy ends a finished exchange cleanly', () => {
  it('with an idle timeout set, ends both sides at once and logs the byte counts', async () => {
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      const backendSaw: string[] = []
      const port = await backend(stack, (socket) => {
        socket.on('end', () => backendSaw.push('end'))
        socket.on('error', (e: NodeJS.ErrnoException) => backendSaw.push(`error ${String(e.code)}`))
        socket.pipe(socket)
      })
      // An hour: a close that waited for the idle watch would never come within the test.
      const front = await proxy(stack, port, 5_000, 3_600_000)
      const outcome = await exchange(front.port, 'hello', true, () => undefined)
      expect(outcome).toEqual({ data: 'hello', events: ['end'] })
      await front.stop()
      expect(backendSaw).toEqual(['end'])
      expect(front.log.filter((line) => /^#\d+ /.test(line))).toEqual([expect.stringMatching(/^#1 open from /), '#1 closed (up 5 B, down 5 B)'])
    })
  })

  it('serves a client that half-closes at once to a backend that speaks first', async () => {
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      const port = await backend(stack, (socket) => {
        socket.on('error', () => undefined)
        socket.write('greeting')
        socket.resume()
        socket.once('end', () => socket.end())
      })
      const front = await proxy(stack, port)
      // The client's FIN usually reaches the proxy before the backend answers its connect.
      const outcome = await exchange(front.port, '', true, () => undefined)
      expect(outcome).toEqual({ data: 'greeting', events: ['end'] })
      await front.stop()
      expect(front.log.filter((line) => / closed \(/.test(line))).toEqual(['#1 closed (up 0 B, down 8 B)'])
    })
  })

  it('delivers every byte of a large answer to a client that reads slowly, then ends it', async () => {
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      // Large enough that the tail of the answer is still queued in the proxy
      // when the backend's end reaches it: a proxy that destroyed the client
      // at that point would cut the answer and still send a FIN.
      const answer = randomBytes(24 * 1024 * 1024)
      const port = await backend(stack, (socket) => {
        socket.on('error', () => undefined)
        socket.resume()
        // The answer's last 100 bytes come on their own, after the rest: a
        // tail under the proxy's high-water mark, which does not pause its reading.
        socket.once('end', () => {
          socket.write(answer.subarray(0, -100), () => socket.end(answer.subarray(-100)))
        })
      })
      const front = await proxy(stack, port)
      const client = net.connect({ host: HOST, port: front.port, allowHalfOpen: true })
      const events: string[] = []
      const hash = createHash('sha256')
      let received = 0
      client.on('data', (chunk: Buffer) => {
        hash.update(chunk)
        received += chunk.length
        // A slow reader: one chunk per timer tick.
        client.pause()
        setTimeout(() => client.resume(), 1)
      })
      client.on('end', () => events.push('end'))
      client.on('error', (e: NodeJS.ErrnoException) => events.push(`error ${String(e.code)}`))
      const clientClosed = nextEvent(client, 'close')
      await nextEvent(client, 'connect')
      client.end('request')
      await clientClosed
      expect({ events, received }).toEqual({ events: ['end'], received: answer.length })
      expect(hash.digest('hex')).toBe(createHash('sha256').update(answer).digest('hex'))
      await front.stop()
      expect(front.log.filter((line) => / closed \(/.test(line))).toEqual([`#1 closed (up 7 B, down ${String(answer.length)} B)`])
    })
  })
})
