/**
 * Differential test of `suppress` splitting an `AggregateError` against
 * CPython 3.12+ splitting an `ExceptionGroup` (3.11's `suppress` does not
 * split). Required, never skipped, on any machine:
 *
 * - always: ctxlib against CPython's answers recorded in groups-cpython.json
 *   for fixed seeds (`npx tsx test/differential/record-groups.ts` rewrites
 *   them), whose scenarios must still be what the generator makes;
 * - where Python 3.12+ is installed (on PATH as python3.N or python3, or in
 *   pyenv; see test/support/python.ts): also that the recorded answers are
 *   what that CPython gives now, and ctxlib against it live on a random seed
 *   (`CTXLIB_DIFF_SEED` replays one, as in differential.test.ts).
 *
 * Outcomes are compared in the normal form described in groups.ts.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { findPython } from '../support/python.js'
import { COUNT, RECORDED_FILE, RECORDED_SEEDS, type GroupScenario, type Recorded, digest, generate, runCtxlib, runPython } from './groups.js'
import { useLeakCheck } from '../support/leaks.js'

useLeakCheck()

const envSeed = process.env.CTXLIB_DIFF_SEED
const SEED = envSeed !== undefined && envSeed !== '' ? Number(envSeed) >>> 0 : Math.floor(Math.random() * 2 ** 32)
const recorded = JSON.parse(readFileSync(RECORDED_FILE, 'utf8')) as Recorded
const python = findPython(12)
console.log(
  python === undefined
    ? `groups differential: no Python 3.12+ on PATH or in pyenv; comparing with CPython ${recorded.python}'s recorded answers only`
    : `groups differential: Python ${python.version} (${python.path}), random seed ${SEED}, and the recorded answers of CPython ${recorded.python}`,
)

/** Fails with the first few scenarios where ctxlib and CPython differ. */
function expectAgreement(scenarios: readonly GroupScenario[], expected: readonly string[], source: string): void {
  const diverging = scenarios.map((sc, i) => ({ sc, python: expected[i], ctxlib: runCtxlib(sc) })).filter((d) => d.python !== d.ctxlib)
  const report = diverging
    .slice(0, 3)
    .map((d) => `${JSON.stringify(d.sc)}\n  python: ${String(d.python)}\n  ctxlib: ${d.ctxlib}`)
    .join('\n')
  expect(diverging, `against ${source}:\n${report}`).toHaveLength(0)
  // The generator reaches all three outcomes: suppressed, split, untouched.
  expect(expected.some((o) => o === 'suppressed')).toBe(true)
  expect(expected.some((o) => o.startsWith('rest:'))).toBe(true)
  expect(expected.some((o) => o.startsWith('untouched:'))).toBe(true)
}

describe('suppress splitting AggregateError against CPython 3.12+ ExceptionGroup (differential)', () => {
  it.each(RECORDED_SEEDS)(`agrees with CPython's recorded answers on seed %i (${COUNT} scenarios)`, (seed) => {
    const scenarios = generate(seed, recorded.count)
    expect(recorded.count).toBe(COUNT)
    expect(digest(scenarios), 'the generator changed since the answers were recorded: rerun record-groups.ts').toBe(recorded.digests[seed])
    expectAgreement(scenarios, recorded.outcomes[seed] ?? [], `CPython ${recorded.python} (recorded)`)
  })

  if (python !== undefined) {
    it(`finds the recorded answers unchanged under Python ${python.version}`, () => {
      for (const seed of RECORDED_SEEDS) {
        const now = runPython(python.path, generate(seed, COUNT))
        expect(now, `seed ${seed}: CPython ${python.version} answers differently from the recording; rerun record-groups.ts`).toEqual(recorded.outcomes[seed])
      }
    })

    it(`agrees with Python ${python.version} live on a random seed`, () => {
      const scenarios = generate(SEED, COUNT)
      expectAgreement(scenarios, runPython(python.path, scenarios), `Python ${python.version} at ${python.path}, seed ${SEED}`)
    })
  }
})
