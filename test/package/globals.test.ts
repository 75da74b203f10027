/**
 * Only `ctxlib/polyfill` touches globals, and it adds only what the host is
 * missing, as built-ins are defined, never replacing what is there. Checked
 * in child processes (a fresh realm each) with the installed tarball, on
 * Node 20 (no DisposableStack, Node's own dispose symbols) and on Node 24
 * (everything native).
 */
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ensureRuntime } from '../../scripts/runtime.mjs'
import { installConsumer, packTarball, runJson, scratchDir, writeFiles } from './helpers.js'
import { programs } from './programs.js'

interface GlobalsReport {
  missing: string[]
  added: string[]
  removed: string[]
  changed: string[]
  descriptors: Record<string, { writable?: boolean; enumerable: boolean; configurable: boolean }>
  fromPonyfill: Record<string, boolean> | null
}

const scratch = scratchDir('package-globals')
const consumer = join(scratch.path, 'consumer')

beforeAll(() => {
  installConsumer(consumer, packTarball(scratch.path))
  writeFiles(consumer, programs)
}, 120_000)

afterAll(() => {
  scratch.dispose()
})

/** Each Node, and what a polyfill of this proposal would find missing there. */
const nodes: [string, () => string, string[]][] = [
  [
    'Node 20',
    () => ensureRuntime('node', 20),
    [
      'AsyncIterator.prototype [nodejs.asyncDispose]',
      'Iterator.prototype [nodejs.dispose]',
      'globalThis AsyncDisposableStack',
      'globalThis DisposableStack',
      'globalThis SuppressedError',
    ],
  ],
  ['Node 24', () => ensureRuntime('node', 24), []],
]
const hows = ['import', 'require'] as const

describe.each(nodes)('globals on %s', (_name, binary, missing) => {
  beforeAll(() => {
    binary() // installs it on first use, outside the tests' own time limit
  }, 300_000)

  const probe = async (how: string, entry: string, preinstall = ''): Promise<GlobalsReport> =>
    (await runJson(binary(), ['globals.mjs', how, entry, preinstall], consumer)) as GlobalsReport

  it('sees no change when nothing is loaded (the probe itself is quiet)', async () => {
    const report = await probe('import', 'none')
    expect(report).toMatchObject({ added: [], removed: [], changed: [] })
  })

  describe.each(hows)('through %s', (how) => {
    it.each(['ctxlib', 'ctxlib/ponyfill', 'ctxlib/node'])('%s adds, removes and changes no global', async (entry) => {
      const report = await probe(how, entry)
      expect(report).toMatchObject({ added: [], removed: [], changed: [] })
    })

    it('ctxlib/polyfill adds exactly what was missing, as built-ins are, from the ponyfill', async () => {
      const report = await probe(how, 'ctxlib/polyfill')
      expect(report.added).toEqual(report.missing)
      expect(report.removed).toEqual([])
      expect(report.changed).toEqual([])
      for (const [key, descriptor] of Object.entries(report.descriptors)) {
        // Symbol.dispose/asyncDispose are like the well-known symbols: fixed.
        const expected = key.startsWith('Symbol ')
          ? { writable: false, enumerable: false, configurable: false }
          : { writable: true, enumerable: false, configurable: true }
        expect({ key, ...descriptor }).toEqual({ key, ...expected })
      }
      const installedClasses = Object.values(report.fromPonyfill ?? {})
      expect(installedClasses).toEqual(installedClasses.map(() => true))
    })

    it('ctxlib/polyfill never replaces a DisposableStack that is already there', async () => {
      const report = await probe(how, 'ctxlib/polyfill', 'fake-stack')
      expect(report.missing).not.toContain('globalThis DisposableStack')
      expect(report.added).toEqual(report.missing)
      expect(report.changed).toEqual([])
    })
  })

  it('finds what the host lacks: the stacks on Node 20, nothing on Node 24', async () => {
    const report = await probe('import', 'none')
    expect(report.missing).toEqual(missing)
  })
})
