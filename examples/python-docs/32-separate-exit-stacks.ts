// contextlib docs: separate ExitStack instances nested, each with its own callbacks.
import { ExitStack, withContext } from '../../src/index.js'

const print = (line: string): void => {
  console.log(line)
}

withContext(new ExitStack(), (outerStack) => {
  outerStack.callback(print, 'Callback: from outer context')
  withContext(new ExitStack(), (innerStack) => {
    innerStack.callback(print, 'Callback: from inner context')
    print('Leaving inner context')
  })
  print('Leaving outer context')
})
