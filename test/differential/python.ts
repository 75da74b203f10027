/** Runs a whole batch of scenarios through `driver.py` in ONE python3 process. */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Scenario } from './scenario.js'

const DRIVER = fileURLToPath(new URL('./driver.py', import.meta.url))

/**
 * `events`: the trace under CPython's contextlib as it is. `fixed`: the same
 * scenario with exit stacks exited from inside an exception handler, which
 * works around a CPython bug (see `FixedExitStack` in driver.py); it differs
 * from `events` only when that bug changed a chain.
 */
export interface PythonTrace {
  readonly id: string
  readonly events: readonly string[]
  readonly fixed: readonly string[]
}

function isTraceList(value: unknown): value is PythonTrace[] {
  return (
    Array.isArray(value) &&
    value.every(
      (t: unknown) =>
        typeof t === 'object' &&
        t !== null &&
        typeof (t as { id?: unknown }).id === 'string' &&
        Array.isArray((t as { events?: unknown }).events) &&
        Array.isArray((t as { fixed?: unknown }).fixed),
    )
  )
}

/** The interpreter's version, e.g. `Python 3.11.7`; throws when it cannot be run. */
export function pythonVersion(python: string): string {
  const r = spawnSync(python, ['--version'], { encoding: 'utf8' })
  if (r.error !== undefined || r.status !== 0) {
    throw new Error(`differential test: cannot run ${python} (${r.error?.message ?? `exit ${String(r.status)}`}); it is required, never skipped`)
  }
  return (r.stdout + r.stderr).trim()
}

export function runPython(python: string, scenarios: readonly Scenario[]): Map<string, PythonTrace> {
  const dir = mkdtempSync(join(tmpdir(), 'ctxlib-diff-'))
  try {
    const file = join(dir, 'scenarios.json')
    writeFileSync(file, JSON.stringify(scenarios))
    const r = spawnSync(python, [DRIVER, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000 })
    if (r.error !== undefined) throw new Error(`differential test: running ${python} driver.py failed (${r.error.message})`)
    if (r.status !== 0) throw new Error(`differential test: driver.py failed (exit ${String(r.status)}):\n${r.stderr}`)
    const parsed: unknown = JSON.parse(r.stdout)
    if (!isTraceList(parsed)) throw new Error('differential test: driver.py printed something other than a trace list')
    return new Map(parsed.map((t) => [t.id, t]))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
