/**
 * The README's comparison row, measured: the same leaks under Deno's test
 * sanitizers (fixtures/deno-sanitizers.mjs, run by `deno test`), under
 * Jest's --detectOpenHandles (fixtures/jest/, run by `jest`) and under
 * leakCheck. Deno's sanitizers are off unless a test turns them on, do not
 * see node:net or node:fs resources, and fail an unref'd timer; leakCheck
 * sees the first two and lets the unref'd timer be. Jest passes the run and
 * prints only a server and a timer made before any await.
 */
import { execFile } from 'node:child_process'
import * as fs from 'node:fs'
import * as net from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'
import { promisify, stripVTControlCharacters } from 'node:util'
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

/** What `jest --detectOpenHandles` did with the fixtures in fixtures/jest/, one leak (or none) a file. */
interface JestOutcome {
  /** The run's exit code. */
  code: number
  /** The fixture files whose test passed. */
  passed: string[]
  /** The fixture file named in each reported handle's stack → the handle types Jest printed for it. */
  reported: Record<string, string[]>
}

async function underJest(): Promise<JestOutcome> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctxlib-jest-'))
  const jest = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js')
  const config = path.join('test', 'node', 'fixtures', 'jest', 'jest.config.cjs')
  // --forceExit: the leaked handles would keep Jest's process alive after its
  // report; the timeout kills it should it hang regardless.
  const args = [jest, '--config', config, '--cacheDirectory', path.join(dir, 'cache'), '--detectOpenHandles', '--forceExit']
  const options = {
    cwd: ROOT,
    timeout: 100_000,
    killSignal: 'SIGKILL' as const,
    env: { ...process.env, CTXLIB_JEST_DIR: dir, FORCE_COLOR: '0' },
  }
  let code = 0
  let stderr: string
  try {
    stderr = (await run(process.execPath, args, options)).stderr
  } catch (e) {
    const failed = e as { code: unknown; stderr: string; killed: boolean }
    if (failed.killed) throw new Error('jest did not end in time', { cause: e })
    code = typeof failed.code === 'number' ? failed.code : -1
    stderr = failed.stderr
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
  stderr = stripVTControlCharacters(stderr)
  const passed = [...stderr.matchAll(/^PASS \S*?([\w-]+\.test\.cjs)/gm)].map((match) => match[1] ?? '').sort()
  const reported: Record<string, string[]> = {}
  // The report follows "Jest has detected the following N open handle(s)";
  // each handle is a "●  TYPE" heading, then the creating code and its stack.
  const report = stderr.split(/^Jest has detected the following \d+ open handles?/m)[1] ?? ''
  for (const block of report.split(/^\s*● {2}/m).slice(1)) {
    const types = (block.split('\n')[0] ?? '').trim().split(',')
    const file = /([\w-]+\.test\.cjs):\d+:\d+/.exec(block)?.[1] ?? 'no fixture frame'
    reported[file] = [...(reported[file] ?? []), ...types].sort()
  }
  return { code, passed, reported }
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

describe('leakCheck beside Jest’s --detectOpenHandles', () => {
  it('Jest passes the run and names only the server and the timer made before any await', { timeout: 120_000 }, async () => {
    expect(await underJest()).toEqual({
      code: 0,
      passed: [
        'clean.test.cjs',
        'client-socket.test.cjs',
        'file-handle.test.cjs',
        'half-open-socket.test.cjs',
        'server.test.cjs',
        'timer-after-await.test.cjs',
        'timer.test.cjs',
        'unrefd-timer.test.cjs',
      ],
      // Not named: the client socket, the half-open socket, the timer made
      // after an await, the FileHandle; nor the unref'd timer, nor anything
      // of the clean test.
      reported: {
        'server.test.cjs': ['TCPSERVERWRAP'],
        'timer.test.cjs': ['Timeout'],
      },
    })
  })
})
