import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { build, transform } from 'esbuild'
import { beforeAll, describe, expect, it } from 'vitest'

import { ensureRuntime } from '../../scripts/runtime.mjs'
import * as entry from '../../src/disposable-stack.js'
import * as ponyfill from '../../src/ponyfill/index.js'
import { useLeakCheck } from '../support/leaks.js'

useLeakCheck()
// esbuild's service process is shared by the whole run (and unref'd): started before the per-test checks, it is none of theirs.
beforeAll(() => transform(''))

const root = fileURLToPath(new URL('../..', import.meta.url))

describe("ctxlib's DisposableStack and AsyncDisposableStack", () => {
  it('are the ponyfill’s on a runtime without them (Node 20)', () => {
    expect(typeof (globalThis as { DisposableStack?: unknown }).DisposableStack).toBe('undefined')
    expect(entry.DisposableStack).toBe(ponyfill.DisposableStack)
    expect(entry.AsyncDisposableStack).toBe(ponyfill.AsyncDisposableStack)
  })

  it('are the runtime’s own where it has them (Node 24), read once at load', async () => {
    const node24 = ensureRuntime('node', 24)
    const dir = await mkdtemp(join(tmpdir(), 'ctxlib-entry-'))
    try {
      const bundle = await build({
        stdin: {
          contents: `import * as entry from ${JSON.stringify(join(root, 'src/disposable-stack.ts'))}
const native = [DisposableStack, AsyncDisposableStack]
globalThis.DisposableStack = class Later {}
console.log(JSON.stringify([entry.DisposableStack === native[0], entry.AsyncDisposableStack === native[1]]))`,
          resolveDir: root,
          loader: 'ts',
        },
        bundle: true,
        format: 'esm',
        platform: 'node',
        write: false,
        logLevel: 'silent',
      })
      await writeFile(join(dir, 'entry.mjs'), bundle.outputFiles[0]!.text)
      const output = await new Promise<string>((resolve) => {
        execFile(node24, [join(dir, 'entry.mjs')], { timeout: 60_000 }, (_error, stdout, stderr) => {
          resolve(stdout + stderr)
        })
      })
      expect(JSON.parse(output)).toEqual([true, true])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
