/**
 * Doc-test: every code block of the READMEs is extracted and checked, so no
 * snippet can go stale. TypeScript blocks are type-checked together (against
 * the sources, as `ctxlib` resolves in tsconfig.test.json) and each one is run
 * with tsx in a fresh temporary directory; a block must finish cleanly, or
 * fail with the error its `<!-- doc-test: … -->` comment names (see
 * extract.ts). Shell blocks are checked for what they name: every npm script
 * exists, the package name is ours, every file path exists. A TypeScript
 * block may opt out with ```ts no-run <reason>; none does today.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../examples/proxy-harness.js'
import { type CodeBlock, codeBlocks } from './extract.js'

const run = promisify(execFile)
const DOCS = ['README.md', 'examples/README.md', 'examples/python-docs/README.md']
const OUT = path.join(ROOT, '.tmp', 'doc-tests')
const TSCONFIG = path.join(OUT, 'tsconfig.json')
// The blocks run in a temporary directory, where `--import tsx` would not resolve.
const TSX = pathToFileURL(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href

const blocks = DOCS.flatMap((doc) => codeBlocks(doc, readFileSync(path.join(ROOT, doc), 'utf8')))
const typescript = blocks.filter((block) => block.lang === 'ts' || block.lang === 'typescript')
const runnable = typescript.filter((block) => !block.flags.includes('no-run'))
const shell = blocks.filter((block) => block.lang === 'sh' || block.lang === 'bash' || block.lang === '')
const label = (block: CodeBlock): string => `${block.file}:${String(block.line)}`
const fileOf = (block: CodeBlock): string => path.join(OUT, `${block.file.replace(/[^a-z0-9]+/gi, '-')}-L${String(block.line)}.ts`)
const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; scripts: Record<string, string> })

beforeAll(() => {
  rmSync(OUT, { recursive: true, force: true })
  mkdirSync(OUT, { recursive: true })
  for (const block of runnable) writeFileSync(fileOf(block), `${block.prelude}\n${block.code}\nexport {}\n`)
  writeFileSync(
    TSCONFIG,
    JSON.stringify({ extends: '../../tsconfig.test.json', compilerOptions: { rootDir: '../..' }, include: ['*.ts'] }, null, 2),
  )
})

describe('README code blocks (doc-test)', () => {
  it('finds the blocks, and every ts block either runs or says why not', () => {
    expect(runnable.length).toBeGreaterThanOrEqual(5)
    for (const block of typescript.filter((b) => b.flags.includes('no-run'))) {
      expect(block.flags.length, `${label(block)}: no-run needs a reason`).toBeGreaterThan(1)
    }
    expect(blocks.filter((b) => ![...typescript, ...shell].includes(b)).map(label)).toEqual([])
  })

  it('type-checks every TypeScript block', { timeout: 120_000 }, async () => {
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')
    const result = await run(process.execPath, [tsc, '-p', TSCONFIG], { cwd: ROOT }).then(
      () => '',
      (error: unknown) => (error as { stdout?: string }).stdout ?? String(error),
    )
    expect(result).toBe('')
  })

  describe.each(runnable.map((block) => [label(block), block] as const))('%s', (_, block) => {
    it(block.throws === undefined ? 'runs to completion' : `fails with "${block.throws}"`, { timeout: 60_000 }, async () => {
      const cwd = mkdtempSync(path.join(tmpdir(), 'ctxlib-doc-test-'))
      try {
        const outcome = await run(process.execPath, ['--import', TSX, fileOf(block)], {
          cwd,
          env: { ...process.env, TSX_TSCONFIG_PATH: TSCONFIG },
        }).then(
          ({ stderr }) => ({ ok: true, stderr }),
          (error: unknown) => ({ ok: false, stderr: (error as { stderr?: string }).stderr ?? String(error) }),
        )
        if (block.throws === undefined) {
          expect(outcome.stderr).toBe('')
          expect(outcome.ok).toBe(true)
        } else {
          expect(outcome.ok).toBe(false)
          expect(outcome.stderr).toContain(block.throws)
        }
      } finally {
        rmSync(cwd, { recursive: true, force: true })
      }
    })
  })

  describe.each(shell.map((block) => [label(block), block] as const))('%s', (_, block) => {
    it('names only npm scripts, packages and files that exist', () => {
      const commands = block.code.split(/\n|&&/).map((line) => line.replace(/#.*$/, '').trim()).filter((line) => line !== '')
      expect(commands.length).toBeGreaterThan(0)
      for (const command of commands) {
        const words = command.split(/\s+/)
        if (words[0] === 'npm' && words[1] === 'run') expect(Object.keys(scripts.scripts), command).toContain(words[2])
        else if (words[0] === 'npm' && words[1] === 'install' && words.length > 2) expect(words[2], command).toBe(scripts.name)
        else if (words[0] === 'npm') expect(['install', 'test'], command).toContain(words[1])
        else if (words[0] === 'python3' || words[0] === 'tsx') expect(existsSync(path.join(ROOT, words[1] ?? '')), command).toBe(true)
        // a client for the examples' servers, which listen on the loopback only
        else if (words[0] === 'nc') expect(words[1], command).toBe('127.0.0.1')
        else expect.unreachable(`${label(block)}: a command the doc-test does not know: ${command}`)
      }
    })
  })
})
