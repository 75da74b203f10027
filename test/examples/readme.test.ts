/**
 * README.md as a newcomer reads it: sections in the order of a first read,
 * the `using` versus `withContext` snippet runnable exactly as printed, every
 * `npm run` command naming a real script, and a set-up section that says
 * what the commands fetch and where the API site goes.
 */
import { execFile } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TEST_FETCHES } from '../../scripts/test-fetches.mjs'
import { tempDirSync } from '../../src/node/index.js'
import { ROOT } from './proxy-harness.js'

const run = promisify(execFile)
const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8')
const README = read('README.md')

/** The text of the `## title` section, up to the next `## ` heading. */
function section(title: string): string {
  const start = README.indexOf(`\n## ${title}\n`)
  expect(start, `README.md has a "## ${title}" section`).toBeGreaterThan(-1)
  const next = README.indexOf('\n## ', start + 4)
  return README.slice(start, next === -1 ? undefined : next)
}

describe('README.md', () => {
  it('puts the sections in the order of a first read (others may sit between them)', () => {
    const order = ['Install', 'Example', 'Python → ctxlib', 'using versus withContext', 'Error semantics', 'Compared with the alternatives', 'Runtime support', 'FAQ']
    const positions = order.map((title) => README.indexOf(`\n## ${title}\n`))
    expect(positions.filter((p) => p === -1), 'missing sections').toEqual([])
    expect(positions).toEqual([...positions].sort((a, b) => a - b))
  })

  describe('the using versus withContext snippet', () => {
    let dir = ''
    let cleanup: () => void = () => undefined
    beforeEach(() => {
      const cm = tempDirSync('ctxlib-readme-')
      dir = cm.enter()
      cleanup = () => cm.exit()
    })
    afterEach(() => {
      cleanup()
    })

    it('runs as printed and prints what its last comment says', async () => {
      const snippet = /```ts\n([\s\S]*?)```/.exec(section('using versus withContext'))?.[1] ?? ''
      expect(snippet).toMatch(/^import .* from 'ctxlib'$/m)
      const promised = /\n\/\/ ([^\n]*)\n$/.exec(snippet)?.[1]
      expect(promised).toBe('begin order 1, rollback order 1, begin order 2, commit order 2')
      const file = path.join(dir, 'snippet.ts')
      const library = pathToFileURL(path.join(ROOT, 'src', 'index.ts')).href
      fs.writeFileSync(file, snippet.replace(/from 'ctxlib'/, `from '${library}'`))
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', file], { cwd: ROOT })
      expect(stderr).toBe('')
      expect(stdout).toBe(`${String(promised)}\n`)
    })
  })

  it('names only real scripts in its `npm run` commands (and so do the other READMEs)', () => {
    const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts)
    const named = ['README.md', 'examples/README.md', 'bench/README.md'].flatMap((file) =>
      [...read(file).matchAll(/npm run (?:--silent )?([\w:-]*\w)(?!\*)/g)].map((m) => `${file}: ${m[1] ?? ''}`),
    )
    expect(named.length).toBeGreaterThan(10)
    expect(named.filter((entry) => !scripts.includes(entry.split(': ')[1] ?? ''))).toEqual([])
  })

  it('says in its set-up section what npm test fetches, that tsx runs the TypeScript, and where the API site goes', () => {
    const setup = section('Set up and run (from a clone)')
    expect(setup).toContain('npm install && npm run example')
    expect(setup).toContain('npm test')
    expect(setup).toContain('tsx')
    for (const fetch of TEST_FETCHES) {
      const name = fetch.runtime === undefined ? String(fetch.typescript) : fetch.what
      expect(setup.includes(name), `the set-up section names ${fetch.what}`).toBe(true)
    }
    const out = (JSON.parse(read('typedoc.json')) as { out: string }).out
    expect(setup).toContain(`\`npm run docs\` writes the API\nsite to \`${out}/\``)
  })
})
