// `npm run bench:leaks`: what leakCheck costs a test body. One body
// (bench/leak-body.cjs: a server and 40 socket round trips on 127.0.0.1, 400
// timers, 40 file handles written and closed, 200,000 awaited promises) runs bare, inside a bare
// AsyncLocalStorage (the floor of any tool that follows async context), and
// under leakCheck, in interleaved rounds, on each runtime asked for. Prints
// median ms per body and the median of the per-round ratios to bare.
//
//   node bench/leak-check.mjs [--runtimes current,22,24,26] [--rounds 9] [--promises 200000]
//
// The package is src/node bundled by esbuild into .tmp/bench-leaks.
import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const TMP = join(ROOT, '.tmp', 'bench-leaks')

function parseArgs(argv) {
  const opts = { runtimes: ['current', '24'], rounds: 9, promises: 200_000, child: undefined }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const next = () => argv[++i]
    if (a === '--runtimes') opts.runtimes = next().split(',')
    else if (a === '--rounds') opts.rounds = Number(next())
    else if (a === '--promises') opts.promises = Number(next())
    else if (a === '--child') opts.child = next()
    else throw new TypeError(`bench/leak-check.mjs: unknown option ${a}`)
  }
  return opts
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

// ---- child: measures on the runtime that runs it ----------------------------

async function child(opts) {
  const fs = await import('node:fs')
  const os = await import('node:os')
  const path = await import('node:path')
  const { AsyncLocalStorage } = await import('node:async_hooks')
  const { leakCheck } = await import(pathToFileURL(opts.child).href)
  const { makeBody } = await import('./leak-body.cjs')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctxlib-bench-leaks-'))
  const body = makeBody({ dir, promises: opts.promises })

  const storage = new AsyncLocalStorage()
  const variants = {
    bare: () => body(),
    als: () => storage.run({}, body),
    leakCheck: async () => {
      const check = leakCheck()
      try {
        return await body()
      } finally {
        await check[Symbol.asyncDispose]()
      }
    },
  }
  const names = Object.keys(variants)
  for (let i = 0; i < 2; i++) for (const name of names) await variants[name]() // warm-up
  const times = Object.fromEntries(names.map((n) => [n, []]))
  for (let round = 0; round < opts.rounds; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length])
    for (const name of order) {
      const start = performance.now()
      await variants[name]()
      times[name].push(performance.now() - start)
    }
  }
  fs.rmSync(dir, { recursive: true, force: true })
  const ratio = (name) => median(times[name].map((t, i) => t / times.bare[i]))
  const result = { node: process.version, ms: {}, ratio: {} }
  for (const name of names) {
    result.ms[name] = median(times[name])
    result.ratio[name] = ratio(name)
  }
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

// ---- parent: bundles, runs each runtime, prints ----------------------------

async function parent(opts) {
  const { build } = await import('esbuild')
  mkdirSync(TMP, { recursive: true })
  const bundle = join(TMP, 'node.mjs')
  await build({ entryPoints: [join(ROOT, 'src', 'node', 'index.ts')], outfile: bundle, bundle: true, format: 'esm', platform: 'node', target: 'es2022', logLevel: 'error' })
  const { ensureRuntime } = await import('../scripts/runtime.mjs')
  const rows = []
  for (const runtime of opts.runtimes) {
    const bin = runtime === 'current' ? process.execPath : ensureRuntime('node', runtime)
    const args = [fileURLToPath(import.meta.url), '--child', bundle, '--rounds', String(opts.rounds), '--promises', String(opts.promises)]
    const run = spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 1 << 24 })
    if (run.status !== 0) throw new Error(`bench/leak-check.mjs: ${bin} failed:\n${run.stderr}`)
    rows.push(JSON.parse(run.stdout.trim().split('\n').pop()))
  }
  const fmt = (ms) => `${ms.toFixed(1)} ms`.padStart(10)
  const x = (r) => `${r.toFixed(2)}×`.padStart(7)
  console.log(`test body: 40 socket round trips, 400 timers, 40 file handles, ${opts.promises.toLocaleString('en')} awaited promises; median of ${opts.rounds} interleaved rounds`)
  console.log(`${'runtime'.padEnd(10)}${'bare'.padStart(10)}${'ALS only'.padStart(18)}${'leakCheck'.padStart(18)}`)
  for (const r of rows) {
    console.log(`${r.node.padEnd(10)}${fmt(r.ms.bare)}${fmt(r.ms.als)}${x(r.ratio.als)}${fmt(r.ms.leakCheck)}${x(r.ratio.leakCheck)}`)
  }
  return rows
}

const opts = parseArgs(process.argv.slice(2))
if (opts.child !== undefined) await child(opts)
else await parent(opts)
