import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import { describe, expect, it } from 'vitest'
import { useLeakCheck } from './support/leaks.js'

useLeakCheck()

const tempDirs = (): string[] => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('ctxlib-quick-start-'))

describe('examples/quick-start.ts', () => {
  it('prints what the README promises and leaves no temporary directory behind', () => {
    const before = tempDirs()
    const output = execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'examples/quick-start.ts'], {
      encoding: 'utf8',
    })
    expect(output.split('\n')).toEqual([
      'closed notes.txt',
      'closed copy.txt',
      'closed notes.txt',
      'Hello from ctxlib',
      'closed copy.txt',
      'removing the temporary directory',
      'directory left behind: false',
      '',
    ])
    expect(tempDirs()).toEqual(before)
  })
})
