// Compares two source trees of ctxlib in ONE process, on hot paths, so that a
// shared machine's slow spells hit both sides alike: `node bench/ab.mjs
// --base DIR [--rounds 21] [--n 200000]` bundles DIR/index.ts and src/index.ts
// with esbuild, then times each case on both in alternating rounds and prints
// median ns per op and the median of the per-round ratios (this tree / base).
//
// Every case is compiled separately for each tree (new Function), so the two
// trees never share a call site's type feedback.
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i === -1 ? fallback : args[i + 1]
}
const base = opt('base')
if (base === undefined) throw new TypeError('bench/ab.mjs: --base DIR (a copy of src/ to compare with) is required')
const rounds = Number(opt('rounds', 21))
const n = Number(opt('n', 200_000))

const CASES = {
  'ExitStack: callback ×1 + close': 'const s = new lib.ExitStack(); s.callback(cb); s.close()',
  'withContext + contextManager generator': 'sink += lib.withContext(gen(), body)',
  'contextManager generator: enter + exit': 'const m = gen(); sink += m.enter(); m.exit()',
  'defer + dispose': 'lib.defer(cb)[Symbol.dispose]()',
}

const { build } = await import('esbuild')
async function load(dir, name) {
  const outfile = join(ROOT, '.tmp', 'bench-ab', `${name}.mjs`)
  await build({ entryPoints: [join(dir, 'index.ts')], outfile, bundle: true, format: 'esm', platform: 'neutral', target: 'es2022', logLevel: 'error' })
  return import(pathToFileURL(outfile).href)
}
const libs = { base: await load(resolve(base), 'base'), this: await load(join(ROOT, 'src'), 'this') }

function compile(lib, code) {
  // One function per tree and case: its own feedback, its own inlining decisions.
  return new Function(
    'lib',
    'n',
    `let sink = 0
const cb = () => { sink++ }
const body = (v) => v
const gen = lib.contextManager(function* () { yield 1 })
return () => { for (let i = 0; i < n; i++) { ${code} } return sink }`,
  )(lib, n)
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
console.log(`node ${process.version}; ${rounds} alternating rounds of ${n.toLocaleString('en')} ops per case and tree`)
for (const [name, code] of Object.entries(CASES)) {
  const fns = { base: compile(libs.base, code), this: compile(libs.this, code) }
  const times = { base: [], this: [] }
  for (const side of ['base', 'this', 'base', 'this']) fns[side]() // warm-up to the optimising tier
  for (let r = 0; r < rounds; r++) {
    for (const side of r % 2 === 0 ? ['base', 'this'] : ['this', 'base']) {
      const start = process.hrtime.bigint()
      fns[side]()
      times[side].push(Number(process.hrtime.bigint() - start) / n)
    }
  }
  const ratio = median(times.this.map((t, i) => t / times.base[i]))
  console.log(`${name.padEnd(42)} base ${median(times.base).toFixed(1).padStart(7)} ns   this ${median(times.this).toFixed(1).padStart(7)} ns   ${ratio.toFixed(3)}×`)
}
