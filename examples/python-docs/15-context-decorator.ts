// contextlib docs: class mycontext(ContextDecorator), as a decorator and in a with.
import { ContextDecorator, withContext } from '../../src/index.js'

class MyContext extends ContextDecorator {
  enter(): this {
    console.log('Starting')
    return this
  }

  exit(): boolean {
    console.log('Finishing')
    return false
  }
}

// Python's `@mycontext()` on a function is `.wrap(fn)`.
const fn = new MyContext().wrap(() => {
  console.log('The bit in the middle')
})

fn()

withContext(new MyContext(), () => {
  console.log('The bit in the middle')
})
