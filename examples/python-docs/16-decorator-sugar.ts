// contextlib docs: @cm() is syntactic sugar for a with statement in the function.
import { contextManager, withContext } from '../../src/index.js'

const cm = contextManager(function* () {
  console.log('enter cm')
  yield
  console.log('exit cm')
})

const f = cm().wrap(() => {
  // Do stuff
  console.log('doing stuff in f')
})

// is equivalent to
function g(): void {
  withContext(cm(), () => {
    // Do stuff
    console.log('doing stuff in g')
  })
}

f()
g()
