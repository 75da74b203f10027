/**
 * The exception-group differential's scenarios and both sides' outcomes:
 * `suppress(...)` around `throw group`, by ctxlib (`AggregateError`) and by
 * CPython 3.12+ (`ExceptionGroup`, groups.py). Used by groups.test.ts and by
 * record-groups.ts, which records CPython's answers for fixed seeds in
 * groups-cpython.json so that a machine without Python 3.12 compares too.
 *
 * Outcomes, in one normal form: `suppressed`; `untouched:<shape>` (no part
 * matched: ctxlib re-throws the original by identity, as the SPEC says,
 * where CPython's `split` always derives a copy, so Python's copy of the
 * same shape counts as untouched); or `rest:<shape>|linked:<bool>` (the
 * rest's shape, nested groups with messages and leaves by label, and whether
 * it links to the original: Python's `__context__`, ctxlib's `cause`).
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { suppress, withContext } from '../../src/index.js'
import { E1, E2, E3, E4, chain } from './run-ctxlib.js'
import { ERROR_NAMES, type ErrName, prng } from './scenario.js'

type Tree = { readonly leaf: ErrName; readonly id: string } | { readonly msg: string; readonly parts: readonly Tree[] }
export interface GroupScenario {
  readonly id: string
  readonly classes: readonly ErrName[]
  readonly group: Tree
}

/** CPython's answers for fixed seeds, as record-groups.ts writes them. */
export interface Recorded {
  /** The interpreter that answered, e.g. `3.12.1`. */
  readonly python: string
  readonly count: number
  /** sha256 of the scenarios' JSON per seed: the generator must not have changed since. */
  readonly digests: Readonly<Record<string, string>>
  /** Per seed, the outcome of each scenario in order. */
  readonly outcomes: Readonly<Record<string, readonly string[]>>
}

export const RECORDED_FILE: string = fileURLToPath(new URL('./groups-cpython.json', import.meta.url))
export const RECORDED_SEEDS: readonly number[] = [1, 2, 3]
export const COUNT = 500

const CLASSES = { E1, E2, E3, E4 }

export function generate(seed: number, count: number): GroupScenario[] {
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

export function digest(scenarios: readonly GroupScenario[]): string {
  return createHash('sha256').update(JSON.stringify(scenarios)).digest('hex')
}

function build(t: Tree): Error {
  return 'leaf' in t ? new CLASSES[t.leaf](t.id) : new AggregateError(t.parts.map(build), t.msg)
}

function shape(e: unknown): string {
  return e instanceof AggregateError ? `G:${e.message}[${(e.errors as unknown[]).map(shape).join(',')}]` : chain(e)
}

export function runCtxlib(sc: GroupScenario): string {
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

/** CPython's outcome of every scenario, in order, from one groups.py process. */
export function runPython(python: string, scenarios: readonly GroupScenario[]): string[] {
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
    const byId = new Map(parsed.map((t) => [t.id, t.outcome]))
    return scenarios.map((sc) => byId.get(sc.id) ?? `(no answer for ${sc.id})`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
