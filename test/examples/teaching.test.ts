import { execFile } from 'node:child_process'
import * as path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { guardResources } from '../node/helpers.js'
import { ROOT } from './proxy-harness.js'
import { useLeakCheck } from '../support/leaks.js'

guardResources()
useLeakCheck()

const run = promisify(execFile)
const DIR = path.join(ROOT, 'examples', 'teaching')
const MARKER = '--- TypeScript only ---\n'

/** Each lesson's exact TypeScript output; the Python twin prints the part before the marker. */
const LESSONS: Record<string, string> = {
  '01-enter-exit': `<p>
inside p
</p> exit saw: no error
<div>
</div> exit saw: broken
caught: broken
`,
  '02-generator-manager': `start intro
title is INTRO
end intro
start broken
end broken
caught: bad data
lenient swallowed: ignored
carried on
`,
  '03-suppress-by-returning-true': `suppressed: not a number
after the block
KeyError passed through
`,
  '04-suppress': `no such file, carried on
both attempts suppressed
${MARKER}rest of the group: b
predicate suppressed it
`,
  '05-exit-stack': `open a
open b
open c
using a, b, c
close c
close b
close a
open x
open y
close y
close x
failed: cannot open z
`,
  '06-closing': `connect db
db answered 1+1
close db
connect cache
close cache
caught: lost
`,
  '07-redirect-stdout': `captured 2 lines: hello into the buffer | and a second line
stdout is back
`,
  '08-using-vs-with': `begin order 1
charge card
commit order 1
begin order 2
rollback order 2 (card declined)
caught: card declined
${MARKER}begin order 3
commit order 3 (the disposer cannot see the error!)
caught: card declined
begin order 4
commit order 4
caught: card declined
begin order 5
rollback order 5 (card declined)
caught: card declined
`,
  '09-task-group': `got 3 users and 5 orders
download cancelled
caught: bad header
serving
worker: stopping cleanly
drained after SIGTERM
${MARKER}slow task finished, signal aborted: false
caught: body failed
`,
  '11-resource-warning': `report written, never closed
ResourceWarning: unclosed file, made at the line marked 'report'
summary written and closed: no warning
${MARKER}leakCheck: FileHandle left open, made at the line marked 'notes'
leakCheck failed the block at its end: no collector, no flags
`,
}

describe('examples/teaching', () => {
  describe.each(Object.entries(LESSONS))('%s', (lesson, expected) => {
    it('prints what the lesson says, and nothing on stderr', async () => {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', path.join(DIR, `${lesson}.ts`)], { cwd: ROOT })
      expect(stderr).toBe('')
      expect(stdout).toBe(expected)
    })

    it('prints the same as its Python twin', async () => {
      const { stdout } = await run('python3', [path.join(DIR, `${lesson}.py`)], { cwd: ROOT })
      const shared = expected.includes(MARKER) ? expected.slice(0, expected.indexOf(MARKER)) : expected
      expect(stdout).toBe(shared)
    })
  })
})
