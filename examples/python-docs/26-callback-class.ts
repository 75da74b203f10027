// contextlib docs recipe: a Callback(ExitStack) class with cancel().
//
// As in CPython, the docs' version fails: popAll() makes the new stack with
// `new this.constructor()`, and the constructor without its callback
// argument throws a TypeError (here from `callback`, which refuses
// undefined). The block's exit then still runs the callback.
import { ExitStack, withContext } from '../../src/index.js'

class Callback extends ExitStack {
  constructor(callback: () => void) {
    super()
    this.callback(callback)
  }

  cancel(): void {
    this.popAll()
  }
}

function cleanupResources(): void {
  console.log('cleanup_resources()')
}

function performOperation(): boolean {
  console.log('perform_operation() -> True')
  return true
}

try {
  withContext(new Callback(cleanupResources), (cb) => {
    const result = performOperation()
    if (result) cb.cancel()
  })
} catch (e) {
  if (!(e instanceof TypeError)) throw e
  console.log(`cancel() raised ${e.name}: pop_all() called Callback() without a callback`)
}

// A version that works: the callback argument is optional.
class OptionalCallback extends ExitStack {
  constructor(callback?: () => void) {
    super()
    if (callback !== undefined) this.callback(callback)
  }

  cancel(): void {
    this.popAll()
  }
}

withContext(new OptionalCallback(cleanupResources), (cb) => {
  const result = performOperation()
  if (result) cb.cancel()
})
console.log('cancelled: no cleanup')
