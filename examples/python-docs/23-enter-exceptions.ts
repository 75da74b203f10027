// contextlib docs recipe: catching exceptions from enter methods.
import { type ContextManager, ExitStack, withContext } from '../../src/index.js'

// A stand-in manager whose enter may fail.
class Flaky implements ContextManager<string> {
  constructor(readonly fail: boolean) {}

  enter(): string {
    if (this.fail) throw new Error('cannot acquire')
    console.log('acquired')
    return 'resource'
  }

  exit(): void {
    console.log('released')
  }
}

for (const cm of [new Flaky(true), new Flaky(false)]) {
  const stack = new ExitStack()
  let x: string
  try {
    x = stack.enterContext(cm)
  } catch (e) {
    // handle the enter error
    console.log(`__enter__ failed: ${(e as Error).message}; no with block ran`)
    continue
  }
  withContext(stack, () => {
    // Handle normal case
    console.log(`normal case with ${x}`)
  })
}
