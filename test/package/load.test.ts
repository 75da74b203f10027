/**
 * The packed tarball, installed into a fresh project, loads through `import`
 * and through `require` for every entry, and both give the very same objects
 * (so `instanceof` never lies), in whichever order a program loads them.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ensureRuntime } from '../../scripts/runtime.mjs'
import { ENTRIES, ROOT, installConsumer, packTarball, packageVersion, runJson, scratchDir, writeFiles } from './helpers.js'
import { programs } from './programs.js'

interface EntryReport {
  entry: string
  esmNames: string[]
  cjsNames: string[]
  differing: string[]
  defaultIsModuleExports: boolean
  resolved: string
}
interface LoadReport {
  reports: EntryReport[]
  checks: { what: string; ok: boolean | string }[]
}

const scratch = scratchDir('package-load')
const consumer = join(scratch.path, 'consumer')
/** The entries' names in the ESM build, which is what bundlers and browsers get. */
const esmBuildNames = new Map<string, string[]>()

beforeAll(async () => {
  installConsumer(consumer, packTarball(scratch.path))
  writeFiles(consumer, programs)
  const files: Record<string, string> = { ctxlib: 'index', 'ctxlib/ponyfill': 'ponyfill', 'ctxlib/polyfill': 'polyfill', 'ctxlib/node': 'node' }
  for (const entry of ENTRIES) {
    const module = (await import(pathToFileURL(join(ROOT, 'dist', `${files[entry] ?? ''}.js`)).href)) as Record<string, unknown>
    esmBuildNames.set(entry, Object.keys(module).sort())
  }
}, 120_000)

afterAll(() => {
  scratch.dispose()
})

const nodes: [string, () => string][] = [
  [`Node ${process.versions.node} (this one)`, () => process.execPath],
  ['Node 24', () => ensureRuntime('node', 24)],
]

describe.each(nodes)('the installed package on %s', (_name, binary) => {
  describe.each([
    ['an ES module that imports first, then requires', 'esm-main.mjs'],
    ['a CommonJS module that requires first, then imports', 'cjs-main.cjs'],
  ])('loaded by %s', (_how, program) => {
    let report: LoadReport = { reports: [], checks: [] }
    beforeAll(async () => {
      report = (await runJson(binary(), [program, JSON.stringify(ENTRIES)], consumer)) as LoadReport
    }, 300_000)

    it.each(ENTRIES)('gives %s the same names through import and require, the names of the ESM build', (entry) => {
      const found = report.reports.find((r) => r.entry === entry)
      expect(found).toBeDefined()
      expect(found?.esmNames).toEqual(found?.cjsNames)
      expect(found?.esmNames).toEqual(esmBuildNames.get(entry))
      if (entry !== 'ctxlib/polyfill') expect(found?.esmNames.length).toBeGreaterThan(0)
    })

    it.each(ENTRIES)('gives %s the very same objects through import and require', (entry) => {
      const found = report.reports.find((r) => r.entry === entry)
      expect(found?.differing).toEqual([])
      expect(found?.defaultIsModuleExports).toBe(true)
    })

    it.each(ENTRIES)('resolves %s to the CommonJS build under Node, whichever way it is loaded', (entry) => {
      const found = report.reports.find((r) => r.entry === entry)
      expect(found?.resolved).toMatch(/\/node_modules\/ctxlib\/dist\/[a-z]+\.cjs$/)
    })

    it('makes instances that are instanceof the other way\'s classes, errors included', () => {
      expect(report.checks.length).toBeGreaterThanOrEqual(24)
      expect(report.checks.filter((check) => check.ok !== true)).toEqual([])
    })
  })

  it('refuses paths that exports does not list, and serves package.json', async () => {
    const codes = await runJson(binary(), ['deep-import.mjs'], consumer)
    expect(codes).toEqual({
      'require ctxlib/dist/index.cjs': 'ERR_PACKAGE_PATH_NOT_EXPORTED',
      'import ctxlib/dist/index.cjs': 'ERR_PACKAGE_PATH_NOT_EXPORTED',
      'require ctxlib/dist/index.js': 'ERR_PACKAGE_PATH_NOT_EXPORTED',
      'import ctxlib/dist/index.js': 'ERR_PACKAGE_PATH_NOT_EXPORTED',
      'require ctxlib/src/index.ts': 'ERR_PACKAGE_PATH_NOT_EXPORTED',
      'import ctxlib/src/index.ts': 'ERR_PACKAGE_PATH_NOT_EXPORTED',
      version: packageVersion(ROOT),
    })
  })
})
