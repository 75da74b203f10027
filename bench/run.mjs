// `npm run bench`: measures ctxlib against the floors (try/finally, hand-written
// managers, bare generators, `using`) and the peers (core-js-pure, es-shims,
// @whatwg-node, CPython's contextlib) in one run, on Node 20 (the node that
// runs this script) and Node 24 (installed by scripts/runtime.mjs), and prints
// median ns per scope, the spread, the ratio to each case's reference, the
// issue-5 targets as PASS/FAIL lines, and the scaling series. Writes every
// number to .tmp/bench.json.
//
//   node bench/run.mjs [--rounds 9] [--time 15] [--warmup 50]
//                      [--groups sync,ds1] [--runtimes current,24] [--no-python] [--dist] [--src DIR]
//
// What is benchmarked is the package as users get it: src bundled by esbuild
// with the build's options (ESM, ES2022, code splitting between `ctxlib` and
// `ctxlib/ponyfill`) into .tmp/bench/pkg, or dist/ itself with --dist.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { TARGETS, evaluateTargets } from './targets.mjs'
import { renderScaling, renderTable } from './report.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const TMP = join(ROOT, '.tmp', 'bench')
const GROUPS = ['sync', 'cls', 'small', 'generators', 'generatorsThrow', 'asyncClass', 'asyncGen', 'asyncs', 'stacks', 'stackWith', 'suppress', 'ds1', 'ds10', 'ads1', 'scaling', 'mixed', 'throwing', 'taskGroup', 'eventListener', 'abortOnExit']

function parseArgs(argv) {
  const opts = { rounds: 9, time: 15, warmup: 50, groups: GROUPS, runtimes: ['current', '24'], python: true, proxy: true, dist: false, src: join(ROOT, 'src') }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const next = () => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`bench: ${a} needs a value`)
      return v
    }
    if (a === '--rounds') opts.rounds = Number(next())
    else if (a === '--time') opts.time = Number(next())
    else if (a === '--warmup') opts.warmup = Number(next())
    else if (a === '--groups') opts.groups = next().split(',')
    else if (a === '--runtimes') opts.runtimes = next().split(',')
    else if (a === '--no-python') opts.python = false
    else if (a === '--no-proxy') opts.proxy = false
    else if (a === '--dist') opts.dist = true
    else if (a === '--src') opts.src = resolve(next())
    else throw new Error(`bench: unknown option ${a}`)
  }
  return opts
}

const log = (msg) => process.stderr.write(`${msg}\n`)

async function buildPackage(useDist, src) {
  const ponyEntry = join(src, 'ponyfill', 'index.ts')
  if (useDist) {
    const lib = join(ROOT, 'dist', 'index.js')
    if (!existsSync(lib)) throw new Error('bench --dist: dist/index.js is missing; run `npx tsup` first')
    const pony = join(ROOT, 'dist', 'ponyfill.js')
    return { lib, ponyfill: existsSync(pony) ? pony : undefined, from: 'dist/' }
  }
  const { build } = await import('esbuild')
  const entryPoints = { index: join(src, 'index.ts') }
  if (existsSync(ponyEntry)) entryPoints.ponyfill = ponyEntry
  const outdir = join(TMP, 'pkg')
  // the options of tsup.config.ts: ESM, ES2022, shared chunks, not minified
  await build({
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    platform: 'neutral',
    outExtension: { '.js': '.mjs' },
    logLevel: 'error',
  })
  return {
    lib: join(outdir, 'index.mjs'),
    ponyfill: entryPoints.ponyfill ? join(outdir, 'ponyfill.mjs') : undefined,
    from: `${src === join(ROOT, 'src') ? 'src/' : src} bundled by esbuild (tsup options) into .tmp/bench/pkg`,
  }
}

async function compileUsing() {
  const ts = (await import('typescript')).default
  const source = readFileSync(join(ROOT, 'bench', 'using-snippet.ts'), 'utf8')
  const out = {}
  for (const [name, target] of [
    ['lowered', ts.ScriptTarget.ES2022],
    ['native', ts.ScriptTarget.ESNext],
  ]) {
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { target, module: ts.ModuleKind.ESNext },
      fileName: 'using-snippet.ts',
    })
    out[name] = join(TMP, `using-${name}.mjs`)
    writeFileSync(out[name], outputText)
  }
  return out
}

