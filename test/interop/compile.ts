/**
 * The `using` / `await using` scopes the interop tests run, as source text,
 * and the three compilers that lower them to ES2022 for hosts without the
 * syntax: TypeScript, esbuild and Babel.
 */
import { createRequire } from 'node:module'

import { transform } from 'esbuild'
import ts from 'typescript'

/** Plain JavaScript with explicit resource management syntax; exports the scopes of `Scopes`. */
export const USING_SOURCE = `
export function syncScope(make, log) {
  {
    using a = make('a')
    using b = make('b')
    using c = null
    log.push('body')
  }
  log.push('after')
}
export function syncThrow(make, error) {
  using a = make('a')
  throw error
}
export async function asyncScope(makeAsync, makeSync, log) {
  {
    await using a = await makeAsync('a')
    using b = makeSync('b')
    await using c = null
    log.push('body')
  }
  log.push('after')
}
export async function asyncThrow(makeAsync, error) {
  await using a = await makeAsync('a')
  throw error
}
`

export type Compiler = 'typescript' | 'esbuild' | 'babel'
export const COMPILERS: Compiler[] = ['typescript', 'esbuild', 'babel']

interface Babel {
  transformAsync(code: string, options: object): Promise<{ code?: string | null } | null>
}

/** `USING_SOURCE` lowered by `compiler` to an ES2022 module with no `using` left. */
export async function compile(compiler: Compiler): Promise<string> {
  let code: string
  if (compiler === 'typescript') {
    code = ts.transpileModule(USING_SOURCE, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    }).outputText
  } else if (compiler === 'esbuild') {
    code = (await transform(USING_SOURCE, { target: 'es2022', format: 'esm', loader: 'js' })).code
  } else {
    const babel = createRequire(import.meta.url)('@babel/core') as Babel
    const result = await babel.transformAsync(USING_SOURCE, {
      babelrc: false,
      configFile: false,
      plugins: ['@babel/plugin-transform-explicit-resource-management'],
    })
    code = result?.code ?? ''
  }
  if (/\busing\s+[A-Za-z_$][\w$]*\s*=/.test(code)) throw new Error(`${compiler} left a using declaration in its output`)
  return code
}
