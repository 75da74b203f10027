/**
 * trackUnclosed: GC warnings for what was collected while still holding
 * something, checked in a child process with --expose-gc and forced
 * collections (fixtures/unclosed.ts), with tracking on and off.
 */
import { execFile } from 'node:child_process'
import * as path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { trackUnclosed } from '../src/index.js'

const run = promisify(execFile)
const ROOT = path.resolve(import.meta.dirname, '..')

interface Report {
  made: Record<string, number>
  warnings: { name: string; message: string; detail: string }[]
}

async function child(mode: 'on' | 'off'): Promise<Report> {
  const { stdout } = await run(process.execPath, ['--expose-gc', '--no-warnings', '--import', 'tsx', path.join('test', 'fixtures', 'unclosed.ts'), mode], { cwd: ROOT })
  return JSON.parse(stdout) as Report
}

describe('trackUnclosed', () => {
  it('warns once for each stack, entered generator manager, adapter and task group collected while holding something, naming where it was made', async () => {
    const { made, warnings } = await child('on')
    const byKind = new Map(warnings.map((w) => [w.message.slice(0, w.message.indexOf(' was garbage-collected')), w]))
    expect(warnings.map((w) => w.name)).toEqual(warnings.map(() => 'ResourceWarning'))
    expect([...byKind.keys()].sort()).toEqual(Object.keys(made).sort())
    expect(warnings).toHaveLength(Object.keys(made).length)
    for (const [kind, line] of Object.entries(made)) {
      const warning = byKind.get(kind)!
      expect(warning.message).toBe(`${kind} was garbage-collected while still holding resources: it was never closed, exited or disposed`)
      expect(warning.detail.startsWith('created at:\n')).toBe(true)
      // An async generator manager holds from after its first await, where no user frame is left on the stack.
      if (kind !== 'AsyncGeneratorContextManager') expect(warning.detail).toContain(`unclosed.ts:${String(line)}:`)
    }
  })

  it('is silent while off, and for what was closed', async () => {
    const { made, warnings } = await child('off')
    expect(Object.keys(made)).toHaveLength(8)
    expect(warnings).toEqual([])
  })

  it('rejects bad options with a TypeError at the call, and turns off at most once', () => {
    expect(() => trackUnclosed(5 as never)).toThrow(new TypeError('trackUnclosed: expected an options object or undefined, got number'))
    expect(() => trackUnclosed({ onWarning: 'log' as never })).toThrow(new TypeError('trackUnclosed: expected onWarning to be a function, got string'))
    const log: string[] = []
    const outer = trackUnclosed({ onWarning: () => log.push('outer') })
    const inner = trackUnclosed({ onWarning: () => log.push('inner') })
    inner[Symbol.dispose]()
    inner[Symbol.dispose]()
    outer[Symbol.dispose]()
    expect(log).toEqual([])
  })
})
