// contextlib docs: aclosing() is roughly equivalent to this async generator manager.
import { asyncContextManager, withAsyncContext } from '../../src/index.js'

// Python closes an async generator with aclose(); JavaScript with return().
const aclosing = asyncContextManager(async function* <T extends AsyncGenerator>(thing: T) {
  try {
    yield thing
  } finally {
    await thing.return(undefined)
  }
})

async function* numbers(): AsyncGenerator<number, void, undefined> {
  try {
    let n = 0
    for (;;) {
      n += 1
      yield await Promise.resolve(n)
    }
  } finally {
    console.log('numbers: cleanup ran')
  }
}

await withAsyncContext(aclosing(numbers()), async (values) => {
  // take two values by hand: nothing but aclosing closes the generator
  console.log(`first ${String((await values.next()).value)}`)
  console.log(`second ${String((await values.next()).value)}`)
})
console.log('after the block')
