/**
 * `ctxlib/ponyfill`'s size budget: 1,412 B when set, + 15 %, rounded up to
 * the next 50 B (the rule of test/size.test.ts). The README quotes it.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const CEILING = 1650
const entry = fileURLToPath(new URL('../../src/ponyfill/index.ts', import.meta.url))
const readme = fileURLToPath(new URL('../../README.md', import.meta.url))
const bytes = (n: number): string => `${n.toLocaleString('en-US')} B`

describe('ctxlib/ponyfill', () => {
  it(`fits in ${bytes(CEILING)} minified and gzipped, all three classes included`, async () => {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2022',
      write: false,
      metafile: true,
      // `import '../dispose-globals.js'` is for its types only (see tsup.config.ts); any other warning fails.
      logLevel: 'silent',
      logOverride: { 'ignored-bare-import': 'silent' },
    })
    expect(result.warnings.map((w) => w.text)).toEqual([])
    const code = result.outputFiles[0]!.contents
    const gzipped = gzipSync(code, { level: 9 }).length
    console.log(`ctxlib/ponyfill: ${code.length} bytes minified, ${gzipped} bytes gzipped (ceiling ${CEILING})`)
    const [output] = Object.values(result.metafile.outputs)
    expect([...output!.exports].sort()).toEqual([
      'AsyncDisposableStack',
      'DisposableStack',
      'SuppressedError',
    ])
    expect(gzipped).toBeLessThanOrEqual(CEILING)
  })

  it('has the ceiling the README quotes', () => {
    const quote = `\`ctxlib/ponyfill\` under ${bytes(CEILING)}`
    expect(readFileSync(readme, 'utf8').includes(quote), `README.md says "${quote}"`).toBe(true)
  })
})
