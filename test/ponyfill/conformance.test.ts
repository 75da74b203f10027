import { describe, expect, it } from 'vitest'

import { AsyncDisposableStack, DisposableStack, SuppressedError } from '../../src/ponyfill/index.js'
import { conformanceCases, type Implementation } from './conformance/index.js'
import { describeDisposableStackConformance } from './conformance.js'

describeDisposableStackConformance('ctxlib/ponyfill', { DisposableStack, AsyncDisposableStack, SuppressedError })

// The runtime's own classes, where this runtime has them (Node 20 has none;
// test/ponyfill/conformance-node24.test.ts runs the suite on Node 24's).
const host = globalThis as Partial<Implementation>
if (host.DisposableStack && host.AsyncDisposableStack && host.SuppressedError) {
  describeDisposableStackConformance(`the runtime's own (Node ${process.version})`, host as Implementation)
}

describe('conformanceCases', () => {
  it('gives every case a unique name', () => {
    const names = conformanceCases({ DisposableStack, AsyncDisposableStack, SuppressedError }).map((c) => c.path.join(' > '))
    expect(new Set(names).size).toBe(names.length)
    expect(names.length).toBeGreaterThan(80)
  })
})
