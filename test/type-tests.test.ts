/**
 * The type tests: every `test/**\/*.test-d.ts` compiled with the project's
 * own TypeScript under tsconfig.test.json's options, in one `tsc` run. Their
 * `expectTypeOf` assertions and `@ts-expect-error` lines are compile-time
 * checks, so a file passes when tsc reports no error in it (an unused
 * `@ts-expect-error` is an error too).
 */
import { execFile } from 'node:child_process'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const TSC = join(ROOT, 'node_modules', 'typescript', 'lib', 'tsc.js')
const FILES = readdirSync(join(ROOT, 'test'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test-d.ts'))
  .map((f) => `test/${f.split('\\').join('/')}`)
  .sort()

/** tsc's diagnostics (`file(line,col): error TSnnnn: …`), by file relative to the root. */
const errors = new Map<string, string[]>()

beforeAll(async () => {
  const dir = join(ROOT, '.tmp', 'type-tests')
  mkdirSync(dir, { recursive: true })
  const config = join(dir, 'tsconfig.json')
  writeFileSync(config, JSON.stringify({ extends: '../../tsconfig.test.json', include: [], files: FILES.map((f) => join('..', '..', f)) }))
  const output = await new Promise<string>((resolvePromise) => {
    execFile(process.execPath, [TSC, '-p', config, '--noEmit', '--pretty', 'false'], { cwd: ROOT, maxBuffer: 64 << 20 }, (_error, stdout, stderr) => {
      resolvePromise(stdout + stderr)
    })
  })
  for (const line of output.split('\n').filter((l) => l.trim() !== '')) {
    const file = /^(.+?)\(\d+,\d+\): error /.exec(line)?.[1] ?? '(tsc)'
    const key = file === '(tsc)' ? file : relative(ROOT, resolve(ROOT, file)).split('\\').join('/')
    errors.set(key, [...(errors.get(key) ?? []), line])
  }
}, 120_000)

describe('type tests (tsc on test/**/*.test-d.ts)', () => {
  it('finds the type test files', () => {
    expect(FILES).toEqual(
      expect.arrayContaining([
        'test/types/generator-managers.test-d.ts',
        'test/types/ponyfill.test-d.ts',
        'test/types/small-managers.test-d.ts',
        'test/types/with-context.test-d.ts',
      ]),
    )
  })

  it.each(FILES)('%s compiles with no error', (file) => {
    expect(errors.get(file) ?? []).toEqual([])
  })

  it('reports no error anywhere else (sources they import, tsc itself)', () => {
    expect([...errors].filter(([file]) => !FILES.includes(file)).flatMap(([, lines]) => lines)).toEqual([])
  })
})
