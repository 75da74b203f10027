// What `npm test` fetches from the npm registry on its first run, why, and
// how big: the one list. The test suite's global setup (test/global-setup.ts)
// fetches all of it before any test starts, announcing each download, then
// forbids fetching anything else (CTXLIB_NO_FETCH=1, see runtime.mjs), so a
// test cannot quietly need more than this list and the README's set-up
// section say. Everything lands in .tmp/ (gitignored) and is reused: a
// second run fetches nothing, and needs no registry.
//
//   node scripts/test-fetches.mjs          fetch what is missing, list all
//   node scripts/test-fetches.mjs --list   list only
//
// Sizes for Linux x64 (download / on disk), measured 2026-12.
import { existsSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import { RUNTIMES, ensureRuntime, ensureTypeScript, runtimeDir } from './runtime.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

export const TEST_FETCHES = [
  {
    what: 'Node 20',
    runtime: ['node', 20],
    size: '42 MB / 150 MB',
    why: 'the package as published on the oldest Node supported, in a process of its own (test/package/globals.test.ts)',
  },
  {
    what: 'Node 24',
    runtime: ['node', 24],
    size: '52 MB / 189 MB',
    why: 'a host with native `using` and DisposableStack (interop, polyfill, ponyfill conformance, package tests)',
  },
  {
    what: 'Bun 1',
    runtime: ['bun', 1],
    size: '51 MB / 103 MB',
    why: "leakCheck's refusal where async_hooks cannot see new resources (test/node/leak-check-input.test.ts)",
  },
  {
    what: 'Deno 2',
    runtime: ['deno', 2],
    size: '44 MB / 92 MB',
    why: "leakCheck's refusal on Deno, and the same leaks under Deno's own sanitizers (test/node/leak-check-comparison.test.ts)",
  },
  { what: 'TypeScript 5.2', typescript: '5.2', size: '7 MB / 40 MB', why: 'the oldest TypeScript the README claims (test/package/types.test.ts)' },
  { what: 'TypeScript 6.0', typescript: '6.0', size: '4 MB / 24 MB', why: 'the last compiler written in TypeScript (test/package/types.test.ts)' },
  { what: 'TypeScript 7.0', typescript: '7.0', size: '9 MB / 31 MB', why: 'the native compiler `npm install typescript` gives (test/package/types.test.ts)' },
]

/** Where an entry lives once fetched, relative to the repository root. */
function place(entry) {
  if (entry.runtime !== undefined) {
    const [name, version] = entry.runtime
    const spec = RUNTIMES[name]
    return relative(ROOT, join(runtimeDir(name, version), 'node_modules', ...spec.pkg.split('/'), spec.bin))
  }
  return relative(ROOT, join(ROOT, '.tmp', 'typescript', entry.typescript, 'node_modules', 'typescript', 'lib', 'tsc.js'))
}

/** Whether an entry is already in .tmp/. */
export function isFetched(entry) {
  return existsSync(join(ROOT, place(entry)))
}

/**
 * Fetches every entry not yet in .tmp/, one after the other, calling `log`
 * before each download. Returns the names of what it fetched.
 */
export function fetchAll(log) {
  const fetched = []
  for (const entry of TEST_FETCHES) {
    if (isFetched(entry)) continue
    log(`npm test: fetching ${entry.what} (${entry.size.replace(' / ', ' download, ')} on disk) into ${dirname(place(entry)).split('/node_modules')[0]}, once: ${entry.why}\n`)
    if (entry.runtime !== undefined) ensureRuntime(...entry.runtime)
    else ensureTypeScript(entry.typescript)
    fetched.push(entry.what)
  }
  return fetched
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const fetched = process.argv.includes('--list') ? [] : fetchAll((line) => process.stdout.write(line))
  for (const entry of TEST_FETCHES) {
    process.stdout.write(`${isFetched(entry) ? 'present' : 'missing'}  ${entry.what.padEnd(15)} ${entry.size.padEnd(16)} ${place(entry)}\n`)
  }
  process.stdout.write(`test-fetches: fetched ${fetched.length === 0 ? 'nothing' : fetched.join(', ')}\n`)
  if (TEST_FETCHES.some((entry) => !isFetched(entry)) && !process.argv.includes('--list')) process.exitCode = 1
}
