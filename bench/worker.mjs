// Measures one group of bench/cases.mjs on the runtime that runs this file
// and prints the result as JSON on stdout. Started by bench/run.mjs:
//   <node> --expose-gc bench/worker.mjs <config.json> <group>
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { measure } from 'mitata'
import { groups, state } from './cases.mjs'

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const groupName = process.argv[3]
const require = createRequire(import.meta.url)
const load = (path) => (path ? import(pathToFileURL(path).href) : Promise.resolve(undefined))

function nativeUsingSyntax() {
  try {
    new Function('{ using x = null }')
    return true
  } catch {
    return false
  }
}

function peers() {
  const whatwgDir = require.resolve('@whatwg-node/disposablestack/package.json').replace(/package\.json$/, '')
  // The package's entry hands out the runtime's own stacks where they exist,
  // so its own implementation is loaded from its files.
  const whatwgDS = require(`${whatwgDir}cjs/DisposableStack.js`).PonyfillDisposableStack
  const whatwgADS = require(`${whatwgDir}cjs/AsyncDisposableStack.js`).PonyfillAsyncDisposableStack
  const whatwgSymbols = require(`${whatwgDir}cjs/symbols.js`).DisposableSymbols
  return {
    corejs: {
      DS: require('core-js-pure/actual/disposable-stack'),
      ADS: require('core-js-pure/actual/async-disposable-stack'),
      sym: require('core-js-pure/actual/symbol/dispose'),
      asym: require('core-js-pure/actual/symbol/async-dispose'),
    },
    esshims: {
      DS: require('disposablestack/DisposableStack/implementation'),
      ADS: require('disposablestack/AsyncDisposableStack/implementation'),
      sym: require('disposablestack/Symbol.dispose/polyfill')(),
      asym: require('disposablestack/Symbol.asyncDispose/polyfill')(),
    },
    whatwg: { DS: whatwgDS, ADS: whatwgADS, sym: whatwgSymbols.dispose, asym: whatwgSymbols.asyncDispose },
  }
}

const features = new Set()
if (nativeUsingSyntax()) features.add('native-using')
if (typeof globalThis.DisposableStack === 'function') features.add('native-ds')

const lib = await load(config.paths.lib)
const pony = await load(config.paths.ponyfill)
if (pony?.DisposableStack) features.add('ponyfill')
const ctx = {
  lib,
  pony,
  lowered: await load(config.paths.lowered),
  nativeUsing: features.has('native-using') ? await load(config.paths.native) : undefined,
  native: { DisposableStack: globalThis.DisposableStack, AsyncDisposableStack: globalThis.AsyncDisposableStack },
  peers: peers(),
  // the keys ctxlib's own disposables use (the host's, else the shared fallback)
  disposeSymbol: typeof Symbol.dispose === 'symbol' ? Symbol.dispose : Symbol.for('Symbol.dispose'),
  asyncDisposeSymbol: typeof Symbol.asyncDispose === 'symbol' ? Symbol.asyncDispose : Symbol.for('Symbol.asyncDispose'),
}

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
  while (t - t0 < ms) {
    for (let i = 0; i < 64; i++) {
      if (c.async) await fn()
      else fn()
    }
    calls += 64
    t = performance.now()
  }
  return ((t - t0) * 1e6) / calls
}

group.warm?.()
const prepared = []
for (const c of cases) {
  const fn = c.make()
  await check(c, fn, 256)
  const estimate = await warm(c, fn, config.warmupMs)
  await check(c, fn, 16)
  // A sample of ~40 µs: short enough to dodge most scheduler noise, long
  // enough that the clock's resolution does not show.
  const batch = Math.max(4, Math.min(4096, Math.round(40_000 / estimate / 4) * 4))
  prepared.push({ c, fn, batch, rounds: [] })
}

for (let round = 0; round < config.rounds; round++) {
  // rotate the order so no case always runs first (or right after a GC-heavy one)
  for (let k = 0; k < prepared.length; k++) {
    const p = prepared[(k + round) % prepared.length]
    const stats = await measure(p.fn, {
      min_cpu_time: config.timePerRoundMs * 1e6,
      min_samples: 12,
      batch_samples: p.batch,
      batch_threshold: Infinity,
    })
    p.rounds.push({ p25: stats.p25, p50: stats.p50, p75: stats.p75, min: stats.min, max: stats.max, ticks: stats.ticks })
  }
}

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
  cases: prepared.map(({ c, batch, rounds }) => {
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
      rounds,
    }
  }),
}
process.stdout.write(`${JSON.stringify(out)}\n`)
