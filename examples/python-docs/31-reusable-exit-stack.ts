// contextlib docs: reusable context managers: one ExitStack used in turn,
// then nested. Like CPython's, the stack is reentrant: the inner exit
// unwinds every callback registered so far, the outer one's included.
import { ExitStack, withContext } from '../../src/index.js'

const print = (line: string): void => {
  console.log(line)
}

const stack = new ExitStack()
withContext(stack, () => {
  stack.callback(print, 'Callback: from first context')
  print('Leaving first context')
})

withContext(stack, () => {
  stack.callback(print, 'Callback: from second context')
  print('Leaving second context')
})

withContext(stack, () => {
  stack.callback(print, 'Callback: from outer context')
  withContext(stack, () => {
    stack.callback(print, 'Callback: from inner context')
    print('Leaving inner context')
  })
  print('Leaving outer context')
})
