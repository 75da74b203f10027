/**
 * Records CPython 3.12+'s answers to the exception-group differential for
 * the fixed seeds into groups-cpython.json, for machines without 3.12:
 *
 *   npx tsx test/differential/record-groups.ts
 *
 * Run it after changing the scenario generator or groups.py; groups.test.ts
 * fails until then (it checks the scenarios' digests, and, wherever 3.12+ is
 * installed, that the recorded answers are what CPython gives now).
 */
import { writeFileSync } from 'node:fs'
import { findPython } from '../support/python.js'
import { COUNT, RECORDED_FILE, RECORDED_SEEDS, type Recorded, digest, generate, runPython } from './groups.js'

const python = findPython(12)
if (python === undefined) {
  process.stderr.write('record-groups: needs Python 3.12 or later on PATH (python3.N, python3) or in pyenv\n')
  process.exit(1)
}
const digests: Record<string, string> = {}
const outcomes: Record<string, string[]> = {}
for (const seed of RECORDED_SEEDS) {
  const scenarios = generate(seed, COUNT)
  digests[seed] = digest(scenarios)
  outcomes[seed] = runPython(python.path, scenarios)
}
const recorded: Recorded = { python: python.version, count: COUNT, digests, outcomes }
writeFileSync(RECORDED_FILE, `${JSON.stringify(recorded, null, 1)}\n`)
process.stdout.write(`record-groups: ${RECORDED_SEEDS.length} seeds x ${COUNT} scenarios from Python ${python.version} (${python.path}) into ${RECORDED_FILE}\n`)
