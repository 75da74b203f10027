/**
 * Differential test of `suppress` splitting an `AggregateError` against
 * CPython 3.12+ splitting an `ExceptionGroup` (3.11's `suppress` does not
 * split, so this one runs `~/.pyenv/versions/3.12*` and fails without it).
 * Compared per scenario: suppressed; untouched (no part matched: ctxlib
 * re-throws the original by identity, as the SPEC says, where CPython's
 * `split` always derives a copy, so Python's copy of the same shape counts as
 * untouched); or the rest's shape (nested groups with messages, leaves by
 * label) and whether it links to the original (Python: `__context__`, as
 * `suppress` raises the rest while handling the group; ctxlib: `cause`).
 * Seed: `CTXLIB_DIFF_SEED`, as in differential.test.ts.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { suppress, withContext } from '../../src/index.js'
import { E1, E2, E3, E4, chain } from './run-ctxlib.js'
import { ERROR_NAMES, type ErrName, prng } from './scenario.js'
import { useLeakCheck } from '../support/leaks.js'

useLeakCheck()

type Tree = { readonly leaf: ErrName; readonly id: string } | { readonly msg: string; readonly parts: readonly Tree[] }
interface GroupScenario {
  readonly id: string
  readonly classes: readonly ErrName[]
  readonly group: Tree
}

const CLASSES = { E1, E2, E3, E4 }
const envSeed = process.env.CTXLIB_DIFF_SEED
const SEED = envSeed !== undefined && envSeed !== '' ? Number(envSeed) >>> 0 : Math.floor(Math.random() * 2 ** 32)
const COUNT = 500

function generate(seed: number, count: number): GroupScenario[] {
  const rand = prng(seed ^ 0x9e3779b9)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T
  const out: GroupScenario[] = []
  for (let i = 0; i < count; i++) {
    let n = 0
    const tree = (depth: number): Tree => {
      n++
      if (depth > 0 && (depth >= 3 || rand() < 0.55)) return { leaf: pick(ERROR_NAMES), id: `x${n}` }
      const parts: Tree[] = []
      const k = 1 + Math.floor(rand() * 3)
      for (let j = 0; j < k; j++) parts.push(tree(depth + 1))
      return { msg: `g${n}`, parts }
    }
    const classes = [...new Set(Array.from({ length: Math.floor(rand() * 3) }, () => pick(ERROR_NAMES)))]
    out.push({ id: `g${i}`, classes, group: tree(0) })
  }
  return out
}

function build(t: Tree): Error {
  return 'leaf' in t ? new CLASSES[t.leaf](t.id) : new AggregateError(t.parts.map(build), t.msg)
}

function shape(e: unknown): string {
  return e instanceof AggregateError ? `G:${e.message}[${(e.errors as unknown[]).map(shape).join(',')}]` : chain(e)
}

function runCtxlib(sc: GroupScenario): string {
  const group = build(sc.group)
  try {
    withContext(suppress(...sc.classes.map((c) => CLASSES[c])), () => {
      throw group
    })
  } catch (e) {
    // Only the original itself is "untouched"; a copy of it would show as a rest.
    if (e === group) return `untouched:${shape(e)}`
    const linked = e instanceof Error && Object.hasOwn(e, 'cause') && e.cause === group
    return `rest:${shape(e)}|linked:${String(linked)}`
  }
  return 'suppressed'
}

function python312(): string {
  const root = join(homedir(), '.pyenv', 'versions')
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^3\.(1[2-9]|[2-9]\d)\./.test(v)).sort() : []
  const found = versions.map((v) => join(root, v, 'bin', 'python')).find((p) => existsSync(p))
  if (found === undefined) throw new Error(`groups differential: no Python 3.12+ under ${root}; it is required, never skipped`)
  return found
}

function runPython(python: string, scenarios: readonly GroupScenario[]): Map<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'ctxlib-groups-'))
  try {
    const file = join(dir, 'scenarios.json')
    writeFileSync(file, JSON.stringify(scenarios))
    const script = fileURLToPath(new URL('./groups.py', import.meta.url))
    const r = spawnSync(python, [script, file], { encoding: 'utf8', timeout: 60_000 })
    if (r.error !== undefined || r.status !== 0) {
      throw new Error(`groups differential: ${python} groups.py failed: ${r.error?.message ?? r.stderr}`)
    }
    const parsed = JSON.parse(r.stdout) as { id: string; outcome: string }[]
    return new Map(parsed.map((t) => [t.id, t.outcome]))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('suppress splitting AggregateError against CPython 3.12 ExceptionGroup (differential)', () => {
  it('agrees on every scenario', () => {
    const python = python312()
    console.log(`groups differential: ${python}, seed ${SEED}, ${COUNT} scenarios`)
    const scenarios = generate(SEED, COUNT)
    const expected = runPython(python, scenarios)
    const diverging = scenarios
      .map((sc) => ({ sc, python: expected.get(sc.id), ctxlib: runCtxlib(sc) }))
      .filter((d) => d.python !== d.ctxlib)
    const report = diverging
      .slice(0, 3)
      .map((d) => `${JSON.stringify(d.sc)}\n  python: ${String(d.python)}\n  ctxlib: ${d.ctxlib}`)
      .join('\n')
    expect(diverging, report).toHaveLength(0)
    const outcomes = scenarios.map((sc) => expected.get(sc.id) ?? '')
    // The generator reaches all three outcomes: suppressed, split, untouched.
    expect(outcomes.some((o) => o === 'suppressed')).toBe(true)
    expect(outcomes.some((o) => o.startsWith('rest:'))).toBe(true)
    expect(outcomes.some((o) => o.startsWith('untouched:'))).toBe(true)
  })
})
