// contextlib docs: redirect_stdout(io.StringIO()) captures what help() prints.
import { withContext } from '../../src/index.js'
import { redirectStdout } from '../../src/node/index.js'
import { StringIO, help } from './stand-ins.js'

const pow = { name: 'pow' }

const f = withContext(redirectStdout(new StringIO()), (f) => {
  help(pow)
  return f
})
const s = f.getvalue()

const lines = s.split('\n').slice(0, -1)
console.log(`captured ${lines.length} lines, ${s.length} characters`)
console.log(`first line: ${lines[0] ?? ''}`)
