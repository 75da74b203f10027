/**
 * Size budgets: what a user's bundler ships (esbuild, ESM, minified,
 * tree-shaken, gzip -9) for the whole `ctxlib` entry and for each of its
 * exports imported alone.
 *
 * Every ceiling is the size measured when the ceiling was set plus 15 %,
 * rounded up to the next 50 B: room for a fix or a sharper message, not for
 * a new feature's weight, which should come with its own look at the number.
 * The list of exports comes from the module itself, so an export added later
 * is measured too: until it gets its own line in EXPORT_CEILINGS it is held
 * to DEFAULT_EXPORT_CEILING, and the report names it.
 */
import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'
import * as ctxlib from '../src/index.js'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** 5,791 B when set, + 15 %. The README quotes this figure. */
const WHOLE_ENTRY_CEILING = 6700

/** Measured alone when set, + 15 %, rounded up to 50 B. */
const EXPORT_CEILINGS: Readonly<Record<string, number>> = {
  AsyncContextDecorator: 2150, // 1,850 B
  AsyncDisposableStack: 1450, // 1,224 B
  AsyncExitStack: 2500, // 2,146 B
  AsyncGeneratorContextManager: 2800, // 2,432 B
  ContextDecorator: 2150, // 1,845 B
  DisposableStack: 1350, // 1,131 B
  ExitStack: 2450, // 2,092 B
  GeneratorContextManager: 2550, // 2,207 B
  SuppressedError: 500, // 403 B
  TimeoutError: 250, // 179 B
  asyncClosing: 400, // 316 B
  asyncContextManager: 2900, // 2,514 B
  asyncDefer: 400, // 313 B
  closing: 350, // 287 B
  contextManager: 2700, // 2,319 B
  defer: 400, // 311 B
  flattenErrors: 650, // 564 B
  isAsyncContextManager: 200, // 138 B
  isAsyncDisposable: 250, // 180 B
  isContextManager: 200, // 133 B
  isDisposable: 250, // 180 B
  nullContext: 200, // 149 B
  suppress: 600, // 498 B
  timeout: 850, // 723 B
  withAsyncContext: 2050, // 1,777 B
  withContext: 2050, // 1,766 B
}

/** For an export with no line above: the heaviest export's ceiling, so nothing new may outweigh it unnoticed. */
const DEFAULT_EXPORT_CEILING = 2900

/**
 * esbuild's size of `source` (a virtual entry resolved from the repository
 * root). The modules' `import './dispose-globals.js'` is for its types only:
 * esbuild drops it as package.json `sideEffects` says, and that warning is
 * silenced here as in tsup.config.ts; any other warning fails the test.
 */
async function gzippedSize(source: string, platform: 'neutral' | 'node' = 'neutral', ignoreSideEffectsField = false): Promise<number> {
  const result = await build({
    stdin: { contents: source, resolveDir: ROOT, sourcefile: 'size-entry.ts', loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    platform,
    minify: true,
    treeShaking: true,
    external: platform === 'node' ? [...builtinModules, ...builtinModules.map((m) => `node:${m}`)] : [],
    // package.json lists the built polyfill (dist/) as the only side effect;
    // measuring its source needs the field ignored
    ignoreAnnotations: ignoreSideEffectsField,
    logLevel: 'silent',
    logOverride: { 'ignored-bare-import': 'silent' },
  })
  expect(result.warnings.map((w) => w.text)).toEqual([])
  const output = result.outputFiles[0]
  if (output === undefined) throw new Error('esbuild produced no output')
  return gzipSync(output.contents, { level: 9 }).length
}

const entry = (path: string): string => `export * from './${path}'`
const lone = (name: string): string => `import { ${name} } from './src/index.ts'; console.log(${name})`
const bytes = (n: number): string => `${n.toLocaleString('en-US')} B`

const report: string[] = []
const record = (what: string, size: number, ceiling?: string): void => {
  report.push(`${what.padEnd(44)} ${String(size).padStart(6)} B${ceiling === undefined ? '' : ` (ceiling ${ceiling})`}`)
}

describe('bundle size (esbuild, minified, gzipped)', () => {
  it(`keeps the whole ctxlib entry within ${bytes(WHOLE_ENTRY_CEILING)}`, async () => {
    const whole = await gzippedSize(entry('src/index.ts'))
    record('ctxlib (src/index.ts)', whole, `${String(WHOLE_ENTRY_CEILING)} B`)
    expect(whole).toBeLessThanOrEqual(WHOLE_ENTRY_CEILING)
    // The other entries, for the report (ctxlib/ponyfill's ceiling is in test/ponyfill/size.test.ts).
    const entries: [string, string, 'neutral' | 'node'][] = [
      ['ctxlib/ponyfill (src/ponyfill/index.ts)', 'src/ponyfill/index.ts', 'neutral'],
      ['ctxlib/polyfill (src/polyfill.ts)', 'src/polyfill.ts', 'neutral'],
      ['ctxlib/node (src/node/index.ts)', 'src/node/index.ts', 'node'],
    ]
    for (const [what, path, platform] of entries) {
      const source = path === 'src/polyfill.ts' ? `import './${path}'` : entry(path)
      record(what, await gzippedSize(source, platform, path === 'src/polyfill.ts'))
    }
  })

  it('keeps every export, imported alone, within its own ceiling', async () => {
    const names = Object.keys(ctxlib).sort()
    expect(names.length).toBeGreaterThanOrEqual(Object.keys(EXPORT_CEILINGS).length)
    const over: string[] = []
    const onDefault: string[] = []
    for (const name of names) {
      const ceiling = EXPORT_CEILINGS[name]
      const size = await gzippedSize(lone(name))
      record(`import { ${name} }`, size, ceiling === undefined ? `${String(DEFAULT_EXPORT_CEILING)} B, the default` : `${String(ceiling)} B`)
      if (ceiling === undefined) onDefault.push(name)
      if (size > (ceiling ?? DEFAULT_EXPORT_CEILING)) over.push(`${name}: ${bytes(size)} > ${bytes(ceiling ?? DEFAULT_EXPORT_CEILING)}`)
    }
    if (onDefault.length > 0) {
      console.log(`size: no ceiling of their own yet (held to ${bytes(DEFAULT_EXPORT_CEILING)}; add them to EXPORT_CEILINGS in test/size.test.ts): ${onDefault.join(', ')}`)
    }
    expect(over, 'exports over their ceiling').toEqual([])
    // A ceiling for a name that is no longer exported is stale.
    expect(Object.keys(EXPORT_CEILINGS).filter((name) => !names.includes(name)), 'ceilings of removed exports').toEqual([])
    console.log(`bundle sizes (esbuild, ESM, minified, gzip -9):\n${report.map((line) => `  ${line}`).join('\n')}`)
  })

  it('is what the README quotes', () => {
    const quote = `under ${bytes(WHOLE_ENTRY_CEILING)}`
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8').includes(quote), `README.md says "${quote}"`).toBe(true)
  })
})
