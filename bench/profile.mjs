// Runs one case in a loop, for V8's tracing and profiling flags (run.mjs
// must have run once, to build .tmp/bench). For example:
//   node --trace-deopt bench/profile.mjs suppress suppress
//   node --trace-turbo-inlining bench/profile.mjs cls withContext-class | grep -i inlin
//   node --cpu-prof --cpu-prof-dir=.tmp/prof bench/profile.mjs generators withContext-gen
//   node bench/profile.mjs generators withContext-gen --calls 5000000
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { groups, state } from './cases.mjs'
import { loadContext } from './context.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const [groupName, id, ...rest] = process.argv.slice(2)
const calls = rest[0] === '--calls' ? Number(rest[1]) : 2_000_000
const config = JSON.parse(readFileSync(join(ROOT, '.tmp', 'bench', 'config.json'), 'utf8'))
const { ctx } = await loadContext(config)
const c = groups(ctx)[groupName]?.cases.find((x) => x.id === id)
if (c === undefined) throw new Error(`profile: no case ${String(id)} in group ${String(groupName)}`)
const fn = c.make()
const t0 = performance.now()
for (let i = 0; i < calls; i++) {
  if (c.async) await fn()
  else fn()
}
const ms = performance.now() - t0
process.stdout.write(`${id}: ${calls} calls, ${((ms * 1e6) / calls).toFixed(1)} ns/call (wall clock, warm-up included); sink ${state.sink}\n`)
