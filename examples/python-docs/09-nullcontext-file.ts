// contextlib docs: nullContext(fileOrPath): close only what we opened.
import * as fs from 'node:fs'
import * as path from 'node:path'
import { nullContext, withContext } from '../../src/index.js'
import { openFileSync, tempDirSync } from '../../src/node/index.js'

// A stand-in for file.readline() on a file descriptor: one byte at a time.
function readline(fd: number): string {
  const byte = Buffer.alloc(1)
  let line = ''
  while (fs.readSync(fd, byte) === 1 && byte[0] !== 0x0a) line += byte.toString()
  return line
}

const isOpen = (fd: number): boolean => {
  try {
    fs.fstatSync(fd)
    return true
  } catch {
    return false
  }
}

function processFile(fileOrPath: string | number): void {
  // a path: open it here (and close it); a descriptor: the caller closes it
  const cm = typeof fileOrPath === 'string' ? openFileSync(fileOrPath, 'r') : nullContext(fileOrPath)
  withContext(cm, (file) => {
    // Perform processing on the file
    console.log(`first line: ${readline(file)}`)
  })
}

withContext(tempDirSync('python-docs-'), (tmp) => {
  const file = path.join(tmp, 'notes.txt')
  fs.writeFileSync(file, 'hello\nworld\n')

  processFile(file)

  let mine = -1
  withContext(openFileSync(file, 'r'), (fd) => {
    mine = fd
    processFile(fd)
    console.log(`the caller's file is still open: ${isOpen(fd) ? 'True' : 'False'}`)
    console.log(`second line: ${readline(fd)}`)
  })
  console.log(`closed by the caller: ${isOpen(mine) ? 'False' : 'True'}`)
})
