// What Jest's --detectOpenHandles costs, beside `npm run bench:leaks`:
//   1. the same test body as bench/leak-check.mjs (a server and 40 socket
//      round trips on 127.0.0.1, 400 timers, 40 file handles, 200,000 awaited
//      promises), timed inside one Jest test, with and without the flag;
//   2. the whole Jest run over the comparison fixtures (test/node/fixtures/jest,
//      asserted by test/node/leak-check-comparison.test.ts), wall clock, with
//      and without the flag.
// Both sides run --runInBand (the flag forces it) and --forceExit (the
// fixtures leak on purpose), alternating, so the flag is the only difference.
// Prints medians and the median of the per-run ratios to the run without it.
//
//   node bench/jest-open-handles.mjs [--runs 5] [--rounds 5] [--promises 200000]
//
// Needs the dev dependency jest; writes only under .tmp/bench-jest.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const TMP = join(ROOT, '.tmp', 'bench-jest')
const JEST = join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js')

function parseArgs(argv) {
  const opts = { runs: 5, rounds: 5, promises: 200_000 }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const next = () => Number(argv[++i])
    if (a === '--runs') opts.runs = next()
    else if (a === '--rounds') opts.rounds = next()
    else if (a === '--promises') opts.promises = next()
    else throw new TypeError(`bench/jest-open-handles.mjs: unknown option ${a}`)
  }
  return opts
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

// The body of bench/leak-check.mjs (bench/leak-body.cjs), as a Jest test: two
// warm-up bodies, then `rounds` timed ones, their times written to CTXLIB_BENCH_OUT.
const bodyTest = (opts) => `const fs = require('node:fs')
const { makeBody } = require(${JSON.stringify(join(ROOT, 'bench', 'leak-body.cjs'))})
const body = makeBody({ dir: process.env.CTXLIB_BENCH_DIR, promises: ${opts.promises} })

test('the bench:leaks body', async () => {
  for (let i = 0; i < 2; i++) await body()
  const times = []
  for (let i = 0; i < ${opts.rounds}; i++) {
    const start = performance.now()
    await body()
    times.push(performance.now() - start)
  }
  fs.writeFileSync(process.env.CTXLIB_BENCH_OUT, JSON.stringify(times))
}, 600_000)
`

function jest(config, flag, env) {
  const args = [JEST, '--config', config, '--cacheDirectory', join(TMP, 'cache'), '--runInBand', '--forceExit']
  if (flag) args.push('--detectOpenHandles')
  const start = performance.now()
  const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 600_000 })
  const ms = performance.now() - start
  if (run.status !== 0) throw new Error(`bench/jest-open-handles.mjs: jest failed:\n${run.stderr}`)
  return ms
}

const opts = parseArgs(process.argv.slice(2))
rmSync(TMP, { recursive: true, force: true })
const bodyDir = join(TMP, 'body')
const files = join(TMP, 'files')
mkdirSync(bodyDir, { recursive: true })
mkdirSync(files, { recursive: true })
writeFileSync(join(bodyDir, 'body.test.cjs'), bodyTest(opts))
const bodyConfig = join(bodyDir, 'jest.config.cjs')
writeFileSync(
  bodyConfig,
  "module.exports = { rootDir: __dirname, testMatch: ['<rootDir>/*.test.cjs'], moduleFileExtensions: ['cjs', 'js'], testEnvironment: 'node', transform: {}, watchman: false }\n",
)
const fixtures = join(ROOT, 'test', 'node', 'fixtures', 'jest', 'jest.config.cjs')
const out = join(TMP, 'times.json')
const env = { CTXLIB_BENCH_DIR: files, CTXLIB_BENCH_OUT: out, CTXLIB_JEST_DIR: files, FORCE_COLOR: '0' }

const body = { bare: [], flag: [], ratio: [] }
const run = { bare: [], flag: [], ratio: [] }
for (let i = 0; i < opts.runs; i++) {
  // Alternate which side goes first, so a drift in the machine's load is shared.
  const order = i % 2 === 0 ? [false, true] : [true, false]
  const medians = {}
  const walls = {}
  for (const flag of order) {
    jest(bodyConfig, flag, env)
    medians[flag] = median(JSON.parse(readFileSync(out, 'utf8')))
    walls[flag] = jest(fixtures, flag, env)
  }
  body.bare.push(medians[false])
  body.flag.push(medians[true])
  body.ratio.push(medians[true] / medians[false])
  run.bare.push(walls[false])
  run.flag.push(walls[true])
  run.ratio.push(walls[true] / walls[false])
}
rmSync(TMP, { recursive: true, force: true })

const fmt = (ms) => `${ms.toFixed(0)} ms`.padStart(10)
console.log(`Jest ${JSON.parse(readFileSync(join(ROOT, 'node_modules', 'jest', 'package.json'), 'utf8')).version} on Node ${process.version}, ${opts.runs} alternating runs each side (--runInBand --forceExit)`)
console.log(`${''.padEnd(44)}${'without'.padStart(10)}${'--detectOpenHandles'.padStart(22)}`)
console.log(`${`bench:leaks body (median of ${opts.rounds} a run)`.padEnd(44)}${fmt(median(body.bare))}${fmt(median(body.flag))}${`${median(body.ratio).toFixed(2)}×`.padStart(12)}`)
console.log(`${'whole run over the comparison fixtures'.padEnd(44)}${fmt(median(run.bare))}${fmt(median(run.flag))}${`${median(run.ratio).toFixed(2)}×`.padStart(12)}`)
