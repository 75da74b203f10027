import { defineConfig } from 'tsup'

// One build for every entry, split into shared chunks, so `ctxlib` and
// `ctxlib/ponyfill` hold the very same classes. Node resolves both `import`
// and `require` to the CommonJS build (see package.json `exports`), so a
// program that mixes the two still sees one copy of every class.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    ponyfill: 'src/ponyfill/index.ts',
    polyfill: 'src/polyfill.ts',
    node: 'src/node/index.ts',
  },
  format: ['esm', 'cjs'],
  target: 'es2022',
  // `@internal` members and the types only they name stay out of the
  // published declarations.
  dts: { compilerOptions: { stripInternal: true } },
  splitting: true,
  sourcemap: false,
  clean: true,
  treeshake: false,
  minify: false,
  // The type-only `import './dispose-globals.js'` has no runtime code by design.
  esbuildOptions(options) {
    options.logOverride = { ...options.logOverride, 'ignored-bare-import': 'silent' }
  },
})
