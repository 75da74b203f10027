import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import vm from 'node:vm'

import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ensureRuntime } from '../../scripts/runtime.mjs'
import { COMPILERS, compile, USING_SOURCE } from './compile.js'
import { expectedOutcome, type Outcome } from './scenarios.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const path = (relative: string): string => JSON.stringify(join(root, relative))

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ctxlib-interop-'))
  for (const compiler of COMPILERS) await writeFile(join(dir, `${compiler}.mjs`), await compile(compiler))
  await writeFile(join(dir, 'native.mjs'), USING_SOURCE)
})
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

const origins = {
  ctxlib: { logs: true, throws: true },
  'core-js': { logs: true, throws: true },
  node: { logs: false, throws: false },
}

/** Every compiler × origin pair with the outcome it must have. */
function expected(compilers: string[], names: (keyof typeof origins)[], globalSuppressedError: boolean): Record<string, Outcome> {
  const result: Record<string, Outcome> = {}
  for (const compiler of compilers) {
    for (const name of names) result[`${compiler} / ${name}`] = expectedOutcome(origins[name], globalSuppressedError)
  }
  return result
}

const shared = `
import { runScenarios, stackOrigin } from ${path('test/interop/scenarios.ts')}
import * as ponyfill from ${path('src/ponyfill/index.ts')}
import CoreDisposableStack from 'core-js-pure/actual/disposable-stack/index.js'
import CoreAsyncDisposableStack from 'core-js-pure/actual/async-disposable-stack/index.js'
async function runAll(forms, origins) {
  const results = {}
  for (const [compiler, scopes] of Object.entries(forms)) {
    for (const [name, origin] of Object.entries(origins)) results[compiler + ' / ' + name] = await runScenarios(scopes, origin)
  }
  return results
}
const stackOrigins = {
  ctxlib: stackOrigin(ponyfill),
  'core-js': stackOrigin({ DisposableStack: CoreDisposableStack, AsyncDisposableStack: CoreAsyncDisposableStack }),
}
`

/** A program for a Node process: loads the compiled modules from files (so Node parses the native form itself). */
async function nodeProgram(forms: string[]): Promise<string> {
  const imports = forms.map((form) => `${JSON.stringify(form)}: await load(${JSON.stringify(pathToFileURL(join(dir, `${form}.mjs`)).href)})`)
  const result = await build({
    stdin: {
      contents: `${shared}
import { nodeOrigin } from ${path('test/interop/node-origin.ts')}
// Loaded at run time, not bundled, so that Node itself parses the native form.
const load = (url) => import(url)
const forms = { ${imports.join(', ')} }
const results = await runAll(forms, { ...stackOrigins, node: nodeOrigin(${JSON.stringify(join(dir, 'native.mjs'))}) })
console.log(JSON.stringify({ node: process.version, symbol: String(Symbol.dispose), results }))`,
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'interop-entry.ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'esnext',
    write: false,
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}

function spawnNode(binary: string, file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(binary, [file], { timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
    })
  })
}

interface Report {
  node: string
  symbol: string
  results: Record<string, Outcome>
}

describe('using and await using, compiled by TypeScript, esbuild and Babel', () => {
  it('work on this Node (20) with its nodejs.dispose symbols, with ctxlib, core-js-pure and Node disposables', async () => {
    const file = join(dir, 'node20.mjs')
    await writeFile(file, await nodeProgram(COMPILERS))
    const { code, stdout, stderr } = await spawnNode(process.execPath, file)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const report = JSON.parse(stdout) as Report
    expect(report.node).toBe(process.version)
    expect(report.symbol).toBe('Symbol(nodejs.dispose)')
    expect(report.results).toEqual(expected(COMPILERS, ['ctxlib', 'core-js', 'node'], false))
  })

  it('work in a fresh realm with no dispose symbols at all once ctxlib/polyfill is loaded', async () => {
    const imports = COMPILERS.map((c) => `import * as ${c} from ${JSON.stringify(join(dir, `${c}.mjs`))}`)
    const result = await build({
      stdin: {
        // The polyfill comes first, as an application's first import would.
        contents: `import ${path('src/polyfill.ts')}
${imports.join('\n')}
${shared}
globalThis.interop = runAll({ ${COMPILERS.join(', ')} }, stackOrigins)`,
        resolveDir: root,
        loader: 'ts',
        sourcefile: 'interop-realm.ts',
      },
      bundle: true,
      format: 'iife',
      platform: 'neutral',
      mainFields: ['main'],
      target: 'es2022',
      // Keep the polyfill whatever package.json's sideEffects says about src/.
      ignoreAnnotations: true,
      write: false,
      logLevel: 'silent',
    })
    const context = vm.createContext({})
    expect(vm.runInContext('[typeof Symbol.dispose, typeof Symbol.asyncDispose, typeof SuppressedError]', context)).toEqual([
      'undefined',
      'undefined',
      'undefined',
    ])
    vm.runInContext(result.outputFiles[0]!.text, context)
    expect(vm.runInContext("Symbol.dispose === Symbol.for('Symbol.dispose')", context)).toBe(true)
    const results = (await (context as { interop: Promise<unknown> }).interop) as Record<string, Outcome>
    expect(JSON.parse(JSON.stringify(results))).toEqual(expected(COMPILERS, ['ctxlib', 'core-js'], true))
  })

  it('work natively and compiled on Node 24, with its well-known symbols and native SuppressedError', async () => {
    const node24 = ensureRuntime('node', 24)
    const file = join(dir, 'node24.mjs')
    await writeFile(file, await nodeProgram([...COMPILERS, 'native']))
    const { code, stdout, stderr } = await spawnNode(node24, file)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const report = JSON.parse(stdout) as Report
    expect(report.node).toMatch(/^v24\./)
    expect(report.symbol).toBe('Symbol(Symbol.dispose)')
    expect(report.results).toEqual(expected([...COMPILERS, 'native'], ['ctxlib', 'core-js', 'node'], true))
  })
})
