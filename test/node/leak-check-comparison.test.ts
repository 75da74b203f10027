/**
 * The README's comparison row, measured: the same leaks under Deno's test
 * sanitizers (fixtures/deno-sanitizers.mjs, run by `deno test`) and under
 * leakCheck. Deno's sanitizers are off unless a test turns them on, do not
 * see node:net or node:fs resources, and fail an unref'd timer; leakCheck
 * sees the first two and lets the unref'd timer be.
 */
import { execFile } from 'node:child_process'
import * as fs from 'node:fs'
import * as net from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ensureRuntime } from '../../scripts/runtime.mjs'
import { withAsyncContext } from '../../src/index.js'
import { leakCheck } from '../../src/node/index.js'
import { guardResources } from './helpers.js'
import { leaksOf } from '../support/leaks.js'
import { ROOT } from '../examples/proxy-harness.js'

guardResources()

const run = promisify(execFile)

/** Which of the fixture's tests `deno test` failed: name → true when it reported a leak. */
async function underDeno(): Promise<Record<string, boolean>> {
  const deno = ensureRuntime('deno', 2)
  const fixture = path.join('test', 'node', 'fixtures', 'deno-sanitizers.mjs')
  let stdout: string
  try {
    stdout = (await run(deno, ['test', '-A', '--no-check', '--reporter=tap', fixture], { cwd: ROOT })).stdout
  } catch (e) {
    stdout = (e as { stdout: string }).stdout
  }
  const outcome: Record<string, boolean> = {}
  for (const match of stdout.matchAll(/^(not ok|ok) \d+ - (.*)$/gm)) outcome[match[2] ?? ''] = match[1] === 'not ok'
  return outcome
}

/** The same scenarios under leakCheck: name → true when it reported a leak. */
async function underLeakCheck(): Promise<Record<string, boolean>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctxlib-compare-'))
  const held: (() => Promise<unknown> | undefined)[] = []
  const scenarios: Record<string, () => Promise<void>> = {
    'node:net server': async () => {
      const server = net.createServer()
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      held.push(() => new Promise((resolve) => server.close(resolve)))
    },
    'node:fs FileHandle': async () => {
      const handle = await fs.promises.open(path.join(dir, 'f'), 'w')
      held.push(() => handle.close())
    },
    timer: async () => {
      const timer = setTimeout(() => undefined, 600_000)
      held.push(() => {
        clearTimeout(timer)
        return undefined
      })
    },
    "unref'd timer": async () => {
      const timer = setTimeout(() => undefined, 600_000).unref()
      held.push(() => {
        clearTimeout(timer)
        return undefined
      })
    },
    'nothing left open': async () => {
      clearTimeout(setTimeout(() => undefined, 600_000))
    },
  }
  const outcome: Record<string, boolean> = {}
  for (const [name, scenario] of Object.entries(scenarios)) {
    const error = await withAsyncContext(leakCheck(), scenario).then(
      () => undefined,
      (e: unknown) => e,
    )
    outcome[name] = leaksOf(error).length > 0
  }
  for (const release of held) await release()
  fs.rmSync(dir, { recursive: true, force: true })
  return outcome
}

describe('leakCheck beside Deno’s test sanitizers', () => {
  it('Deno (sanitizers on) misses node:net and node:fs resources and fails an unref’d timer; off by default', async () => {
    expect(await underDeno()).toEqual({
      'node:net server': false,
      'node:fs FileHandle': false,
      'Deno.open file': true,
      timer: true,
      "unref'd timer": true,
      'nothing left open': false,
      'Deno.open file, default options': false,
    })
  })

  it('leakCheck reports the server, the FileHandle and the timer, and lets the unref’d timer be', async () => {
    expect(await underLeakCheck()).toEqual({
      'node:net server': true,
      'node:fs FileHandle': true,
      timer: true,
      "unref'd timer": false,
      'nothing left open': false,
    })
  })
})
