// Lesson 7: redirectStdout (Python's redirect_stdout) sends console.log output elsewhere for the block.
// It swaps process.stdout.write, which console.log goes through.
import { withContext } from '../../src/index.js'
import { redirectStdout } from '../../src/node/index.js'

const chunks: string[] = []
const buffer = {
  write(chunk: string | Uint8Array): boolean {
    chunks.push(String(chunk))
    return true
  },
}
withContext(redirectStdout(buffer), () => {
  console.log('hello into the buffer')
  console.log('and a second line')
})
const lines = chunks.join('').split('\n').filter((line) => line !== '')
console.log(`captured ${lines.length} lines: ${lines.join(' | ')}`)
console.log('stdout is back')
