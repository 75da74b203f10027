// The runtime smoke suite's entry for a browser page: bundled by esbuild
// (browser conditions, so the ESM build) by scripts/test-runtimes.mjs, which
// reads `window.smokeResults` once it settles. No ctxlib/node here.
import * as ctxlib from 'ctxlib'
import * as ponyfill from 'ctxlib/ponyfill'

import { runChecks } from './checks.mjs'

window.smokeResults = runChecks({ ctxlib, ponyfill, polyfill: () => import('ctxlib/polyfill') }, { usingSyntax: true })
