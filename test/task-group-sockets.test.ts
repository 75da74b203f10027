/**
 * A task group over real TCP sockets on 127.0.0.1: a connection reset in one
 * task cancels a sibling stuck on a silent peer, at once.
 */
import { once } from 'node:events'
import * as net from 'node:net'
import { describe, expect, it } from 'vitest'
import { taskGroup, withAsyncContext } from '../src/index.js'
import { guardResources } from './node/helpers.js'
import { rejection } from './support/kit.js'

guardResources()

const HOST = '127.0.0.1'

/** A server that stays silent, except that it resets a connection whose first byte is 'R'. */
async function silentServer(): Promise<{ server: net.Server; port: number; peers: Set<net.Socket> }> {
  const peers = new Set<net.Socket>()
  const server = net.createServer((peer) => {
    peers.add(peer)
    peer.on('close', () => peers.delete(peer))
    peer.on('error', () => undefined)
    peer.once('data', (chunk) => {
      if (chunk.toString() === 'R') peer.resetAndDestroy()
    })
  })
  server.listen(0, HOST)
  await once(server, 'listening')
  return { server, port: (server.address() as net.AddressInfo).port, peers }
}

/** Connects, optionally sends `first`, and waits for the peer's end (or an error), the socket destroyed on every path. */
async function readToEnd(port: number, signal: AbortSignal, log: string[], name: string, first?: string): Promise<void> {
  const socket = net.connect(port, HOST)
  try {
    await once(socket, 'connect', { signal })
    log.push(`${name} connected`)
    if (first !== undefined) socket.write(first)
    await once(socket, 'end', { signal })
  } catch (e) {
    log.push(`${name}: ${(e as Error).name}${(e as NodeJS.ErrnoException).code === undefined ? '' : ` ${String((e as NodeJS.ErrnoException).code)}`}`)
    throw e
  } finally {
    socket.destroy()
    if (!socket.closed) await once(socket, 'close')
  }
}

describe('taskGroup over real sockets', () => {
  it('cancels a sibling stuck on a silent peer when another connection is reset, and reports only the reset', async () => {
    const { server, port, peers } = await silentServer()
    const log: string[] = []
    try {
      const error = await rejection(
        withAsyncContext(taskGroup(), async (tg) => {
          const stuck = tg.spawn((signal) => readToEnd(port, signal, log, 'stuck'))
          // the reset starts once the stuck reader is connected, so the log has one order
          await new Promise<void>((resolve) => {
            const poll = (): void => {
              if (log.includes('stuck connected')) resolve()
              else setImmediate(poll)
            }
            poll()
          })
          void tg.spawn((signal) => readToEnd(port, signal, log, 'reset', 'R'))
          await stuck.catch(() => undefined)
        }),
      )
      expect(error).toBeInstanceOf(AggregateError)
      const errors = (error as AggregateError).errors as NodeJS.ErrnoException[]
      expect(errors.map((e) => e.code)).toEqual(['ECONNRESET'])
      expect(log).toEqual(['stuck connected', 'reset connected', 'reset: Error ECONNRESET', 'stuck: AbortError ABORT_ERR'])
    } finally {
      for (const peer of peers) peer.destroy()
      server.close()
      await once(server, 'close')
    }
  })

  it('exits cleanly after tg.abort() with every socket closed', async () => {
    const { server, port, peers } = await silentServer()
    const log: string[] = []
    try {
      await withAsyncContext(taskGroup(), async (tg) => {
        const reads = [tg.spawn((signal) => readToEnd(port, signal, log, 'a')), tg.spawn((signal) => readToEnd(port, signal, log, 'b'))]
        while (!(log.includes('a connected') && log.includes('b connected'))) await new Promise((resolve) => setImmediate(resolve))
        tg.abort()
        await Promise.allSettled(reads)
      })
      expect(log.filter((line) => line.endsWith('AbortError ABORT_ERR')).sort()).toEqual(['a: AbortError ABORT_ERR', 'b: AbortError ABORT_ERR'])
    } finally {
      for (const peer of peers) peer.destroy()
      server.close()
      await once(server, 'close')
    }
  })
})
