// contextlib docs: redirect_stdout into a file.
import * as fs from 'node:fs'
import * as path from 'node:path'
import { withContext } from '../../src/index.js'
import { openFileSync, redirectStdout, tempDirSync } from '../../src/node/index.js'
import { help } from './stand-ins.js'

const pow = { name: 'pow' }

withContext(tempDirSync('python-docs-'), (tmp) => {
  const name = path.join(tmp, 'help.txt')
  withContext(openFileSync(name, 'w'), (fd) => {
    // a writable over the descriptor: each chunk written at once, as Python's file does
    const file = { write: (chunk: string | Uint8Array): boolean => (typeof chunk === 'string' ? fs.writeSync(fd, chunk) : fs.writeSync(fd, chunk)) >= 0 }
    withContext(redirectStdout(file), () => {
      help(pow)
    })
  })
  console.log('help.txt holds:')
  process.stdout.write(fs.readFileSync(name, 'utf8'))
})
