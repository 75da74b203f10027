// The test body that `npm run bench:leaks` (bench/leak-check.mjs) runs under
// leakCheck and that bench/jest-open-handles.mjs runs inside a Jest test: a
// server and 40 socket round trips on 127.0.0.1, 400 timers, 40 file handles
// written and closed in `dir`, and `promises` awaited promises. CommonJS, so
// that Jest loads it untransformed and the ESM script by import.
'use strict'
const fs = require('node:fs')
const net = require('node:net')
const path = require('node:path')

const once = (emitter, event) => new Promise((resolve) => emitter.once(event, resolve))

/** Returns the body: an async function resolving to a sum the caller may sink. */
function makeBody({ dir, promises }) {
  const payload = Buffer.alloc(1024, 1)
  return async function body() {
    const server = net.createServer((s) => s.pipe(s))
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address()
    for (let i = 0; i < 40; i++) {
      const socket = net.connect(port, '127.0.0.1')
      await once(socket, 'connect')
      socket.write(payload)
      let got = 0
      for await (const chunk of socket) {
        got += chunk.length
        if (got >= payload.length) break // breaking destroys the socket
      }
      if (!socket.closed) await once(socket, 'close')
    }
    await new Promise((resolve) => server.close(resolve))
    for (let i = 0; i < 200; i++) await new Promise((resolve) => setTimeout(resolve, 0))
    for (let i = 0; i < 200; i++) clearTimeout(setTimeout(() => undefined, 1_000))
    for (let i = 0; i < 40; i++) {
      const handle = await fs.promises.open(path.join(dir, `f${i % 4}`), 'w')
      await handle.write(payload)
      await handle.close()
    }
    let sum = 0
    for (let i = 0; i < promises; i++) sum += await Promise.resolve(i)
    return sum
  }
}

module.exports = { makeBody }