async function resolveRuntimes(wanted) {
  const out = []
  for (const w of wanted) {
    if (w === 'current') {
      out.push({ label: `node ${process.version}`, major: Number(process.versions.node.split('.')[0]), bin: process.execPath })
      continue
    }
    const major = Number(w)
    if (out.some((r) => r.major === major)) continue
    if (Number(process.versions.node.split('.')[0]) === major) {
      out.push({ label: `node ${process.version}`, major, bin: process.execPath })
      continue
    }
    try {
      const { ensureRuntime } = await import(pathToFileURL(join(ROOT, 'scripts', 'runtime.mjs')).href)
      log(`bench: ensuring node ${major} (scripts/runtime.mjs)…`)
      const bin = ensureRuntime('node', major)
      const version = spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim()
      out.push({ label: `node ${version}`, major, bin })
    } catch (error) {
      log(`bench: node ${major} unavailable, skipped (${error.message})`)
    }
  }
  return out
}

function machine() {
  const cpus = os.cpus()
  let model = cpus[0]?.model ?? 'unknown'
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8')
    const m = /model name\s*:\s*(.+)/.exec(info)
    if (m) model = m[1].trim()
  } catch {
    // not Linux
  }
  return {
    cpu: model,
    cores: cpus.length,
    mhz: cpus[0]?.speed,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadavg: os.loadavg().map((x) => Number(x.toFixed(2))),
  }
}

/** Jiffies busy and total over all CPUs (Linux), to tell how much else ran during the run. */
function cpuTimes() {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number)
    const idle = f[3] + (f[4] ?? 0)
    const total = f.reduce((a, b) => a + b, 0)
    return { idle, total }
  } catch {
    return undefined
  }
}

// --no-concurrent-recompilation: optimise on the main thread, so that a
// compiler thread starved by the other processes of a busy machine cannot
// leave a case running unoptimised code after its warm-up.
//
// --no-maglev-osr (where V8 has a mid tier, Node 22 and later): mitata
// compiles a fresh loop for every measurement, and for the 15 ms of a round
// V8 runs that loop in code on-stack-replaced by Maglev, which inlines one
// call level deep. A hand-written block (loop → case → methods) then gets
// inlined, a library call (loop → case → withContext → methods) does not,
// and the ratio measures the tier rather than the code (withContext + class
// manager: 1.39× against 1.08× with this flag). With it the loop is
// replaced by TurboFan code, as on Node 20, whose V8 has no Maglev, and as
// any hot loop of a long-running program ends up. Functions still tier up
// through Maglev as usual.
const workerFlags = new Map()
function flagsFor(runtime) {
  let flags = workerFlags.get(runtime.bin)
  if (flags === undefined) {
    const options = spawnSync(runtime.bin, ['--v8-options'], { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 }).stdout ?? ''
    flags = ['--expose-gc', '--no-concurrent-recompilation']
    if (/^\s*--maglev-osr\b/m.test(options)) flags.push('--no-maglev-osr')
    workerFlags.set(runtime.bin, flags)
  }
  return flags
}

function runWorker(runtime, group, configPath) {
  const r = spawnSync(runtime.bin, [...flagsFor(runtime), join(ROOT, 'bench', 'worker.mjs'), configPath, group], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
    env: { ...process.env, NODE_OPTIONS: '' },
  })
  if (r.status !== 0) {
    throw new Error(`bench: group ${group} failed on ${runtime.label}:\n${r.stderr || r.error?.message}`)
  }
  return JSON.parse(r.stdout.trim().split('\n').at(-1))
}

function runPython(rounds, time) {
  const r = spawnSync('python3', [join(ROOT, 'bench', 'contextlib_bench.py'), '--repeat', String(Math.max(5, rounds)), '--target-ms', String(time)], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  if (r.status !== 0) {
    log(`bench: CPython skipped (${(r.stderr || r.error?.message || '').trim().split('\n').at(-1)})`)
    return undefined
  }
  return JSON.parse(r.stdout)
}

// bench/proxy.ts: the tcp-proxy example against a direct connection to the
// same echo server, on the node that runs this script (it runs TypeScript
// through tsx, as the examples do). Its PASS/FAIL lines join the targets.
function runProxyBench() {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'proxy.ts'), '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
    timeout: 360_000,
  })
  if (r.status !== 0) {
    log(`bench: proxy skipped (${(r.stderr || r.error?.message || '').trim().split('\n').at(-1)})`)
    return undefined
  }
  const lines = r.stdout.trim().split('\n')
  return { report: lines.slice(0, -1), result: JSON.parse(lines.at(-1)) }
}

