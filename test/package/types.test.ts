/**
 * The published declarations type-check in consumer projects as people set
 * them up: `moduleResolution` node16 (ES module and CommonJS files) and
 * bundler; with and without `esnext.disposable` in `lib`; a browser project
 * (`lib: dom`, no Node types) and a Node project (`@types/node`); always
 * `strict` with `skipLibCheck: false`. On the oldest TypeScript the README
 * claims (5.2, the first with `using`), the last compiler written in
 * TypeScript (6.0), and the native one that `npm install typescript` gives
 * (7.0).
 */
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sourceFiles } from './consumer-sources.js'
import { ROOT, ensureTypeScript, installConsumer, packTarball, run, scratchDir, writeFiles } from './helpers.js'

/** The oldest TypeScript that the README claims, the last JavaScript compiler, and the newest. */
const TYPESCRIPT_VERSIONS = ['5.2', '6.0', '7.0'] as const

interface Project {
  name: string
  options: Record<string, unknown>
  files: string[]
}

/** Every tsconfig of the matrix, for one TypeScript version. */
function projects(): Project[] {
  const result: Project[] = []
  for (const resolution of ['node16', 'bundler'] as const) {
    for (const env of ['browser', 'node'] as const) {
      for (const disposable of [false, true]) {
        const lib = ['es2022', ...(env === 'browser' ? ['dom'] : []), ...(disposable ? ['esnext.disposable'] : [])]
        const sets = ['core', ...(disposable ? ['using'] : []), ...(env === 'node' ? ['node'] : [])]
        const files =
          resolution === 'node16'
            ? sets.flatMap((set) => [`${set}.mts`, `${set}.cts`])
            : sets.map((set) => `${set}.ts`)
        result.push({
          name: `${resolution}-${env}-${disposable ? 'disposable' : 'es2022'}`,
          files,
          options: {
            target: 'es2022',
            lib,
            module: resolution === 'node16' ? 'node16' : 'esnext',
            moduleResolution: resolution,
            // A browser project has no Node types; a Node project takes this repository's @types/node.
            types: env === 'node' ? ['node'] : [],
            ...(env === 'node' ? { typeRoots: [join(ROOT, 'node_modules', '@types')] } : {}),
          },
        })
      }
    }
  }
  return result
}

const common = { strict: true, exactOptionalPropertyTypes: true, skipLibCheck: false, noEmit: true }

const scratch = scratchDir('package-types')
const consumer = join(scratch.path, 'consumer')

beforeAll(() => {
  installConsumer(consumer, packTarball(scratch.path))
  for (const set of ['core', 'using', 'node', 'forbidden'] as const) {
    writeFiles(consumer, { ...sourceFiles(set, 'esm'), ...sourceFiles(set, 'cjs'), ...sourceFiles(set, 'ts') })
  }
  const configs: Record<string, string> = {}
  for (const project of projects()) {
    configs[`tsconfig.${project.name}.json`] = JSON.stringify({ compilerOptions: { ...common, ...project.options }, files: project.files })
  }
  for (const resolution of ['node16', 'bundler'] as const) {
    configs[`tsconfig.forbidden-${resolution}.json`] = JSON.stringify({
      compilerOptions: { ...common, lib: ['es2022'], types: [], module: resolution === 'node16' ? 'node16' : 'esnext', moduleResolution: resolution },
      files: [resolution === 'node16' ? 'forbidden.mts' : 'forbidden.ts'],
    })
  }
  writeFiles(consumer, configs)
}, 120_000)

afterAll(() => {
  scratch.dispose()
})

describe.each(TYPESCRIPT_VERSIONS)('the published types on TypeScript %s', (version) => {
  let tsc = ''
  beforeAll(() => {
    tsc = ensureTypeScript(version)
  }, 300_000)

  it('runs the TypeScript it names', async () => {
    const result = await run(process.execPath, [tsc, '--version'], consumer)
    expect(result.stdout).toContain(`Version ${version}.`)
  })

  it.each(projects().map((project) => project.name))('type-check in the %s project', async (name) => {
    const result = await run(process.execPath, [tsc, '-p', `tsconfig.${name}.json`], consumer)
    expect(result.stdout + result.stderr).toBe('')
    expect(result.code).toBe(0)
  })

  it.each(['node16', 'bundler'])('reject a missing export and a deep import under %s', async (resolution) => {
    const result = await run(process.execPath, [tsc, '-p', `tsconfig.forbidden-${resolution}.json`], consumer)
    expect(result.code).not.toBe(0)
    expect(result.stdout).toMatch(/error TS2305: Module '"ctxlib"' has no exported member 'notAnExport'/)
    expect(result.stdout).toMatch(/error TS2307: Cannot find module 'ctxlib\/dist\/index\.js'/)
  })
})
