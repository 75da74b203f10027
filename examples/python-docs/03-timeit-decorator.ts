// contextlib docs: an @asynccontextmanager used as a decorator (timeit).
import { setTimeout as sleep } from 'node:timers/promises'
import { asyncContextManager } from '../../src/index.js'

const timeit = asyncContextManager(async function* () {
  const now = performance.now()
  try {
    yield
  } finally {
    // rounded, so that the story prints the same on every run
    console.log(`it took ${Math.round((performance.now() - now) / 1000)}s to run`)
  }
})

// Python's `@timeit()` on an async function: `.wrap` builds a fresh
// manager from the same factory on every call.
const main = timeit().wrap(async () => {
  // ... async code ...
  await sleep(10)
  console.log('main ran')
})

await main()
await main()
