// The package as `npm publish` makes it from a fresh checkout: clones the
// committed HEAD into a scratch folder (no dist/ there), packs it with
// scripts on, so `prepack` must build, installs the tarball into a new
// project and loads every entry there with `import` and with `require`.
// Used by check-package.mjs; returns the problems found (none: it passed).
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** What each entry must offer once loaded (the polyfill: what it installs). */
const PROBES = {
  ctxlib: "typeof m.withContext === 'function' && typeof m.ExitStack === 'function'",
  'ctxlib/ponyfill': "typeof m.DisposableStack === 'function' && typeof m.SuppressedError === 'function'",
  'ctxlib/polyfill': "typeof globalThis.DisposableStack === 'function' && typeof globalThis.AsyncDisposableStack === 'function'",
  'ctxlib/node': "typeof m.openFile === 'function' && typeof m.listen === 'function'",
}

/** The JSON that `npm pack --json` prints after the prepack script's own output. */
function packJson(stdout) {
  const start = stdout.search(/^\[\s*$/m)
  if (start === -1) throw new Error(`npm pack printed no JSON:\n${stdout}`)
  return JSON.parse(stdout.slice(start))
}

export function packCleanClone(root, out) {
  const problems = []
  rmSync(out, { recursive: true, force: true })
  mkdirSync(out, { recursive: true })
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim()
  const clone = join(out, 'clone')
  execFileSync('git', ['clone', '--quiet', '--no-checkout', root, clone])
  execFileSync('git', ['checkout', '--quiet', head], { cwd: clone })
  // The build tools of this checkout; the clone has no dist/ of its own.
  symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'), 'dir')
  const [packed] = packJson(
    execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: clone, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
  )
  const dist = packed.files.filter((f) => f.path.startsWith('dist/')).length
  console.log(`clean clone of ${head.slice(0, 12)} packed: ${packed.files.length} files (${dist} in dist/), ${packed.size} bytes`)
  if (dist === 0) problems.push('the tarball of a clean clone holds no dist/: prepack did not build')

  const consumer = join(out, 'consumer')
  mkdirSync(consumer)
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'ctxlib-clean-consumer', private: true }))
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts', join(out, packed.filename)], {
    cwd: consumer,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  for (const [entry, probe] of Object.entries(PROBES)) {
    const programs = {
      import: ['--input-type=module', '-e', `import * as m from '${entry}'; process.stdout.write(String(${probe}))`],
      require: ['-e', `const m = require('${entry}'); process.stdout.write(String(${probe}))`],
    }
    for (const [how, args] of Object.entries(programs)) {
      let result
      try {
        result = execFileSync(process.execPath, args, { cwd: consumer, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      } catch (error) {
        result = `failed: ${String(error.stderr ?? error.message).trim().split('\n')[0]}`
      }
      if (result !== 'true') problems.push(`${how} '${entry}' in a project that installed the tarball: ${result}`)
    }
  }
  return problems
}
