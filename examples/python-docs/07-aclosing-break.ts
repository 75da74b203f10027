// contextlib docs: aclosing(my_generator()), leaving the loop early.
import { asyncClosing, withAsyncContext } from '../../src/index.js'

async function* myGenerator(): AsyncGenerator<number, void, undefined> {
  let value = 0
  try {
    for (;;) {
      yield await Promise.resolve(value)
      value += 1
    }
  } finally {
    console.log(`my_generator: closed after ${value}`)
  }
}

// Python's `break` leaves an async generator suspended until aclosing's
// exit closes it. JavaScript's `break` out of `for await` already calls
// return(); asyncClosing's exit then calls return() again on a finished
// generator, which does nothing. Either way it is closed once, and before
// the block ends, so both print the same. asyncClosing matters wherever the
// loop is not what consumes the generator (next() by hand, as in example 06).
await withAsyncContext(asyncClosing(myGenerator()), async (values) => {
  for await (const value of values) {
    if (value === 42) break
  }
})
console.log('after the block: the generator was closed at its exit')

// An error leaving the loop: aclosing closes the generator on that path too.
try {
  await withAsyncContext(asyncClosing(myGenerator()), async (values) => {
    for await (const value of values) {
      if (value === 3) throw new Error('bad value 3')
    }
  })
} catch (e) {
  console.log(`caught: ${(e as Error).message}`)
}
