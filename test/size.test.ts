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
import * as ctxlibNode from '../src/node/index.js'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** 10,623 B when set, + 15 %. The README quotes this figure. */
const WHOLE_ENTRY_CEILING = 12250

/** `ctxlib/node` whole: 9,225 B when set, + 15 %. */
const WHOLE_NODE_ENTRY_CEILING = 10650

/** Measured alone when set, + 15 %, rounded up to 50 B. */
const EXPORT_CEILINGS: Readonly<Record<string, number>> = {
  AbortOnExit: 400, // 322 B
  AsyncContextDecorator: 2450, // 2,089 B
  AsyncDisposableStack: 1600, // 1,363 B
  AsyncExitStack: 2750, // 2,372 B
  AsyncGeneratorContextManager: 3150, // 2,711 B
  Concurrently: 750, // 634 B
  ContextDecorator: 2450, // 2,111 B
  Deadline: 1250, // 1,063 B
  DisposableStack: 1500, // 1,271 B
  EventListenerRegistration: 600, // 488 B
  ExitStack: 2700, // 2,317 B
  GeneratorContextManager: 2950, // 2,524 B
  Interval: 850, // 698 B
  ResourceLeakError: 450, // 379 B
  SuppressedError: 550, // 437 B
  TaskGroup: 1500, // 1,289 B
  TimeoutError: 250, // 179 B
  Timer: 800, // 658 B
  abortOnExit: 400, // 333 B
  asyncClosing: 500, // 416 B
  asyncContextManager: 3350, // 2,876 B
  asyncDefer: 650, // 523 B
  closing: 600, // 480 B
  concurrently: 750, // 649 B
  contextManager: 3150, // 2,713 B
  deadline: 1250, // 1,072 B
  defer: 650, // 524 B
  eventListener: 1400, // 1,189 B
  flattenErrors: 750, // 633 B
  formatError: 2150, // 1,847 B
  interval: 850, // 716 B
  isAsyncContextManager: 200, // 140 B
  isAsyncDisposable: 250, // 188 B
  isContextManager: 200, // 135 B
  isDisposable: 250, // 188 B
  nullContext: 200, // 149 B
  suppress: 600, // 498 B when set; 545 B once it shared the duck-test
  taskGroup: 1500, // 1,301 B
  timeout: 950, // 823 B
  timer: 800, // 673 B
  trackUnclosed: 900, // 755 B
  withAsyncContext: 2350, // 2,016 B
  withContext: 2350, // 2,032 B
}

/** The same for `ctxlib/node`, bundled for Node (its built-ins external). */
const NODE_EXPORT_CEILINGS: Readonly<Record<string, number>> = {
  AtomicWrite: 2600, // 2,230 B
  Chdir: 350, // 301 B
  Connect: 1850, // 1,605 B
  LeakCheck: 3600, // 3,116 B
  Listen: 1950, // 1,680 B
  OpenFile: 1300, // 1,101 B
  OpenFileSync: 1300, // 1,099 B
  Redirect: 450, // 379 B
  ShutdownSignal: 1550, // 1,329 B
  ShutdownSignalError: 1550, // 1,329 B
  Spawn: 2450, // 2,129 B
  TempDir: 800, // 679 B
  TempDirSync: 800, // 680 B
  atomicWrite: 2600, // 2,241 B
  chdir: 400, // 313 B
  connect: 1900, // 1,616 B
  leakCheck: 3600, // 3,127 B
  listen: 1950, // 1,689 B
  openFile: 1300, // 1,113 B
  openFileSync: 1300, // 1,109 B
  redirectStderr: 500, // 418 B
  redirectStdout: 500, // 419 B
  shutdownSignal: 1550, // 1,340 B
  spawn: 2500, // 2,142 B
  tempDir: 800, // 690 B
  tempDirSync: 800, // 691 B
}

/** For an export with no line above: the heaviest export's ceiling, so nothing new may outweigh it unnoticed. */
const DEFAULT_EXPORT_CEILING = 3350

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
const lone = (name: string, path = 'src/index.ts'): string => `import { ${name} } from './${path}'; console.log(${name})`
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
    const node = await gzippedSize(entry('src/node/index.ts'), 'node')
    record('ctxlib/node (src/node/index.ts)', node, `${String(WHOLE_NODE_ENTRY_CEILING)} B`)
    expect(node).toBeLessThanOrEqual(WHOLE_NODE_ENTRY_CEILING)
    // The other entries, for the report (ctxlib/ponyfill's ceiling is in test/ponyfill/size.test.ts).
    record('ctxlib/ponyfill (src/ponyfill/index.ts)', await gzippedSize(entry('src/ponyfill/index.ts')))
    record('ctxlib/polyfill (src/polyfill.ts)', await gzippedSize(`import './src/polyfill.ts'`, 'neutral', true))
  })

  it('keeps every export, imported alone, within its own ceiling', async () => {
    const over: string[] = []
    const onDefault: string[] = []
    const stale: string[] = []
    const entries = [
      ['src/index.ts', ctxlib, EXPORT_CEILINGS, 'neutral'],
      ['src/node/index.ts', ctxlibNode, NODE_EXPORT_CEILINGS, 'node'],
    ] as const
    for (const [path, module, ceilings, platform] of entries) {
      const names = Object.keys(module).sort()
      for (const name of names) {
        const ceiling = ceilings[name]
        const size = await gzippedSize(lone(name, path), platform)
        record(`import { ${name} } (${path})`, size, ceiling === undefined ? `${String(DEFAULT_EXPORT_CEILING)} B, the default` : `${String(ceiling)} B`)
        if (ceiling === undefined) onDefault.push(name)
        if (size > (ceiling ?? DEFAULT_EXPORT_CEILING)) over.push(`${name}: ${bytes(size)} > ${bytes(ceiling ?? DEFAULT_EXPORT_CEILING)}`)
      }
      // A ceiling for a name that is no longer exported is stale.
      stale.push(...Object.keys(ceilings).filter((name) => !names.includes(name)))
    }
    if (onDefault.length > 0) {
      console.log(`size: no ceiling of their own yet (held to ${bytes(DEFAULT_EXPORT_CEILING)}; add them to the ceilings in test/size.test.ts): ${onDefault.join(', ')}`)
    }
    expect(over, 'exports over their ceiling').toEqual([])
    expect(stale, 'ceilings of removed exports').toEqual([])
    console.log(`bundle sizes (esbuild, ESM, minified, gzip -9):\n${report.map((line) => `  ${line}`).join('\n')}`)
  })

  it('is what the README quotes', () => {
    const quote = `under ${bytes(WHOLE_ENTRY_CEILING)}`
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8').includes(quote), `README.md says "${quote}"`).toBe(true)
  })
})
