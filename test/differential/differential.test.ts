/**
 * Differential test against CPython's real `contextlib`: random scenarios
 * (nested generator/class managers, exit stacks, suppress; bodies and exits
 * that pass, suppress, re-raise, raise, chain, or break the generator
 * protocol) run by `driver.py` under python3 and by ctxlib, with their event
 * traces compared: enter order, what each exit saw (as a chain), callbacks,
 * and the escaped error's chain (normal form: see `chain` in run-ctxlib.ts).
 *
 * Seed: printed; set `CTXLIB_DIFF_SEED` to replay a run, `CTXLIB_DIFF_COUNT`
 * to change how many scenarios of each kind run (default 1,000 sync + 1,000 async).
 *
 * `suppress(E1)` handed a `SuppressedError` whose head is an E1 (an E1 thrown
 * by an exit while another error was pending) must suppress it, as Python's
 * `suppress(E1)` suppresses the E1 whatever its `__context__`; the count of
 * such scenarios is printed and must not be zero.
 */
import { describe, expect, it } from 'vitest'
import { type Options, type Trace, runAsync, runSync } from './run-ctxlib.js'
import { pythonVersion, runPython } from './python.js'
import { type Scenario, generate } from './scenario.js'

const PYTHON = 'python3'
const envSeed = process.env.CTXLIB_DIFF_SEED
const SEED = envSeed !== undefined && envSeed !== '' ? Number(envSeed) >>> 0 : Math.floor(Math.random() * 2 ** 32)
const COUNT = Number(process.env.CTXLIB_DIFF_COUNT ?? '1000')

interface Divergence {
  readonly scenario: Scenario
  readonly python: readonly string[]
  readonly ctxlib: readonly string[]
}

function firstDifference(a: readonly string[], b: readonly string[]): number {
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  return i === a.length && i === b.length ? -1 : i
}

function report(divergences: readonly Divergence[]): string {
  return divergences
    .slice(0, 3)
    .map((d) => {
      const at = firstDifference(d.python, d.ctxlib)
      return [
        `scenario ${d.scenario.id} (seed ${SEED}), first difference at event ${at}:`,
        `  python: ${JSON.stringify(d.python)}`,
        `  ctxlib: ${JSON.stringify(d.ctxlib)}`,
        `  scenario: ${JSON.stringify(d.scenario)}`,
      ].join('\n')
    })
    .join('\n\n')
}

interface Outcome {
  readonly divergences: Divergence[]
  /** ctxlib's traces, for the coverage checks. */
  readonly traces: (readonly string[])[]
  /** Scenarios where `suppress` was handed a `SuppressedError` whose head matched. */
  readonly headMatched: number
  /** Scenarios where CPython's ExitStack lost a context link and ctxlib matched the fixed trace. */
  readonly cpythonBug: number
}

async function compare(scenarios: readonly Scenario[]): Promise<Outcome> {
  const python = runPython(PYTHON, scenarios)
  const divergences: Divergence[] = []
  let headMatched = 0
  let cpythonBug = 0
  const traces: (readonly string[])[] = []
  for (const sc of scenarios) {
    const run = (options: Options): Trace | Promise<Trace> => (sc.async ? runAsync(sc, options) : runSync(sc, options))
    const trace = await run({ suppressWith: 'class' })
    if (trace.wrappedMatch) headMatched++
    const py = python.get(sc.id)
    if (py === undefined) throw new Error(`differential test: driver.py returned no trace for ${sc.id}`)
    traces.push(trace.events)
    if (firstDifference(py.events, trace.events) === -1) continue
    if (firstDifference(py.fixed, py.events) !== -1 && firstDifference(py.fixed, trace.events) === -1) {
      cpythonBug++
      continue
    }
    divergences.push({ scenario: sc, python: py.events, ctxlib: trace.events })
  }
  return { divergences, traces, headMatched, cpythonBug }
}

/** Guards the generator against drifting into scenarios that test little. */
function expectCoverage(traces: readonly (readonly string[])[], headMatched: number, cpythonBug: number): void {
  const all = traces.flat()
  const results = traces.map((t) => t[t.length - 1] ?? '')
  const raised = results.filter((r) => r.startsWith('result:raise:')).length
  expect(all.filter((e) => e.includes('other:')), 'no unexpected error kinds').toEqual([])
  expect(raised / traces.length).toBeGreaterThan(0.2)
  expect(raised / traces.length).toBeLessThan(0.9)
  expect(results.some((r) => r.split('<').length >= 3), 'escaped chains of 3 or more').toBe(true)
  for (const kind of ['P:noyield', 'P:nostop', 'P:after-throw', 'cb:']) {
    expect(all.some((e) => e.includes(kind)), kind).toBe(true)
  }
  // Exits that saw an error, in scenarios that ended normally: suppression happened.
  expect(traces.filter((t) => t.at(-1) === 'result:ok' && t.some((e) => /^exit:[^:]+:E/.test(e))).length).toBeGreaterThan(0)
  expect(headMatched, 'suppress met errors chained while another was pending').toBeGreaterThan(0)
  expect(cpythonBug, 'most scenarios compare with nothing accounted for').toBeLessThan(traces.length * 0.15)
}

describe('ctxlib against CPython contextlib (differential)', () => {
  it('requires python3 with contextlib', () => {
    const version = pythonVersion(PYTHON)
    console.log(`differential: ${version}, seed ${SEED} (replay with CTXLIB_DIFF_SEED=${SEED}), ${COUNT} sync + ${COUNT} async scenarios`)
    expect(version).toMatch(/^Python 3\.\d+/)
  })

  it.each([
    ['sync', false],
    ['async', true],
  ] as const)('agrees with CPython on %s scenarios', async (kind, async) => {
    const scenarios = generate(SEED, COUNT, async)
    expect(scenarios).toHaveLength(COUNT)
    const { divergences, traces, headMatched, cpythonBug } = await compare(scenarios)
    console.log(
      `differential ${kind}: ${scenarios.length} scenarios, ${divergences.length} divergences; ` +
        `${headMatched} where suppress matched the head of a chained error, ${cpythonBug} matched only with CPython's ExitStack context fix-up bug worked around`,
    )
    expect(divergences, report(divergences)).toHaveLength(0)
    if (COUNT >= 500) expectCoverage(traces, headMatched, cpythonBug)
  })
})
