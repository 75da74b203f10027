// contextlib docs: all-or-nothing opening with popAll().
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
const pyBool = (value: boolean): string => (value ? 'True' : 'False')

withContext(tempDirSync('python-docs-'), (tmp) => {
  for (const name of ['a.txt', 'b.txt']) fs.writeFileSync(path.join(tmp, name), name)
  const filenames = ['a.txt', 'b.txt'].map((name) => path.join(tmp, name))

  let files: number[] = []
  let closeFiles = (): void => undefined
  withContext(new ExitStack(), (stack) => {
    files = filenames.map((fname) => stack.enterContext(openFileSync(fname, 'r')))
    // Hold onto the close method, but don't call it yet.
    const moved = stack.popAll()
    closeFiles = () => {
      moved.close()
    }
    // If opening any file fails, all previously opened files will be
    // closed automatically. If all files are opened successfully,
    // they will remain open even after the block ends.
    // closeFiles() can then be invoked explicitly to close them all.
  })
  console.log(`after the with, still open: ${pyBool(!files.some(isClosed))}`)
  console.log(`read: ${files.map((fd) => fs.readFileSync(fd, 'utf8')).join(', ')}`)
  closeFiles()
  console.log(`after close_files(), all closed: ${pyBool(files.every(isClosed))}`)

  const opened: number[] = []
  try {
    withContext(new ExitStack(), (stack) => {
      for (const fname of [...filenames, path.join(tmp, 'missing.txt')]) {
        opened.push(stack.enterContext(openFileSync(fname, 'r')))
      }
      const moved = stack.popAll()
      closeFiles = () => {
        moved.close()
      }
    })
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
    console.log(`one failed: the ${opened.length} opened were closed: ${pyBool(opened.every(isClosed))}`)
  }
})