const opts = parseArgs(process.argv.slice(2))
const started = Date.now()
mkdirSync(TMP, { recursive: true })
const before = machine()
const cpuBefore = cpuTimes()
const pkg = await buildPackage(opts.dist, opts.src)
const using = await compileUsing()
const runtimes = await resolveRuntimes(opts.runtimes)
const configPath = join(TMP, 'config.json')
writeFileSync(
  configPath,
  JSON.stringify({
    paths: { lib: pkg.lib, ponyfill: pkg.ponyfill, lowered: using.lowered, native: using.native },
    rounds: opts.rounds,
    timePerRoundMs: opts.time,
    warmupMs: opts.warmup,
  }),
)

const results = { runtimes: [], python: undefined }
for (const runtime of runtimes) {
  const groups = {}
  for (const group of opts.groups) {
    const t0 = Date.now()
    groups[group] = runWorker(runtime, group, configPath)
    log(`bench: ${runtime.label} ${group} (${((Date.now() - t0) / 1000).toFixed(1)} s)`)
  }
  results.runtimes.push({ ...runtime, groups })
}
if (opts.python) {
  const t0 = Date.now()
  results.python = runPython(opts.rounds, opts.time)
  log(`bench: ${results.python ? `CPython ${results.python.runtime.version}` : 'CPython'} (${((Date.now() - t0) / 1000).toFixed(1)} s)`)
}

if (opts.proxy) {
  const t0 = Date.now()
  results.proxy = runProxyBench()
  log(`bench: proxy (${((Date.now() - t0) / 1000).toFixed(1)} s)`)
}

const after = machine()
const cpuAfter = cpuTimes()
const busy = cpuBefore && cpuAfter ? 1 - (cpuAfter.idle - cpuBefore.idle) / (cpuAfter.total - cpuBefore.total) : undefined
const header = [
  `machine: ${before.cpu}, ${before.cores} cores${before.mhz ? ` @ ${before.mhz} MHz` : ''}, ${before.memoryGiB} GiB, ${before.os}`,
  `load average: ${before.loadavg.join(' ')} at start, ${after.loadavg.join(' ')} at end; CPUs ${busy === undefined ? '?' : `${Math.round(busy * 100)}%`} busy during the run, of which the benchmark is at most ${Math.round(100 / before.cores)}% (a shared machine: read ± before trusting a row)`,
  `runtimes: ${runtimes.map((r) => `${r.label} (V8 ${Object.values(results.runtimes.find((x) => x.bin === r.bin)?.groups ?? {})[0]?.runtime.v8 ?? '?'}; ${flagsFor(r).join(' ')})`).join(', ')}${results.python ? `, CPython ${results.python.runtime.version}` : ''}`,
  `package: ${pkg.from}; ponyfill ${pkg.ponyfill ? 'present' : 'absent (src/ponyfill/index.ts missing: its cases are skipped)'}`,
  `method: mitata, ${opts.rounds} interleaved rounds × ${opts.time} ms per case after ${opts.warmup} ms warm-up, each group in a fresh process; median = median of the rounds' medians; ± = half the range of the rounds' medians; ×ref = median of the per-round ratios to the reference`,
]
const targets = evaluateTargets(results)
if (results.proxy) {
  for (const line of results.proxy.report) {
    const m = /^\s*(PASS|FAIL)\s+(.*)$/.exec(line)
    if (m) targets.push({ id: 'proxy', status: m[1], text: `${m[2]} (examples/tcp-proxy)` })
  }
}
const report = [
  ...header,
  '',
  renderTable(results),
  '',
  renderScaling(results),
  '',
  ...(results.proxy ? [...results.proxy.report.filter((line) => !/^\s*(PASS|FAIL)\s/.test(line)), ''] : []),
  'targets (issue 5):',
  ...targets.map((t) => `  ${t.status.padEnd(4)}  ${t.text}`),
  '',
  `targets: ${targets.filter((t) => t.status === "PASS").length} pass, ${targets.filter((t) => t.status === "FAIL").length} fail, ${targets.filter((t) => t.status === "SKIP").length} skipped; run took ${((Date.now() - started) / 1000).toFixed(0)} s`,
].join('\n')
process.stdout.write(`${report}\n`)

const jsonPath = join(ROOT, '.tmp', 'bench.json')
writeFileSync(
  jsonPath,
  `${JSON.stringify({ date: new Date().toISOString(), machine: { before, after }, options: opts, package: pkg.from, targets, targetsSpec: TARGETS, results }, null, 2)}\n`,
)
log(`bench: wrote ${jsonPath}`)
