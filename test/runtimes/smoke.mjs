// The runtime smoke suite's entry for Node, Bun and Deno. Run from a project
// that has the packed ctxlib installed (scripts/test-runtimes.mjs copies it
// there): `<runtime> smoke.mjs '<host JSON>'`. Prints one line per check and
// `N passed, N failed`; exits 1 when a check failed.
import { createRequire } from 'node:module'

import { runChecks } from './checks.mjs'

const host = JSON.parse(process.argv[2] ?? '{}')
const require = createRequire(import.meta.url)

const results = await runChecks(
  {
    ctxlib: await import('ctxlib'),
    ponyfill: await import('ctxlib/ponyfill'),
    node: await import('ctxlib/node'),
    polyfill: () => import('ctxlib/polyfill'),
    cjs: (entry) => require(entry),
  },
  host,
)
for (const { name, error } of results) console.log(error === undefined ? `ok - ${name}` : `not ok - ${name}: ${error}`)
const failed = results.filter((r) => r.error !== undefined).length
console.log(`${results.length - failed} passed, ${failed} failed`)
process.exitCode = failed === 0 ? 0 : 1
