import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Plugin } from 'esbuild'
import { defineConfig } from 'tsup'

/**
 * `src/dispose-globals.ts` holds declarations only; modules import it for its
 * types, which the declaration build needs. At run time the import is
 * nothing, so the JavaScript build drops it before esbuild sees it: no empty
 * shared chunk in dist/, and no `ignored-bare-import` warning.
 */
const DISPOSE_GLOBALS_IMPORT = /^import '(?:\.\.?\/)+dispose-globals\.js'\n/m
const typeOnlyImports: Plugin = {
  name: 'ctxlib-type-only-imports',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8')
      if (!DISPOSE_GLOBALS_IMPORT.test(text)) return undefined
      return { contents: text.replace(DISPOSE_GLOBALS_IMPORT, ''), loader: 'ts' }
    })
  },
}

/**
 * `src/ponyfill/index.ts` only re-exports; as the `ctxlib/ponyfill` entry that
 * `src/polyfill.ts` also imports, esbuild would give it a shared chunk of its
 * own, empty. A re-export holds no state, so the polyfill takes a private
 * copy of it (the classes themselves stay in the one shared chunk).
 */
const PONYFILL_BARREL = /^\.\/ponyfill\/index\.js$/
const ponyfillBarrelCopy: Plugin = {
  name: 'ctxlib-ponyfill-barrel-copy',
  setup(build) {
    build.onResolve({ filter: PONYFILL_BARREL }, (args) => ({
      path: join(args.resolveDir, 'ponyfill', 'index.ts'),
      suffix: '?reexports',
    }))
  },
}

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
  esbuildPlugins: [typeOnlyImports, ponyfillBarrelCopy],
})
