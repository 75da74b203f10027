/**
 * `ctxlib/ponyfill`: the library's own spec-exact `DisposableStack`,
 * `AsyncDisposableStack` and `SuppressedError`, never the runtime's. No side effects.
 *
 * @module ctxlib/ponyfill
 */
export { AsyncDisposableStack } from './async-disposable-stack.js'
export type { AsyncDisposableStackConstructor } from './async-disposable-stack.js'
export { DisposableStack } from './disposable-stack.js'
export type { DisposableStackConstructor } from './disposable-stack.js'
export { SuppressedError } from './suppressed-error.js'
export type { SuppressedErrorConstructor } from './suppressed-error.js'
