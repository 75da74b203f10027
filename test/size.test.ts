import { existsSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * What a user's bundler ships for `source`: esbuild, ESM, minified, tree-shaken,
 * gzipped (level 9). `source` is a virtual entry resolved from the repository root.
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
  })
  const output = result.outputFiles[0]
  if (output === undefined) throw new Error('esbuild produced no output')
  return gzipSync(output.contents, { level: 9 }).length
}

const entry = (path: string): string => `export * from './${path}'`
const lone = (name: string): string => `import { ${name} } from './src/index.ts'; console.log(${name})`

const report: string[] = []
const record = (what: string, bytes: number, budget?: number): void => {
  report.push(`${what.padEnd(44)} ${String(bytes).padStart(6)} B${budget === undefined ? '' : ` (budget ${String(budget)} B)`}`)
}

// Budgets. A lone `suppress` meets the 500 B target. The whole entry does
// not meet the 4 KB target: it must carry the spec-exact DisposableStack,
// AsyncDisposableStack and SuppressedError (≈1.3 KB) for hosts that lack
// them, and both the sync and the async machinery; the README gives the
// figures. Its ceiling here stops it from growing unnoticed.
const WHOLE_ENTRY_CEILING = 8600

describe('bundle size (esbuild, minified, gzipped)', () => {
  let whole = 0

  it(`keeps the whole ctxlib entry within ${String(WHOLE_ENTRY_CEILING)} B`, async () => {
    whole = await gzippedSize(entry('src/index.ts'))
    record('ctxlib (src/index.ts)', whole, WHOLE_ENTRY_CEILING)
    expect(whole).toBeLessThanOrEqual(WHOLE_ENTRY_CEILING)
  })

  it('tree-shakes a lone `import { suppress }` to 500 B or less', async () => {
    const bytes = await gzippedSize(lone('suppress'))
    record('import { suppress }', bytes, 500)
    expect(bytes).toBeLessThanOrEqual(500)
  })

  it('tree-shakes every single named import to less than the whole entry', async () => {
    const entries: [string, string, 'neutral' | 'node'][] = [
      ['ctxlib/ponyfill (src/ponyfill/index.ts)', 'src/ponyfill/index.ts', 'neutral'],
      ['ctxlib/polyfill (src/polyfill.ts)', 'src/polyfill.ts', 'neutral'],
      ['ctxlib/node (src/node/index.ts)', 'src/node/index.ts', 'node'],
    ]
    for (const [what, path, platform] of entries) {
      if (!existsSync(join(ROOT, path))) continue
      const source = path === 'src/polyfill.ts' ? `import './${path}'` : entry(path)
      record(what, await gzippedSize(source, platform, path === 'src/polyfill.ts'))
    }
    const names = ['withContext', 'contextManager', 'ExitStack', 'AsyncExitStack', 'closing', 'nullContext', 'defer', 'timeout', 'flattenErrors']
    for (const name of names) {
      const bytes = await gzippedSize(lone(name))
      record(`import { ${name} }`, bytes)
      expect(bytes).toBeLessThan(whole)
    }
    console.log(`bundle sizes (esbuild, ESM, minified, gzip -9):\n${report.map((line) => `  ${line}`).join('\n')}`)
  })
})
