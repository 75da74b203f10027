/**
 * The example commands exactly as the READMEs print them, run through npm
 * (`npm run --silent`, so only the example's own output is on stdout).
 */
import { execFile } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDirSync } from '../../src/node/index.js'
import { guardResources } from '../node/helpers.js'
import { ROOT } from './proxy-harness.js'

guardResources()

const run = promisify(execFile)
const LESSONS = fs
  .readdirSync(path.join(ROOT, 'examples', 'teaching'))
  .filter((name) => /^\d\d-.+\.ts$/.test(name))
  .map((name) => name.replace(/\.ts$/, ''))

/** `npm run --silent <script> -- ...args`, started in `cwd` for this repository, with stdin at its end. */
function npmRun(cwd: string, script: string, args: readonly string[] = []): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile('npm', ['--prefix', ROOT, 'run', '--silent', script, '--', ...args], { cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error === null) resolve({ stdout, stderr })
      else reject(new Error(`npm run ${script} failed (${error.message}):\n${stdout}\n${stderr}`))
    })
    child.stdin?.end()
  })
}

let dir = ''
let cleanup: () => void = () => undefined
beforeEach(() => {
  const cm = tempDirSync('ctxlib-npm-scripts-')
  dir = cm.enter()
  cleanup = () => cm.exit()
})
afterEach(() => {
  cleanup()
})

describe('npm run example:lesson', () => {
  it('lists every lesson when given none, and exits', async () => {
    const { stdout } = await npmRun(ROOT, 'example:lesson')
    expect(LESSONS).toHaveLength(11)
    for (const lesson of LESSONS) expect(stdout).toMatch(new RegExp(`^  ${lesson} +\\S`, 'm'))
  })

  it('runs the lesson it is given by path or by number, as the lesson itself prints it', async () => {
    const direct = await run(process.execPath, ['--import', 'tsx', 'examples/teaching/01-enter-exit.ts'], { cwd: ROOT })
    expect((await npmRun(ROOT, 'example:lesson', ['examples/teaching/01-enter-exit.ts'])).stdout).toBe(direct.stdout)
    expect((await npmRun(ROOT, 'example:lesson', ['01'])).stdout).toBe(direct.stdout)
  })
})

describe('npm run example:settings -- settings.json server.port 8080', () => {
  it('creates settings.json where the command was typed, then updates it', async () => {
    const first = await npmRun(dir, 'example:settings', ['settings.json', 'server.port', '8080'])
    expect(first.stdout).toBe('settings.json: created, set server.port\n')
    const second = await npmRun(dir, 'example:settings', ['settings.json', 'server.host', '"127.0.0.1"'])
    expect(second.stdout).toBe('settings.json: set server.host\n')
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8'))).toEqual({ server: { port: 8080, host: '127.0.0.1' } })
    expect(fs.readdirSync(dir)).toEqual(['settings.json'])
  })
})
