/**
 * Every example of Python's contextlib documentation (3.13) has a twin in
 * examples/python-docs: `NN-name.py` (the docs' code made runnable) and
 * `NN-name.ts` (ctxlib). Both must print the same story, on stdout and on
 * stderr alike. Pairs run two at a time: the machine may be shared.
 */
import { execFile, spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { homedir } from 'node:os'
import * as path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ROOT } from './proxy-harness.js'

const run = promisify(execFile)
const DIR = path.join(ROOT, 'examples', 'python-docs')
const COUNT = 32

/**
 * The newest Python that runs: python3.13 or python3.12 on PATH or in pyenv
 * (a pyenv shim on PATH may refuse to run when its version is not selected),
 * else python3, which must be 3.11 or later.
 */
function findPython(): string {
  const pyenvRoot = process.env.PYENV_ROOT ?? path.join(homedir(), '.pyenv')
  const versions = existsSync(path.join(pyenvRoot, 'versions')) ? readdirSync(path.join(pyenvRoot, 'versions')) : []
  const pyenv = ['3.13', '3.12'].flatMap((minor) =>
    versions
      .filter((v) => v.startsWith(`${minor}.`))
      .sort()
      .reverse()
      .map((v) => path.join(pyenvRoot, 'versions', v, 'bin', 'python3')),
  )
  for (const candidate of ['python3.13', 'python3.12', ...pyenv, 'python3']) {
    const probe = spawnSync(candidate, ['-c', 'import sys; print(sys.version_info >= (3, 11))'], { encoding: 'utf8' })
    if (probe.status === 0 && probe.stdout.trim() === 'True') return candidate
  }
  throw new Error('examples/python-docs: no python3.13, python3.12 or python3 >= 3.11 found; it is required, never skipped')
}

const PYTHON = findPython()

/** A gate letting `limit` runs at once. */
function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0
  const waiting: (() => void)[] = []
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve))
    active++
    try {
      return await task()
    } finally {
      active--
      waiting.shift()?.()
    }
  }
}
const gate = limiter(2)

const names = readdirSync(DIR)
  .filter((file) => /^\d\d-.*\.py$/.test(file))
  .map((file) => file.slice(0, -3))
  .sort()

interface Output {
  readonly stdout: string
  readonly stderr: string
}

const runPy = (name: string): Promise<Output> => run(PYTHON, [path.join(DIR, `${name}.py`)], { cwd: ROOT, env: { ...process.env, PYTHONIOENCODING: 'utf-8' } })
const runTs = (name: string): Promise<Output> => run(process.execPath, ['--import', 'tsx', path.join(DIR, `${name}.ts`)], { cwd: ROOT })

describe('examples/python-docs', () => {
  it(`has the ${String(COUNT)} pairs, numbered in the page's order`, () => {
    expect(names.map((name) => name.slice(0, 2))).toEqual(Array.from({ length: COUNT }, (_, i) => String(i + 1).padStart(2, '0')))
    for (const name of names) expect(existsSync(path.join(DIR, `${name}.ts`)), `${name}.ts`).toBe(true)
  })

  describe.concurrent.each(names)('%s', (name) => {
    it('prints the same story as its Python twin', { timeout: 180_000 }, async () => {
      const [python, ctxlib] = await gate(() => Promise.all([runPy(name), runTs(name)]))
      expect(python.stdout.length).toBeGreaterThan(0)
      expect(ctxlib.stdout).toBe(python.stdout)
      expect(ctxlib.stderr).toBe(python.stderr)
    })
  })
})
