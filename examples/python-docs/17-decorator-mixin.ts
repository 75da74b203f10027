// contextlib docs: ContextDecorator as a mixin on a class that already has a base.
//
// JavaScript classes have one base, so `class mycontext(ContextBaseClass,
// ContextDecorator)` has no direct form. The closest idiom: extend the
// existing base, implement the ContextManager protocol, and borrow
// ContextDecorator's `wrap`, which only needs `enter`/`exit` (and the
// `recreate` hook, which returns the manager itself).
import { ContextDecorator, type ContextManager, withContext } from '../../src/index.js'

// A stand-in for the docs' ContextBaseClass: an existing base with its own behaviour.
class ContextBaseClass {
  constructor(readonly name: string) {}

  describe(): string {
    return `context ${this.name}`
  }
}

class MyContext extends ContextBaseClass implements ContextManager<MyContext> {
  enter(): this {
    console.log(`enter ${this.describe()}`)
    return this
  }

  exit(): boolean {
    console.log(`exit ${this.describe()}`)
    return false
  }

  protected recreate(): this {
    return this
  }

  // the mixin's method, borrowed
  wrap<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R | undefined {
    const borrowed = ContextDecorator.prototype.wrap.call(this as unknown as ContextDecorator, fn as (...args: unknown[]) => unknown)
    return borrowed as (...args: A) => R | undefined
  }
}

const work = new MyContext('decorated').wrap(() => {
  console.log('working')
})

work()
withContext(new MyContext('with'), (ctx) => {
  console.log(`inside ${ctx.describe()}`)
})
