/**
 * The README's leakCheck recipes, run unchanged by vitest and by node:test in
 * child processes (fixtures/leak-recipes.ts, whose leaking tests fail on
 * purpose): which tests fail, and with which leak.
 */
import { execFile } from 'node:child_process'
import * as path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { guardResources } from './helpers.js'
import { ROOT } from '../examples/proxy-harness.js'

guardResources()

const run = promisify(execFile)
const FIXTURE = path.join('test', 'node', 'fixtures', 'leak-recipes.ts')

/** `name → first line of its failure` ('' when it passed), from a child run that may exit non-zero. */
type Outcomes = Record<string, string>

async function settled(file: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  try {
    return (await run(file, args, { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 16 << 20 })).stdout
  } catch (e) {
    return (e as { stdout: string }).stdout
  }
}

async function underVitest(): Promise<Outcomes> {
  const config = path.join('test', 'node', 'fixtures', 'vitest.leak-recipes.config.ts')
  const stdout = await settled(process.execPath, [path.join('node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', config, '--reporter=json'])
  const report = JSON.parse(stdout) as { testResults: { assertionResults: { fullName: string; failureMessages: string[] }[] }[] }
  const outcomes: Outcomes = {}
  for (const test of report.testResults.flatMap((f) => f.assertionResults)) {
    const failure = test.failureMessages[0]
    outcomes[test.fullName] = failure === undefined ? '' : leakLine(failure)
  }
  return outcomes
}

async function underNodeTest(): Promise<Outcomes> {
  const stdout = await settled(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', FIXTURE], { LEAK_RUNNER: 'node' })
  const outcomes: Outcomes = {}
  let suite = ''
  let pending: string | undefined
  for (const line of stdout.split('\n')) {
    const subtest = /^ {4}(not ok|ok) \d+ - (.*)$/.exec(line)
    const top = /^# Subtest: (.*)$/.exec(line)
    if (top) suite = top[1] ?? ''
    if (subtest) {
      pending = `${suite} ${subtest[2] ?? ''}`
      outcomes[pending] = subtest[1] === 'ok' ? '' : 'failed'
    } else if (pending !== undefined && outcomes[pending] === 'failed' && / created at /.test(line)) {
      outcomes[pending] = leakLine(line)
    }
  }
  return outcomes
}

/** `TCPServer at leak-recipes.ts:26` from a `ResourceLeakError` message. */
function leakLine(text: string): string {
  const match = /(\w+) created at .*?leak-recipes\.ts:(\d+):\d+/.exec(text)
  return match ? `${match[1] ?? ''} at leak-recipes.ts:${match[2] ?? ''}` : text.split('\n')[0] ?? ''
}

const portable = {
  'await using recipe leaks an interval': 'Interval at leak-recipes.ts:58',
  'await using recipe clears its interval': '',
  'wrapper recipe leaks a server': 'TCPServer at leak-recipes.ts:26',
  'wrapper recipe closes its server': '',
}

describe('leakCheck recipes', () => {
  it('fail exactly the leaking tests under vitest, each with its kind and line (all three forms)', async () => {
    expect(await underVitest()).toEqual({
      'hooks recipe leaks a server': 'TCPServer at leak-recipes.ts:26',
      'hooks recipe closes its server': '',
      'hooks recipe leaks a timer made after an await': 'Timeout at leak-recipes.ts:50',
      ...portable,
    })
  })

  it('fail exactly the leaking tests under node:test with `await using` and the wrapper; its hooks run in their own async scope and see nothing', async () => {
    expect(await underNodeTest()).toEqual({
      'hooks recipe leaks a server': '',
      'hooks recipe closes its server': '',
      'hooks recipe leaks a timer made after an await': '',
      ...portable,
    })
  })
})
