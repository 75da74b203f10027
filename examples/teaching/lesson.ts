/**
 * Runs one lesson, or lists them:
 *
 *   npm run example:lesson                                       the list
 *   npm run example:lesson -- 01                                 lesson 1
 *   npm run example:lesson -- examples/teaching/01-enter-exit.ts the same
 *
 * Each lesson's Python twin runs with `python3 examples/teaching/<lesson>.py`.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const DIR = dirname(fileURLToPath(import.meta.url))
const lessons = readdirSync(DIR)
  .filter((name) => /^\d\d-.+\.ts$/.test(name))
  .sort()

/** The first sentence of a lesson's opening comment (`// Lesson 1: …`). */
function title(name: string): string {
  const lines = readFileSync(join(DIR, name), 'utf8').split('\n')
  const end = lines.findIndex((line) => !line.startsWith('//'))
  const comment = lines.slice(0, end === -1 ? lines.length : end).map((line) => line.replace(/^\/\/\s*/, '')).join(' ')
  return /^.*?\.(?=\s|$)/.exec(comment.replace(/^Lesson \d+:\s*/, ''))?.[0] ?? comment
}

/** The lesson file `arg` names: a path (from where `npm run` was typed), a file name, or a number prefix. */
function find(arg: string): string | undefined {
  const asPath = resolve(process.env.INIT_CWD ?? process.cwd(), arg)
  if (existsSync(asPath) && lessons.includes(basename(asPath))) return asPath
  const named = lessons.find((name) => name === arg || name === `${arg}.ts` || name.startsWith(`${arg}-`))
  return named === undefined ? undefined : join(DIR, named)
}

const arg = process.argv[2]
const file = arg === undefined ? undefined : find(arg)
if (file === undefined) {
  if (arg !== undefined) process.stderr.write(`lesson: no lesson ${JSON.stringify(arg)}\n`)
  process.stdout.write('Lessons (npm run example:lesson -- 01, or a path; the Python twin: python3 examples/teaching/<name>.py):\n')
  for (const name of lessons) process.stdout.write(`  ${name.replace(/\.ts$/, '').padEnd(32)} ${title(name)}\n`)
  process.exitCode = arg === undefined ? 0 : 2
} else {
  await import(pathToFileURL(file).href)
}
