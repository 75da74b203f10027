// Lesson 11: ResourceWarning. trackUnclosed() is Python's `-W always` with
// tracemalloc: a ctxlib manager or stack that is garbage-collected while it
// still holds something warns, saying where it was made. Like Python's, the
// warning comes when the collector runs, so this lesson forces a collection.
// Unlike Python, Node does not close a forgotten file descriptor for you:
// leakCheck() (below the marker) fails the block itself, at its end.
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { ResourceLeakError, trackUnclosed, withAsyncContext, withContext } from '../../src/index.js'
import { leakCheck, openFileSync } from '../../src/node/index.js'

setFlagsFromString('--expose-gc') // what `node --expose-gc` does: lets the lesson collect now
const gc = runInNewContext('gc') as () => void
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ctxlib-lesson-11-'))
const source = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n')

/** The tag after `made here:` on the first line of this file that `stack` names. */
function madeAt(stack: string): string {
  const lineno = Number(/11-resource-warning\.ts:(\d+):/.exec(stack)?.[1])
  return source[lineno - 1]?.split('made here: ').at(-1)?.trim() ?? '?'
}

async function collect(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    gc()
    await new Promise((resolve) => setTimeout(resolve, 0)) // finalizers run after the collection
  }
}

const warnings: string[] = []
const tracking = trackUnclosed({ onWarning: (_message, detail) => warnings.push(detail) })

function writeReport(): void {
  const fd = openFileSync(path.join(folder, 'report.txt'), 'w').enter() // made here: report
  fs.writeSync(fd, 'all good')
  console.log('report written, never closed')
}

writeReport()
await collect()
console.log(`ResourceWarning: unclosed file, made at the line marked '${madeAt(warnings[0] ?? '')}'`)

withContext(openFileSync(path.join(folder, 'summary.txt'), 'w'), (fd) => fs.writeSync(fd, 'closed by the block'))
await collect()
console.log(warnings.length === 1 ? 'summary written and closed: no warning' : `unexpected: ${String(warnings.length)} warnings`)
tracking[Symbol.dispose]()

console.log('--- TypeScript only ---')
let notes: fs.promises.FileHandle | undefined
try {
  await withAsyncContext(leakCheck(), async () => {
    notes = await fs.promises.open(path.join(folder, 'notes.txt'), 'w') // made here: notes
    await notes.write('draft')
  })
} catch (e) {
  if (!(e instanceof ResourceLeakError)) throw e
  for (const leak of e.leaks) console.log(`leakCheck: ${leak.type} left open, made at the line marked '${madeAt(leak.stack)}'`)
}
await notes?.close()
console.log('leakCheck failed the block at its end: no collector, no flags')
fs.rmSync(folder, { recursive: true, force: true })
