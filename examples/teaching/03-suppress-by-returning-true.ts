// Lesson 3: exit returning true suppresses the error (exactly `true`: a truthy value is not enough).
import { type ContextManager, withContext } from '../../src/index.js'

class ValueError extends Error {}
class KeyError extends Error {}

class IgnoreValueErrors implements ContextManager<undefined> {
  enter(): undefined {
    return undefined
  }

  exit(...thrown: [] | [error: unknown]): boolean {
    const [error] = thrown
    if (thrown.length === 1 && error instanceof ValueError) {
      console.log(`suppressed: ${error.message}`)
      return true
    }
    return false
  }
}

// When the error is suppressed, withContext returns undefined and the program goes on.
withContext(new IgnoreValueErrors(), () => {
  throw new ValueError('not a number')
})
console.log('after the block')

try {
  withContext(new IgnoreValueErrors(), () => {
    throw new KeyError('missing')
  })
} catch (e) {
  if (e instanceof KeyError) console.log('KeyError passed through')
}
