// contextlib docs: ExitStack over a list of files.
import * as fs from 'node:fs'
import * as path from 'node:path'
import { ExitStack, withContext } from '../../src/index.js'
import { openFileSync, tempDirSync } from '../../src/node/index.js'

const isClosed = (fd: number): boolean => {
  try {
    fs.fstatSync(fd)
    return false
  } catch {
    return true
  }
}

let opened: number[] = []

// enterContext(openFileSync(...)), remembering each descriptor so that the
// story can check it was closed
function openLogged(stack: ExitStack, fname: string): number {
  const fd = stack.enterContext(openFileSync(fname, 'r'))
  opened.push(fd)
  return fd
}

withContext(tempDirSync('python-docs-'), (tmp) => {
  for (const name of ['a.txt', 'b.txt']) fs.writeFileSync(path.join(tmp, name), `contents of ${name}`)
  const filenames = ['a.txt', 'b.txt'].map((name) => path.join(tmp, name))

  withContext(new ExitStack(), (stack) => {
    const files = filenames.map((fname) => openLogged(stack, fname))
    // All opened files will automatically be closed at the end of
    // the block, even if attempts to open files later in the list throw
    for (const fd of files) console.log(fs.readFileSync(fd, 'utf8'))
  })
  console.log(`after the block, every file closed: ${opened.every(isClosed) ? 'True' : 'False'}`)

  opened = []
  try {
    withContext(new ExitStack(), (stack) => [...filenames, path.join(tmp, 'missing.txt')].map((fname) => openLogged(stack, fname)))
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
    console.log(`missing.txt failed to open; the ${opened.length} opened before it closed: ${opened.every(isClosed) ? 'True' : 'False'}`)
  }
})
