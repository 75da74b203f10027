// `npm run check:package`: the package as published, checked before anyone
// installs it. Packs the built package (npm pack) and runs on the tarball:
//   - publint, every message (suggestions too) counting as a failure;
//   - @arethetypeswrong/cli (attw), strict profile: node10, node16 from CJS
//     and ESM, bundler, for every entry of `exports`;
//   - the package contract's own rules: the four entries plus
//     package.json in `exports`, each with types for import and require and
//     all four under Node resolving to the CommonJS build; `sideEffects`
//     naming only the polyfill; zero runtime dependencies; `engines` Node
//     >= 20; nothing but dist/ and the docs in the tarball;
//   - a clean clone of HEAD packed as `npm publish` packs it (prepack
//     builds), installed, and every entry loaded by import and by require
//     (pack-clean-clone.mjs).
// Prints `N passed, N failed`; exits 1 on any failure.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import { publint } from 'publint'
import { formatMessage } from 'publint/utils'

import { packCleanClone } from './pack-clean-clone.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const OUT = join(ROOT, '.tmp', 'check-package')
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))

const results = []
function check(name, problems) {
  results.push({ name, problems })
  console.log(problems.length === 0 ? `ok - ${name}` : `not ok - ${name}\n${problems.map((p) => `    ${p}`).join('\n')}`)
}

rmSync(OUT, { recursive: true, force: true })
mkdirSync(OUT, { recursive: true })
const [packed] = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', OUT], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
)
const tarball = join(OUT, packed.filename)
const files = packed.files.map((f) => f.path).sort()
console.log(`packed ${packed.filename}: ${files.length} files, ${packed.size} bytes`)

// publint: on the tarball itself, so it sees exactly what npm publishes.
{
  const buffer = readFileSync(tarball)
  const { messages } = await publint({
    pack: { tarball: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) },
    level: 'suggestion',
    strict: true,
  })
  check('publint: no errors, warnings or suggestions', messages.map((m) => `${m.type}: ${formatMessage(m, manifest) ?? m.code}`))
}

// attw: exits non-zero on any problem; its table goes to the log.
{
  const attw = spawnSync(join(ROOT, 'node_modules', '.bin', 'attw'), [tarball, '--profile', 'strict', '--format', 'table-flipped', '--no-color'], {
    encoding: 'utf8',
  })
  console.log(attw.stdout.trim())
  check('attw (are the types wrong): no problems for any entry or resolution', attw.status === 0 ? [] : [`attw exited ${attw.status}: ${attw.stderr.trim()}`])
}

// This project's own rules.
{
  const entries = ['.', './ponyfill', './polyfill', './node']
  const problems = []
  const keys = Object.keys(manifest.exports ?? {})
  if (JSON.stringify(keys) !== JSON.stringify([...entries, './package.json'])) problems.push(`exports keys: ${keys.join(', ')}`)
  for (const entry of entries) {
    const target = manifest.exports[entry]
    const base = entry === '.' ? 'index' : entry.slice(2)
    const expected = {
      node: { types: `./dist/${base}.d.cts`, default: `./dist/${base}.cjs` },
      import: { types: `./dist/${base}.d.ts`, default: `./dist/${base}.js` },
      require: { types: `./dist/${base}.d.cts`, default: `./dist/${base}.cjs` },
    }
    // `node` first: under Node both import and require load the CommonJS build, one copy of every class.
    if (JSON.stringify(target) !== JSON.stringify(expected)) problems.push(`exports["${entry}"] is ${JSON.stringify(target)}`)
    for (const path of Object.values(expected).flatMap((v) => Object.values(v))) {
      if (!files.includes(path.slice(2))) problems.push(`${path} is not in the tarball`)
    }
  }
  if (manifest.exports['./package.json'] !== './package.json') problems.push('exports["./package.json"] must be "./package.json"')
  check('exports: the four entries and package.json, types first, Node on the CommonJS build', problems)
}
check(
  'sideEffects names only the polyfill',
  JSON.stringify(manifest.sideEffects) === JSON.stringify(['./dist/polyfill.js', './dist/polyfill.cjs'])
    ? []
    : [`sideEffects is ${JSON.stringify(manifest.sideEffects)}`],
)
check('zero runtime dependencies', ['dependencies', 'peerDependencies', 'optionalDependencies'].filter((k) => Object.keys(manifest[k] ?? {}).length > 0).map((k) => `${k} is not empty`))
check('engines: Node >= 20', manifest.engines?.node === '>=20' ? [] : [`engines.node is ${manifest.engines?.node}`])
check(
  'main, module and types point at files in the tarball',
  ['main', 'module', 'types'].filter((k) => typeof manifest[k] !== 'string' || !files.includes(manifest[k].replace(/^\.\//, ''))).map((k) => `${k}: ${manifest[k]}`),
)
check(
  'the tarball holds dist/, package.json, README.md, LICENSE and CHANGELOG.md, nothing else',
  [
    ...files.filter((f) => !/^dist\/[^/]+\.(c?js|d\.c?ts)$/.test(f) && !['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'].includes(f)).map((f) => `unexpected ${f}`),
    ...['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'].filter((f) => !files.includes(f)).map((f) => `missing ${f}`),
  ],
)

// Every relative import, require and type reference inside the tarball resolves inside it.
{
  const unpacked = join(OUT, 'unpacked')
  mkdirSync(unpacked, { recursive: true })
  execFileSync('tar', ['xzf', tarball, '-C', unpacked])
  const problems = []
  let count = 0
  for (const file of files.filter((f) => /\.(c?js|d\.c?ts)$/.test(f))) {
    const text = readFileSync(join(unpacked, 'package', file), 'utf8')
    for (const match of text.matchAll(/(?:from\s*|import\s*\(?\s*|require\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g)) {
      count++
      const target = join(dirname(file), match[1])
      // Declaration files import `./x.js` meaning `./x.d.ts` (and `./x.cjs` meaning `./x.d.cts`).
      const candidates = file.endsWith('.d.ts') || file.endsWith('.d.cts') ? [target.replace(/\.js$/, '.d.ts').replace(/\.cjs$/, '.d.cts')] : [target]
      if (!candidates.some((c) => files.includes(c))) problems.push(`${file}: ${match[1]} is not in the tarball`)
    }
  }
  check(`the ${count} relative imports inside the tarball resolve inside it`, problems)
}

check(
  'a clean clone packs with dist/ built by prepack, and every entry loads from the installed tarball by import and require',
  packCleanClone(ROOT, join(OUT, 'clean-clone')),
)

const failed = results.filter((r) => r.problems.length > 0).length
console.log(`check:package: ${results.length - failed} passed, ${failed} failed`)
process.exitCode = failed === 0 ? 0 : 1
