// Installs other JavaScript runtimes from the npm registry into a cache
// folder (.tmp/runtimes/<name><major>, gitignored) so that tests can spawn
// them, and other TypeScript versions into .tmp/typescript/<version>.
// Reused for every runtime the tests need: add a row to RUNTIMES, and what
// `npm test` needs to scripts/test-fetches.mjs.
//
//   import { ensureRuntime } from '../scripts/runtime.mjs'
//   const node24 = ensureRuntime('node', 24) // absolute path of the binary
//
// CLI: `node scripts/runtime.mjs node 24` prints the binary's path.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * How each runtime ships on the npm registry: the package to install (for a
 * given major version) and where its binary lands inside the package folder.
 * Only the current platform's package is installed (x64/arm64 Linux, macOS).
 */
const arch = process.arch === 'arm64' ? 'arm64' : 'x64'
const os = process.platform === 'darwin' ? 'darwin' : 'linux'
// The `bun` and `deno` packages bring their binaries as optionalDependencies
// (and a postinstall that only links them): install the platform package
// itself. Bun spells arm64 `aarch64`; Deno's Linux builds are `-glibc`.
const bunArch = arch === 'arm64' ? 'aarch64' : 'x64'
const denoOs = os === 'linux' ? `${os}-${arch}-glibc` : `${os}-${arch}`
export const RUNTIMES = {
  node: { pkg: `node-${os}-${arch}`, bin: 'bin/node' },
  bun: { pkg: `@oven/bun-${os}-${bunArch}`, bin: 'bin/bun' },
  deno: { pkg: `@deno/${denoOs}`, bin: 'deno' },
}

/** The folder a runtime version is cached in. */
export function runtimeDir(name, version) {
  return join(ROOT, '.tmp', 'runtimes', `${name}${version}`)
}

/**
 * The absolute path of `name`'s binary at `version` (a major like 24, or any
 * npm version range), installing it from the npm registry on first use with
 * `npm install --prefix <dir> <pkg>@<version> --no-save`. Throws when the
 * runtime is unknown or the install fails (so a test using it fails too).
 */
export function ensureRuntime(name, version) {
  const spec = RUNTIMES[name]
  if (spec === undefined) throw new TypeError(`ensureRuntime: unknown runtime ${String(name)}`)
  const dir = runtimeDir(name, version)
  const inside = join('node_modules', ...spec.pkg.split('/'), spec.bin)
  installOnce(dir, `${spec.pkg}@${version}`, inside)
  return join(dir, inside)
}

/**
 * The path of `tsc`'s script for a TypeScript version (e.g. `'5.2'`),
 * installed from the npm registry on first use into `.tmp/typescript/<version>`.
 */
export function ensureTypeScript(version) {
  const dir = join(ROOT, '.tmp', 'typescript', String(version))
  const inside = join('node_modules', 'typescript', 'lib', 'tsc.js')
  installOnce(dir, `typescript@${version}`, inside)
  return join(dir, inside)
}

/**
 * Installs `spec` into `dir` unless `dir/inside` is already there. With
 * CTXLIB_NO_FETCH=1 (set by the test suite's global setup once it has
 * fetched everything scripts/test-fetches.mjs declares) it throws instead,
 * so a test cannot fetch something undeclared behind the README's back.
 */
function installOnce(dir, spec, inside) {
  if (existsSync(join(dir, inside))) return
  if (process.env.CTXLIB_NO_FETCH === '1') {
    throw new Error(`${spec} is not in ${dir} and fetching is off: declare it in scripts/test-fetches.mjs (and the README's set-up section)`)
  }
  // Install beside the cache folder, then rename: test files running in
  // parallel may ask for the same package, and must never see half an install.
  const staging = `${dir}.installing-${process.pid}-${Date.now()}`
  mkdirSync(staging, { recursive: true })
  try {
    execFileSync('npm', ['install', '--prefix', staging, spec, '--no-save', '--no-audit', '--no-fund', '--no-package-lock'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 600_000,
    })
    if (!existsSync(join(staging, inside))) throw new Error(`${spec} installed, but ${inside} is missing`)
    try {
      renameSync(staging, dir)
    } catch (error) {
      if (!existsSync(join(dir, inside))) throw error // a parallel install may have won the race
    }
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [name = 'node', version = '24'] = process.argv.slice(2)
  process.stdout.write(`${ensureRuntime(name, version)}\n`)
}
