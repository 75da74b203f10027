import { defineConfig } from 'vitest/config'

// The type tests (test/**/*.test-d.ts) are compiled by test/type-tests.test.ts
// with the project's tsc, not by Vitest's experimental typecheck mode, which
// prints a notice on every run.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test-prop.ts'],
    // Fetches what scripts/test-fetches.mjs declares, once, before any test.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
