// contextlib docs recipe: replacing any use of try-finally and flag variables.
import { ExitStack, withContext } from '../../src/index.js'

function cleanupResources(): void {
  console.log('cleanup_resources()')
}

function performOperation(ok: boolean): boolean {
  console.log(`perform_operation() -> ${ok ? 'True' : 'False'}`)
  return ok
}

function withFlag(ok: boolean): void {
  let cleanupNeeded = true
  try {
    const result = performOperation(ok)
    if (result) cleanupNeeded = false
  } finally {
    if (cleanupNeeded) cleanupResources()
  }
}

function withStack(ok: boolean): void {
  withContext(new ExitStack(), (stack) => {
    stack.callback(cleanupResources)
    const result = performOperation(ok)
    if (result) stack.popAll()
  })
}

for (const ok of [true, false]) {
  console.log('try-finally and a flag:')
  withFlag(ok)
  console.log('ExitStack:')
  withStack(ok)
}
