/**
 * examples/tcp-proxy/echo-server.ts: the backend the proxy's README tells
 * to start first. Run as its own process, with the proxy in front of it.
 */
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { AsyncExitStack, withAsyncContext } from '../../src/index.js'
import { guardResources } from '../node/helpers.js'
import { HOST, echoRoundTrip, runExample, startProxy } from './proxy-harness.js'

guardResources()

describe('examples/tcp-proxy/echo-server', () => {
  it('echoes through the proxy on 127.0.0.1, and stops cleanly on SIGTERM', async () => {
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      const echo = await runExample(stack, 'tcp-proxy/echo-server.ts', ['0'])
      const line = await echo.waitFor(/listening on /)
      const port = Number(/^echo-server: listening on 127\.0\.0\.1:(\d+)$/.exec(line)?.[1])
      expect(port).toBeGreaterThan(0)
      const data = randomBytes(256 * 1024)
      expect(await echoRoundTrip(port, data)).toBe(data.length)
      const proxy = await startProxy(stack, ['--backend', `${HOST}:${String(port)}`])
      expect(await echoRoundTrip(proxy.port, data)).toBe(data.length)
      echo.child.kill('SIGTERM')
      expect(await echo.exited).toEqual({ code: 0, signal: null })
      expect(echo.lines.slice(-2)).toEqual(['echo-server: SIGTERM, closing', 'echo-server: stopped'])
    })
  })

  it('refuses a bad port with its usage line', async () => {
    await withAsyncContext(new AsyncExitStack(), async (stack) => {
      const echo = await runExample(stack, 'tcp-proxy/echo-server.ts', ['http'])
      expect(await echo.exited).toEqual({ code: 2, signal: null })
      expect(echo.stdout()).toMatch(/^usage: echo-server \[PORT\]/)
    })
  })
})
