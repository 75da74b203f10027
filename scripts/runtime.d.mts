/** How a runtime ships on the npm registry: its package and the binary's path inside it. */
export declare const RUNTIMES: Record<'node' | 'bun' | 'deno', { pkg: string; bin: string }>
/** The cache folder of one runtime version: `.tmp/runtimes/<name><version>`. */
export declare function runtimeDir(name: string, version: string | number): string
/**
 * The absolute path of the runtime's binary, installed from the npm registry
 * on first use. Throws when the runtime is unknown or the install fails.
 */
export declare function ensureRuntime(name: 'node' | 'bun' | 'deno', version: string | number): string
/**
 * The path of `tsc`'s script for a TypeScript version (e.g. `'5.2'`),
 * installed from the npm registry on first use into `.tmp/typescript/<version>`.
 */
export declare function ensureTypeScript(version: string): string
