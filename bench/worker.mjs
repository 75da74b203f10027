// Measures one group of bench/cases.mjs on the runtime that runs this file
// and prints the result as JSON on stdout. Started by bench/run.mjs:
//   <node> --expose-gc bench/worker.mjs <config.json> <group>
import { readFileSync } from 'node:fs'
import { GCProfiler } from 'node:v8'
import { measure } from 'mitata'
import { groups, state } from './cases.mjs'
import { loadContext } from './context.mjs'

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const groupName = process.argv[3]
const { ctx, features, require } = await loadContext(config)

const notes = []
if (ctx.peers.corejs.DS === globalThis.DisposableStack) {
  notes.push(`core-js-pure hands out the runtime's own DisposableStack and AsyncDisposableStack on node ${process.versions.node}`)
}
if (ctx.peers.whatwg.DS !== require('@whatwg-node/disposablestack').DisposableStack) {
  notes.push('@whatwg-node/disposablestack: its own implementation is measured (its entry hands out the native one here)')
}

const group = groups(ctx)[groupName]
if (group === undefined) throw new Error(`worker: unknown group ${groupName}`)
const skipped = []
const cases = []
for (const c of group.cases) {
  const missing = (c.needs ?? []).filter((n) => !features.has(n))
  if (missing.length > 0) skipped.push({ id: c.id, missing })
  else cases.push(c)
}

/** Runs `fn` `n` times and checks it released what it acquired. */
async function check(c, fn, n) {
  const before = state.released
  for (let i = 0; i < n; i++) {
    if (c.async) await fn()
    else fn()
  }
  const released = state.released - before
  if (released !== n * c.releases || state.live !== 0) {
    throw new Error(`${c.id}: expected ${n * c.releases} releases and nothing live, got ${released} and ${state.live} live`)
  }
}

/** Warms `fn` for about `ms` and returns its cost per call in ns. */
async function warm(c, fn, ms) {
  let calls = 0
  const t0 = performance.now()
  let t = t0
  const per = c.heavy ? 1 : 64
  while (t - t0 < ms) {
    for (let i = 0; i < per; i++) {
      if (c.async) await fn()
      else fn()
    }
    calls += per
    t = performance.now()
  }
  return ((t - t0) * 1e6) / calls
}

/**
 * Bytes the engine allocates per call of the optimised `fn`: heap growth over
 * a few thousand calls from a collected heap, keeping only samples during
 * which no collection ran (v8.GCProfiler says). Deterministic where timings
 * on a shared machine are not.
 */
async function allocation(c, fn) {
  let n = c.async ? 1000 : 4000
  for (let attempt = 0; attempt < 8; attempt++) {
    globalThis.gc?.()
    const profiler = new GCProfiler()
    profiler.start()
    const h0 = process.memoryUsage().heapUsed
    for (let i = 0; i < n; i++) {
      if (c.async) await fn()
      else fn()
    }
    const h1 = process.memoryUsage().heapUsed
    if (profiler.stop().statistics.length === 0) return Math.max(0, (h1 - h0) / n)
    n = Math.max(16, n >> 1)
  }
  return NaN
}

group.warm?.()
const prepared = []
for (const c of cases) {
  const fn = c.make()
  // A heavy case (one call is a whole large unwinding) is checked and warmed
  // with a few calls, measured one call per sample, and not profiled for bytes.
  await check(c, fn, c.heavy ? 1 : 256)
  const estimate = await warm(c, fn, config.warmupMs)
  await check(c, fn, c.heavy ? 1 : 16)
  // A sample of ~40 µs: short enough to dodge most scheduler noise, long
  // enough that the clock's resolution does not show.
  const batch = Math.max(4, Math.min(4096, Math.round(40_000 / estimate / 4) * 4))
  prepared.push({ c, fn, batch, rounds: [], bytes: NaN })
}

for (let round = 0; round < config.rounds; round++) {
  // rotate the order so no case always runs first (or right after a GC-heavy one)
  for (let k = 0; k < prepared.length; k++) {
    const p = prepared[(k + round) % prepared.length]
    const stats = await measure(p.fn, {
      min_cpu_time: config.timePerRoundMs * 1e6,
      min_samples: p.c.heavy ? 1 : 12,
      batch_samples: p.c.heavy ? 1 : p.batch,
      batch_threshold: Infinity,
      // One scope per loop iteration. Mitata's default pastes four calls into
      // each iteration, and V8's inlining budget (920 bytes of bytecode per
      // optimised function) then decides whether a library call is inlined in
      // all four copies or only some, while a hand-written block always fits:
      // the ratio measured the budget, not the code (2.3× against 1.12× with
      // the budget lifted). No program runs four identical scopes back to back.
      batch_unroll: 1,
    })
    p.rounds.push({ p25: stats.p25, p50: stats.p50, p75: stats.p75, min: stats.min, max: stats.max, ticks: stats.ticks })
  }
}

// after the rounds, when every case's code is as hot as it gets
for (const p of prepared) p.bytes = p.c.heavy ? NaN : await allocation(p.c, p.fn)

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

const out = {
  group: groupName,
  title: group.name,
  runtime: { name: 'node', version: process.version, v8: process.versions.v8 },
  features: [...features],
  skipped,
  notes,
  sink: state.sink, // consumed, so that no engine can drop the work
  cases: prepared.map(({ c, batch, rounds, bytes }) => {
    const p50s = rounds.map((r) => r.p50)
    return {
      id: c.id,
      label: c.label,
      ref: c.ref ?? [],
      py: c.py,
      scale: c.scale,
      async: c.async === true,
      median: median(p50s),
      low: Math.min(...p50s),
      high: Math.max(...p50s),
      batch,
      bytes,
      rounds,
    }
  }),
}
process.stdout.write(`${JSON.stringify(out)}\n`)
