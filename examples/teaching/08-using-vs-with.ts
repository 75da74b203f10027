// Lesson 8: `using` versus withContext. A transaction must know whether the block
// failed, to commit or to roll back. withContext tells exit; `using` never tells a disposer.
import { type ContextManager, ExitStack, withContext } from '../../src/index.js'

class Transaction implements ContextManager<Transaction> {
  constructor(readonly name: string) {}

  enter(): this {
    console.log(`begin ${this.name}`)
    return this
  }

  exit(...thrown: [] | [error: unknown]): boolean {
    if (thrown.length === 0) console.log(`commit ${this.name}`)
    else console.log(`rollback ${this.name} (${(thrown[0] as Error).message})`)
    return false
  }
}

// withContext: the manager sees the error, exactly like Python's `with`.
withContext(new Transaction('order 1'), () => {
  console.log('charge card')
})

try {
  withContext(new Transaction('order 2'), () => {
    throw new Error('card declined')
  })
} catch (e) {
  console.log(`caught: ${(e as Error).message}`)
}

console.log('--- TypeScript only ---')

// `using`: the disposer runs on every path but is never told about the error,
// so a disposable transaction cannot tell commit from rollback.
class DisposableTransaction {
  constructor(readonly name: string) {
    console.log(`begin ${name}`)
  }

  [Symbol.dispose](): void {
    console.log(`commit ${this.name} (the disposer cannot see the error!)`)
  }
}

try {
  using _tx = new DisposableTransaction('order 3')
  throw new Error('card declined')
} catch (e) {
  console.log(`caught: ${(e as Error).message}`)
}

// The same holds for an ExitStack disposed by `using`: it unwinds as close() does.
try {
  using stack = new ExitStack()
  stack.enterContext(new Transaction('order 4'))
  throw new Error('card declined')
} catch (e) {
  console.log(`caught: ${(e as Error).message}`)
}

// The fix: let withContext run the stack, and exit sees the error again.
try {
  withContext(new ExitStack(), (stack) => {
    stack.enterContext(new Transaction('order 5'))
    throw new Error('card declined')
  })
} catch (e) {
  console.log(`caught: ${(e as Error).message}`)
}
