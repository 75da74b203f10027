import { builtinModules } from 'node:module'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** What a user's bundler ships for `source`: esbuild, ESM, minified, tree-shaken, gzipped (level 9). */
async function gzippedSize(source: string, platform: 'neutral' | 'node'): Promise<number> {
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
    logLevel: 'silent',
  })
  const output = result.outputFiles[0]
  if (output === undefined) throw new Error('esbuild produced no output')
  return gzipSync(output.contents, { level: 9 }).length
}

// Ceilings (gzip bytes) for each lifecycle export imported alone: each
// carries only its own file and the small helpers it uses, never the rest of
// the entry. Each ceiling is about 1.25× the size measured when it was set; they stop growth
// going unnoticed.
const LONE: [name: string, entry: string, platform: 'neutral' | 'node', ceiling: number][] = [
  ['taskGroup', 'src/index.ts', 'neutral', 1500],
  ['abortOnExit', 'src/index.ts', 'neutral', 450],
  ['eventListener', 'src/index.ts', 'neutral', 1300],
  ['timer', 'src/index.ts', 'neutral', 850],
  ['interval', 'src/index.ts', 'neutral', 900],
  ['concurrently', 'src/index.ts', 'neutral', 800],
  ['deadline', 'src/index.ts', 'neutral', 1300],
  ['shutdownSignal', 'src/node/index.ts', 'node', 1600],
]

describe('bundle size of the lifecycle exports (esbuild, minified, gzipped)', () => {
  it.each(LONE)('tree-shakes a lone `import { %s }` to its ceiling', async (name, entry, platform, ceiling) => {
    const bytes = await gzippedSize(`import { ${name} } from './${entry}'; console.log(${name})`, platform)
    console.log(`import { ${name} } from '${entry}': ${String(bytes)} B (ceiling ${String(ceiling)} B)`)
    expect(bytes).toBeLessThanOrEqual(ceiling)
  })

  it('keeps each lone lifecycle import well below the whole entry', async () => {
    const whole = await gzippedSize(`export * from './src/index.ts'`, 'neutral')
    for (const [name, entry, platform] of LONE.filter(([, e]) => e === 'src/index.ts')) {
      expect(await gzippedSize(`import { ${name} } from './${entry}'; console.log(${name})`, platform)).toBeLessThan(whole / 3)
    }
  })
})
