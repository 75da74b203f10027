import { execFile } from 'node:child_process'
import * as path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ROOT } from './proxy-harness.js'

// Lesson 10 (error chaining) has its own test file beside teaching.test.ts:
// its Python twin prints Python's own traceback, so the check is the same.
const run = promisify(execFile)
const LESSON = path.join(ROOT, 'examples', 'teaching', '10-error-chaining')
const MARKER = '--- TypeScript only ---\n'

const EXPECTED = `1. an exit fails while the block's error is pending
caught:      RuntimeError: rollback failed
interrupted: ValueError: bad row
ValueError: bad row

During handling of the above error, another error occurred:

RuntimeError: rollback failed
2. an exit translates the error on purpose
caught: ConnectionError: save failed
cause:  ValueError: bad row
ValueError: bad row

The above error was the direct cause of the following error:

ConnectionError: save failed
3. every callback of a stack fails
ValueError: body

During handling of the above error, another error occurred:

RuntimeError: close b

During handling of the above error, another error occurred:

RuntimeError: close a
${MARKER}flattenErrors: RuntimeError: close a | RuntimeError: close b | ValueError: body
AggregateError: two tasks failed (2 sub-errors)
+-+---------------- 1 ----------------
  | ValueError: a
  +---------------- 2 ----------------
  | RuntimeError: b
  +------------------------------------
`

describe('examples/teaching/10-error-chaining', () => {
  it('prints what the lesson says, and nothing on stderr', async () => {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', `${LESSON}.ts`], { cwd: ROOT })
    expect(stderr).toBe('')
    expect(stdout).toBe(EXPECTED)
  })

  it('prints the same as its Python twin, whose chain is Python’s own traceback', async () => {
    const { stdout } = await run('python3', [`${LESSON}.py`], { cwd: ROOT })
    expect(stdout).toBe(EXPECTED.slice(0, EXPECTED.indexOf(MARKER)))
  })
})
