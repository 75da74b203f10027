/**
 * copy: copy a file through two scoped FileHandles.
 *
 *   npm run example:copy -- SOURCE DEST
 *
 * Both handles are opened by one withAsyncContext: if opening DEST fails, the
 * SOURCE handle is closed already; whatever happens while copying, both are
 * closed, in reverse order. (To make DEST appear all-or-nothing, use
 * atomicWrite instead of openFile(dest, 'w').)
 */
import { pathToFileURL } from 'node:url'
import { withAsyncContext } from '../../src/index.js'
import { openFile } from '../../src/node/index.js'

const CHUNK = 64 * 1024

/** Copies `source` to `dest` (created or truncated); resolves to the number of bytes copied. */
export async function copyFile(source: string, dest: string): Promise<number> {
  return withAsyncContext([openFile(source, 'r'), openFile(dest, 'w')], async ([input, output]) => {
    const buffer = Buffer.alloc(CHUNK)
    let total = 0
    for (;;) {
      const { bytesRead } = await input.read(buffer, 0, CHUNK, null)
      if (bytesRead === 0) return total
      let written = 0
      while (written < bytesRead) {
        written += (await output.write(buffer, written, bytesRead - written)).bytesWritten
      }
      total += bytesRead
    }
  })
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href
if (isMain) {
  const [source, dest] = process.argv.slice(2)
  if (source === undefined || dest === undefined) {
    process.stdout.write('usage: copy SOURCE DEST\n')
    process.exitCode = 2
  } else {
    try {
      const bytes = await copyFile(source, dest)
      process.stdout.write(`copied ${String(bytes)} bytes\n`)
    } catch (e) {
      process.stderr.write(`copy: ${e instanceof Error ? e.message : String(e)}\n`)
      process.exitCode = 1
    }
  }
}
