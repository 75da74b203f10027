// contextlib docs: nullContext() as an async stand-in for a session we do not own.
import { type AsyncContextManager, nullContext, withAsyncContext } from '../../src/index.js'

// A stand-in for aiohttp.ClientSession.
class ClientSession implements AsyncContextManager<ClientSession> {
  constructor(readonly name = 'own session') {}

  enterAsync(): Promise<this> {
    console.log(`open ${this.name}`)
    return Promise.resolve(this)
  }

  exitAsync(): Promise<void> {
    console.log(`close ${this.name}`)
    return Promise.resolve()
  }

  async get(url: string): Promise<string> {
    await Promise.resolve()
    return `${this.name} GET ${url}`
  }
}

async function sendHttp(session?: ClientSession): Promise<void> {
  // No session: create one (and close it); else the caller closes it.
  const cm = session === undefined ? new ClientSession() : nullContext(session)
  await withAsyncContext(cm, async (s) => {
    // Send http requests with session
    console.log(await s.get('/status'))
  })
}

await sendHttp()
await withAsyncContext(new ClientSession("caller's session"), async (session) => {
  await sendHttp(session)
  await sendHttp(session)
})
