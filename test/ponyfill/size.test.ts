import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const BUDGET = 1500
const entry = fileURLToPath(new URL('../../src/ponyfill/index.ts', import.meta.url))

describe('ctxlib/ponyfill', () => {
  it(`fits in ${BUDGET} bytes minified and gzipped, all three classes included`, async () => {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2022',
      write: false,
      metafile: true,
    })
    const code = result.outputFiles[0]!.contents
    const gzipped = gzipSync(code, { level: 9 }).length
    console.log(`ctxlib/ponyfill: ${code.length} bytes minified, ${gzipped} bytes gzipped (budget ${BUDGET})`)
    const [output] = Object.values(result.metafile.outputs)
    expect([...output!.exports].sort()).toEqual([
      'AsyncDisposableStack',
      'DisposableStack',
      'SuppressedError',
    ])
    expect(gzipped).toBeLessThanOrEqual(BUDGET)
  })
})
