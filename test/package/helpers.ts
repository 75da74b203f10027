/**
 * The published package as a consumer gets it: the built package is packed
 * with `npm pack`, and the tarball is installed (offline: ctxlib has no
 * dependencies) into fresh projects in the system temp folder, far from this
 * repository's node_modules, where real programs and compilers then run.
 * Compilers other than the project's own are installed once from the npm
 * registry into `.tmp/typescript/<version>` and reused.
 */
import { execFile, execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import { ensureTypeScript as ensureTypeScriptVersion } from '../../scripts/runtime.mjs'

export const ROOT: string = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Every entry point of package.json `exports` that holds code. */
export const ENTRIES = ['ctxlib', 'ctxlib/ponyfill', 'ctxlib/polyfill', 'ctxlib/node'] as const
export type Entry = (typeof ENTRIES)[number]

export interface RunResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs a program to its end and reports its exit code and output; never rejects. */
export function run(command: string, args: readonly string[], cwd: string): Promise<RunResult> {
  return new Promise((resolvePromise) => {
    execFile(command, args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1
      resolvePromise({ code, stdout, stderr })
    })
  })
}

/** Runs a program that prints one JSON document, and parses it; throws with its output when it fails. */
export async function runJson(command: string, args: readonly string[], cwd: string): Promise<unknown> {
  const result = await run(command, args, cwd)
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.code}:\n${result.stdout}\n${result.stderr}`)
  return JSON.parse(result.stdout) as unknown
}

/** A fresh folder in the system temp folder; `dispose` removes it. */
export function scratchDir(prefix: string): { path: string; dispose: () => void } {
  const path = mkdtempSync(join(tmpdir(), `ctxlib-${prefix}-`))
  return { path, dispose: () => rmSync(path, { recursive: true, force: true }) }
}

/**
 * Packs the built package into `into` and returns the tarball's path. Fails
 * when `dist/` is missing: `npm test` builds before it runs the tests.
 */
export function packTarball(into: string): string {
  if (!existsSync(join(ROOT, 'dist', 'index.cjs'))) throw new Error('packTarball: dist/ is missing; run `npm run build` first')
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', into], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[]
  if (info === undefined) throw new Error('packTarball: npm pack reported no tarball')
  // Every file that package.json points at must be in the tarball (a build
  // running at the same time can leave dist/ half written).
  const packed = new Set(info.files.map((file) => file.path))
  const missing = exportTargets().filter((target) => !packed.has(target))
  if (missing.length > 0) throw new Error(`packTarball: the tarball lacks ${missing.join(', ')}`)
  return join(into, info.filename)
}

/** Every file that package.json `exports`, `main`, `module` and `types` point at, without `./`. */
export function exportTargets(): string[] {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>
  const targets = new Set<string>()
  const visit = (value: unknown): void => {
    if (typeof value === 'string') targets.add(value.replace(/^\.\//, ''))
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit)
  }
  visit([manifest.exports, manifest.main, manifest.module, manifest.types, manifest.typesVersions])
  return [...targets].sort()
}

/**
 * Creates a consumer project in `dir` (its own package.json, so nothing above
 * it is its package scope) and installs `tarball` there, offline.
 */
export function installConsumer(dir: string, tarball: string, packageJson: Record<string, unknown> = {}): void {
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'ctxlib-consumer', private: true, ...packageJson }, null, 2))
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts', tarball], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/** Writes `files` (relative path → text) under `dir`. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
}

/**
 * The path of `tsc`'s script for a TypeScript version: `'project'` is the
 * project's own devDependency; any other version (e.g. `'5.2'`) is installed
 * from the npm registry on first use into `.tmp/typescript/<version>`
 * (declared in scripts/test-fetches.mjs).
 */
export function ensureTypeScript(version: string): string {
  if (version === 'project') return join(ROOT, 'node_modules', 'typescript', 'lib', 'tsc.js')
  return ensureTypeScriptVersion(version)
}

/** The `version` field of an installed package.json. */
export function packageVersion(packageDir: string): string {
  return (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version
}
