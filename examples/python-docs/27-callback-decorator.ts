// contextlib docs recipe: @stack.callback used as a decorator. JavaScript
// decorators do not apply to function declarations; callback(fn) returns
// fn, so the registration reads the same as an expression.
import { ExitStack, withContext } from '../../src/index.js'

function performOperation(ok: boolean): boolean {
  console.log(`perform_operation() -> ${ok ? 'True' : 'False'}`)
  return ok
}

for (const ok of [false, true]) {
  let registered: () => void = () => undefined
  withContext(new ExitStack(), (stack) => {
    const cleanupResources = stack.callback(function cleanup_resources() {
      console.log('cleanup_resources()')
    })
    registered = cleanupResources

    const result = performOperation(ok)
    if (result) stack.popAll()
  })
  console.log(`cleanup_resources is still the function: ${registered.name}`)
}
