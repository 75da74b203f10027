// `npm run test:runtimes`: the runtime matrix. Packs the built package,
// installs the tarball into a fresh project (.tmp/runtimes-consumer), and runs
// the smoke suite (test/runtimes/) on Node 20, 22, 24 and 26, Bun and Deno (all
// installed from the npm registry by scripts/runtime.mjs) and, for the
// browser-safe entries bundled by esbuild, in headless Chromium (Debian's
// `chromium`, driven by playwright-core). Prints a table and a closing
// `N passed, N failed` line; exits 1 on any failure.
//
//   node scripts/test-runtimes.mjs [--only node20,bun,chromium]
//
// CHROMIUM_PATH overrides /usr/bin/chromium.
import { execFile, execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import { ensureRuntime } from './runtime.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const CONSUMER = join(ROOT, '.tmp', 'runtimes-consumer')
const SLEEP = 'setInterval(() => {}, 1000)'

/** Every runtime of the matrix: how to start the smoke suite and what its host offers. */
const RUNTIMES = [
  ...[20, 22, 24, 26].map((major) => ({
    name: `node${major}`,
    label: `Node ${major}`,
    binary: () => ensureRuntime('node', major),
    args: (host) => ['smoke.mjs', JSON.stringify(host)],
    // V8 parses `using` from Node 24 on.
    host: { usingSyntax: major >= 24, sleepArgs: ['-e', SLEEP] },
  })),
  {
    name: 'bun',
    label: 'Bun 1',
    binary: () => ensureRuntime('bun', 1),
    args: (host) => ['smoke.mjs', JSON.stringify(host)],
    host: { usingSyntax: true, sleepArgs: ['-e', SLEEP] },
  },
  {
    name: 'deno',
    label: 'Deno 2',
    binary: () => ensureRuntime('deno', 2),
    args: (host) => ['run', '--allow-all', '--no-lock', 'smoke.mjs', JSON.stringify(host)],
    host: { usingSyntax: true, sleepArgs: ['eval', SLEEP] },
  },
]

function parseSummary(output) {
  const match = /^(\d+) passed, (\d+) failed$/m.exec(output)
  return match === null ? null : { passed: Number(match[1]), failed: Number(match[2]) }
}

function run(binary, args, env = {}) {
  return new Promise((resolvePromise) => {
    execFile(binary, args, { cwd: CONSUMER, env: { ...process.env, ...env }, timeout: 300_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolvePromise({ code: error === null ? 0 : (error.code ?? 1), output: stdout + stderr })
    })
  })
}

/** Packs dist/ and installs the tarball into a fresh consumer project beside the suite's files. */
function prepareConsumer() {
  if (!existsSync(join(ROOT, 'dist', 'index.cjs'))) throw new Error('test-runtimes: dist/ is missing; run `npm run build` first')
  rmSync(CONSUMER, { recursive: true, force: true })
  mkdirSync(CONSUMER, { recursive: true })
  writeFileSync(join(CONSUMER, 'package.json'), JSON.stringify({ name: 'ctxlib-runtimes-consumer', private: true, type: 'module' }))
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', CONSUMER], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }))
  const tarball = join(CONSUMER, packed[0].filename)
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts', tarball], { cwd: CONSUMER, stdio: ['ignore', 'pipe', 'pipe'] })
  for (const file of ['checks.mjs', 'smoke.mjs', 'browser.mjs']) copyFileSync(join(ROOT, 'test', 'runtimes', file), join(CONSUMER, file))
}

async function runServerRuntime(runtime) {
  let binary
  try {
    binary = runtime.binary()
  } catch (error) {
    return { summary: null, output: `install failed: ${error.message}` }
  }
  // A fresh DENO_DIR: Deno caches what it compiled by path and mtime, and npm
  // gives every packed file the same mtime, so a rebuilt package would look unchanged.
  const env = { DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(CONSUMER, '.deno'), BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0', NO_COLOR: '1' }
  const { code, output } = await run(binary, runtime.args(runtime.host), env)
  const summary = parseSummary(output)
  return { summary, output, code }
}

async function runChromium() {
  const { build } = await import('esbuild')
  const { chromium } = await import('playwright-core')
  const bundle = await build({
    entryPoints: [join(CONSUMER, 'browser.mjs')],
    absWorkingDir: CONSUMER,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // Only reached on Node-like hosts (checks.mjs's Node section).
    external: ['node:*'],
    write: false,
    logLevel: 'silent',
  })
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  try {
    const page = await browser.newPage()
    const errors = []
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`))
    const version = browser.version()
    await page.setContent('<!doctype html><title>ctxlib smoke</title><body></body>')
    await page.addScriptTag({ content: bundle.outputFiles[0].text, type: 'module' })
    await page.waitForFunction(() => window.smokeResults !== undefined)
    const results = await page.evaluate(() => window.smokeResults)
    const lines = results.map(({ name, error }) => (error === undefined ? `ok - ${name}` : `not ok - ${name}: ${error}`))
    const failed = results.filter((r) => r.error !== undefined).length + errors.length
    lines.push(...errors.map((e) => `not ok - ${e}`), `${results.length - failed + errors.length} passed, ${failed} failed`)
    return { summary: { passed: results.length - failed + errors.length, failed }, output: lines.join('\n'), label: `Chromium ${version.split('.')[0]}` }
  } finally {
    await browser.close()
  }
}

async function main() {
  const onlyIndex = process.argv.indexOf('--only')
  const only = onlyIndex === -1 ? null : new Set(process.argv[onlyIndex + 1].split(','))
  const wanted = (name) => only === null || only.has(name)
  prepareConsumer()
  const rows = []
  for (const runtime of RUNTIMES.filter((r) => wanted(r.name))) {
    const result = await runServerRuntime(runtime)
    rows.push({ label: runtime.label, entries: 'all four', ...result })
  }
  if (wanted('chromium')) {
    let result
    try {
      result = await runChromium()
    } catch (error) {
      result = { summary: null, output: `Chromium failed: ${error.stack ?? error}` }
    }
    rows.push({ label: result.label ?? 'Chromium', entries: 'all but ctxlib/node', ...result })
  }

  let passed = 0
  let failed = 0
  for (const row of rows) {
    const bad = row.summary === null || row.summary.failed > 0 || (row.code !== undefined && row.code !== 0)
    if (bad) {
      console.log(`---- ${row.label}: failures`)
      console.log(row.output.split('\n').filter((line) => !line.startsWith('ok - ')).join('\n'))
    }
  }
  const table = [['runtime', 'entries', 'passed', 'failed']]
  for (const row of rows) {
    const p = row.summary?.passed ?? 0
    const f = row.summary === null ? 1 : row.summary.failed + (row.code !== undefined && row.code !== 0 && row.summary.failed === 0 ? 1 : 0)
    passed += p
    failed += f
    table.push([row.label, row.entries, String(p), row.summary === null ? `${f} (no result)` : String(f)])
  }
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)))
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`
  console.log(line(table[0]))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const row of table.slice(1)) console.log(line(row))
  console.log(`runtimes: ${passed} passed, ${failed} failed`)
  process.exitCode = failed === 0 && rows.length > 0 ? 0 : 1
}

await main()
