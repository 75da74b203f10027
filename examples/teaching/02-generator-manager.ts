// Lesson 2: a generator-based context manager: contextManager (Python's @contextmanager).
// The code before `yield` is enter, the code after it is exit; the block's error is
// thrown in at the `yield`, so try/finally and try/catch work as in Python.
import { contextManager, withContext } from '../../src/index.js'

const section = contextManager(function* (name: string) {
  console.log(`start ${name}`)
  try {
    yield name.toUpperCase()
  } finally {
    console.log(`end ${name}`) // runs on every path
  }
})

class ValueError extends Error {}

const forgiving = contextManager(function* (name: string) {
  try {
    yield name
  } catch (e) {
    if (!(e instanceof ValueError)) throw e
    console.log(`${name} swallowed: ${e.message}`) // catching the error suppresses it
  }
})

withContext(section('intro'), (title) => {
  console.log(`title is ${title}`)
})

try {
  withContext(section('broken'), () => {
    throw new ValueError('bad data')
  })
} catch (e) {
  console.log(`caught: ${(e as Error).message}`)
}

withContext(forgiving('lenient'), () => {
  throw new ValueError('ignored')
})
console.log('carried on')
