// contextlib docs: redirect_stdout(sys.stderr) sends help() to stderr.
import { withContext } from '../../src/index.js'
import { redirectStdout } from '../../src/node/index.js'
import { help } from './stand-ins.js'

const pow = { name: 'pow' }

console.log('before: on stdout')
withContext(redirectStdout(process.stderr), () => {
  help(pow)
})
console.log('after: on stdout again (the help text went to stderr)')
