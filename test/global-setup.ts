/**
 * Before any test: fetch what scripts/test-fetches.mjs declares (nothing
 * when .tmp/ already holds it), then forbid fetching anything else, so that
 * list and the README stay the whole truth about what `npm test` downloads.
 * Test files run in worker processes started after this, with this setting.
 */
import { fetchAll } from '../scripts/test-fetches.mjs'

export default function setup(): void {
  fetchAll((line) => process.stdout.write(line))
  process.env.CTXLIB_NO_FETCH = '1'
}
