// The README's example: run with `npm run example`.
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { ExitStack, contextManager, suppress, withContext } from 'ctxlib'

// Python's @contextmanager: the code before `yield` enters, the code after it exits.
const openFile = contextManager(function* (file: string, flags: string) {
  const fd = fs.openSync(file, flags)
  try {
    yield fd
  } finally {
    fs.closeSync(fd)
    console.log(`closed ${path.basename(file)}`)
  }
})

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctxlib-quick-start-'))
const notes = path.join(dir, 'notes.txt')

withContext(openFile(notes, 'w'), (fd) => fs.writeSync(fd, 'Hello from ctxlib\n'))

// `with open(a) as f, open(b) as g:` — exited in reverse order, even on error.
withContext([openFile(notes, 'r'), openFile(path.join(dir, 'copy.txt'), 'w')], ([from, to]) => {
  fs.writeSync(to, fs.readFileSync(from))
})

// Python's suppress: a missing file is not an error here.
withContext(suppress('ENOENT'), () => fs.unlinkSync(path.join(dir, 'missing.txt')))

// ExitStack: a dynamic number of resources, all released in reverse order.
withContext(new ExitStack(), (stack) => {
  stack.callback(() => fs.rmSync(dir, { recursive: true }))
  stack.callback(() => console.log('removing the temporary directory'))
  const fd = stack.enterContext(openFile(path.join(dir, 'copy.txt'), 'r'))
  process.stdout.write(fs.readFileSync(fd, 'utf8'))
})
console.log(`directory left behind: ${fs.existsSync(dir)}`)
