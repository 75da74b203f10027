// contextlib docs: closing(urlopen(...)), against a local server on 127.0.0.1
// (the docs fetch https://www.python.org; the story needs no network).
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import { closing, withAsyncContext } from '../../src/index.js'
import { listen } from '../../src/node/index.js'

// A stand-in for urlopen: the response, given the close() method Python's has.
function urlopen(url: string): Promise<http.IncomingMessage & { close(): void }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        resolve(Object.assign(response, { close: () => response.destroy() }))
      })
      .on('error', reject)
  })
}

const server = http.createServer((_request, response) => {
  response.end('line one\nline two\n')
})

await withAsyncContext(listen(server, { host: '127.0.0.1', port: 0 }), async (listening) => {
  const url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}/`
  const page = await urlopen(url)
  await withAsyncContext(closing(page), async (response) => {
    let text = ''
    for await (const chunk of response) text += String(chunk)
    for (const line of text.split('\n').slice(0, -1)) console.log(line)
  })
  console.log(`response closed: ${page.destroyed ? 'True' : 'False'}`)
})
