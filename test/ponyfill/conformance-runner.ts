/**
 * Runs the conformance suite outside vitest, on whatever runtime executes
 * this file once bundled: against ctxlib's ponyfill always, and against the
 * runtime's own classes (required when `--native` is given). Prints one line
 * per failure and a closing `N passed, N failed` line per implementation;
 * exits non-zero when anything failed.
 */
import { AsyncDisposableStack, DisposableStack, SuppressedError } from '../../src/ponyfill/index.js'
import { type Case, conformanceCases, type Implementation } from './conformance/index.js'

async function runAll(label: string, cases: Case[]): Promise<number> {
  let passed = 0
  let failed = 0
  for (const c of cases) {
    try {
      await c.run()
      passed++
    } catch (error) {
      failed++
      const message = error instanceof Error ? error.message.split('\n').slice(0, 6).join('\n    ') : String(error)
      console.log(`FAIL [${label}] ${c.path.join(' > ')}\n    ${message}`)
    }
  }
  console.log(`${label}: ${passed} passed, ${failed} failed`)
  return failed
}

const implementations: [string, Implementation][] = [['ponyfill', { DisposableStack, AsyncDisposableStack, SuppressedError }]]
const host = globalThis as Partial<Implementation>
if (host.DisposableStack && host.AsyncDisposableStack && host.SuppressedError) {
  implementations.push(['native', host as Implementation])
} else if (process.argv.includes('--native')) {
  console.log('FAIL this runtime has no native DisposableStack, AsyncDisposableStack and SuppressedError')
  process.exitCode = 1
}
let failures = 0
for (const [label, impl] of implementations) failures += await runAll(label, conformanceCases(impl))
if (failures > 0) process.exitCode = 1
