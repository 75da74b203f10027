// Lesson 10: how errors are chained. Python records the error being handled
// as __context__ (implicit) or __cause__ (raise ... from ...); ctxlib keeps
// the same links as SuppressedError and `cause`, and formatError prints them
// as Python's traceback does.
import { type ContextManager, ExitStack, SuppressedError, flattenErrors, formatError, withContext } from '../../src/index.js'

// Python's built-in error classes, so that both sides print the same names.
class ValueError extends Error {
  override name = 'ValueError'
}
class RuntimeError extends Error {
  override name = 'RuntimeError'
}
class ConnectionError extends Error {
  override name = 'ConnectionError'
}

const describe = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e))

function show(e: unknown): void {
  console.log(formatError(e, { stack: false }))
}

class Rollback implements ContextManager<Rollback> {
  enter(): this {
    return this
  }

  exit(): void {
    throw new RuntimeError('rollback failed')
  }
}

console.log("1. an exit fails while the block's error is pending")
try {
  withContext(new Rollback(), () => {
    throw new ValueError('bad row')
  })
} catch (e) {
  // Python's __context__ is JavaScript's SuppressedError: `error` is the new
  // one, `suppressed` the one it interrupted (as `using` builds them).
  if (!(e instanceof SuppressedError)) throw e
  console.log(`caught:      ${describe(e.error)}`)
  console.log(`interrupted: ${describe(e.suppressed)}`)
  show(e)
}

class Translate implements ContextManager<Translate> {
  enter(): this {
    return this
  }

  exit(...thrown: [] | [error: unknown]): void {
    // Python's `raise ... from exc`: the new error names its cause, so it
    // propagates as itself (no SuppressedError: it already links to the old one).
    if (thrown.length > 0) throw new ConnectionError('save failed', { cause: thrown[0] })
  }
}

console.log('2. an exit translates the error on purpose')
try {
  withContext(new Translate(), () => {
    throw new ValueError('bad row')
  })
} catch (e) {
  if (!(e instanceof ConnectionError)) throw e
  console.log(`caught: ${describe(e)}`)
  console.log(`cause:  ${describe(e.cause)}`)
  show(e)
}

function fail(message: string): never {
  throw new RuntimeError(message)
}

console.log('3. every callback of a stack fails')
let nested: unknown
try {
  withContext(new ExitStack(), (stack) => {
    stack.callback(fail, 'close a')
    stack.callback(fail, 'close b')
    throw new ValueError('body')
  })
} catch (e) {
  nested = e
  show(e)
}

console.log('--- TypeScript only ---')
// The same tree, as a list (newest first), for catch blocks and test matchers.
console.log(`flattenErrors: ${flattenErrors(nested).map(describe).join(' | ')}`)
// Several failures at once (Python's ExceptionGroup) print numbered.
show(new AggregateError([new ValueError('a'), new RuntimeError('b')], 'two tasks failed'))
