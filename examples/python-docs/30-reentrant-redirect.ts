// contextlib docs: reentrant context managers: redirectStdout nested in itself.
import { withContext } from '../../src/index.js'
import { redirectStdout } from '../../src/node/index.js'
import { StringIO } from './stand-ins.js'

const stream = new StringIO()
const writeToStream = redirectStdout(stream)
withContext(writeToStream, () => {
  console.log('This is written to the stream rather than stdout')
  withContext(writeToStream, () => {
    console.log('This is also written to the stream')
  })
})

console.log('This is written directly to stdout')
console.log(stream.getvalue())
