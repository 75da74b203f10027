import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ensureRuntime } from '../../scripts/runtime.mjs'
import { useLeakCheck } from '../support/leaks.js'

useLeakCheck()

const runner = fileURLToPath(new URL('conformance-runner.ts', import.meta.url))

function run(binary: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(binary, args, { timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
      resolve({ code, output: stdout + stderr })
    })
  })
}

describe('the conformance suite on Node 24', () => {
  let dir = ''
  let node24 = ''
  beforeAll(async () => {
    node24 = ensureRuntime('node', 24)
    dir = await mkdtemp(join(tmpdir(), 'ctxlib-conformance-'))
    // Minified, as a user's bundler would ship it: names must survive renaming.
    const bundle = await build({
      entryPoints: [runner],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      write: false,
      // `import '../dispose-globals.js'` is for its types only (see tsup.config.ts).
      logOverride: { 'ignored-bare-import': 'silent' },
    })
    await writeFile(join(dir, 'runner.mjs'), bundle.outputFiles[0]!.text)
  })
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('passes against the native classes and the ponyfill alike', async () => {
    const { code, output } = await run(node24, [join(dir, 'runner.mjs'), '--native'])
    expect(output).toMatch(/^ponyfill: \d+ passed, 0 failed$/m)
    expect(output).toMatch(/^native: \d+ passed, 0 failed$/m)
    expect(output).not.toContain('FAIL')
    expect(code).toBe(0)
  })
})
