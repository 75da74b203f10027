// contextlib docs: single-use context managers. A contextManager object can
// be entered once; entering it again fails. (CPython raises AttributeError
// there, the docs say RuntimeError; ctxlib throws a TypeError saying the
// manager can only be entered once.)
import { contextManager, withContext } from '../../src/index.js'

const singleuse = contextManager(function* () {
  console.log('Before')
  yield
  console.log('After')
})

const cm = singleuse()
withContext(cm, () => undefined)

try {
  withContext(cm, () => undefined)
} catch (e) {
  if (!(e instanceof TypeError) || !e.message.includes('can only be entered once')) throw e
  console.log('the second with failed: the manager is single-use')
}

// A fresh manager for each block works.
withContext(singleuse(), () => undefined)
