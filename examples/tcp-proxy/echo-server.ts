/**
 * echo-server: a TCP server on 127.0.0.1 that sends back whatever it
 * receives, a backend to try the proxy against. In three terminals:
 *
 *   npm run example:echo -- 9000
 *   npm run example:proxy -- --listen 127.0.0.1:8888 --backend 127.0.0.1:9000 --dump text
 *   nc 127.0.0.1 8888          (type a line: it comes back, and the proxy dumps it)
 *
 * PORT defaults to 9000; 0 picks a free one. Ctrl-C (or SIGTERM) stops it:
 * `listen`'s exit closes the server and gives open connections a second to
 * finish before destroying them.
 */
import type { AddressInfo } from 'node:net'
import * as net from 'node:net'
import { withAsyncContext } from '../../src/index.js'
import { listen } from '../../src/node/index.js'

const arg = process.argv[2] ?? '9000'
const port = Number(arg)
if (arg === '--help' || !/^\d+$/.test(arg) || port > 65535) {
  process.stdout.write('usage: echo-server [PORT]   (listens on 127.0.0.1; default 9000, 0 for any free port)\n')
  process.exitCode = arg === '--help' ? 0 : 2
} else {
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    socket.on('error', () => undefined) // a client's reset ends its connection, not the server
    socket.pipe(socket)
  })
  await withAsyncContext(listen(server, { host: '127.0.0.1', port, gracePeriod: 1_000 }), async () => {
    process.stderr.write(`echo-server: listening on 127.0.0.1:${String((server.address() as AddressInfo).port)}\n`)
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGINT', resolve)
      process.once('SIGTERM', resolve)
    })
    process.stderr.write(`echo-server: ${signal}, closing\n`)
  })
  process.stderr.write('echo-server: stopped\n')
}
