// contextlib docs: class mycontext(AsyncContextDecorator).
import { AsyncContextDecorator, withAsyncContext } from '../../src/index.js'

class MyContext extends AsyncContextDecorator {
  enterAsync(): Promise<this> {
    console.log('Starting')
    return Promise.resolve(this)
  }

  exitAsync(): Promise<boolean> {
    console.log('Finishing')
    return Promise.resolve(false)
  }
}

const decorated = new MyContext().wrap(async () => {
  await Promise.resolve()
  console.log('The bit in the middle')
})

await decorated()

async function withStatement(): Promise<void> {
  await withAsyncContext(new MyContext(), () => {
    console.log('The bit in the middle')
  })
}

await withStatement()
