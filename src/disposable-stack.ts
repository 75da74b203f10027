/**
 * `DisposableStack` and `AsyncDisposableStack` for the `ctxlib` entry: the
 * runtime's own where it has them when ctxlib loads, else the library's
 * spec-exact ones from `ctxlib/ponyfill`. `globalThis` is read once, so the
 * choice never changes afterwards (and a global installed by
 * `ctxlib/polyfill` is the ponyfill's class itself: one copy either way).
 */
import {
  AsyncDisposableStack as OwnAsyncDisposableStack,
  type AsyncDisposableStack as AsyncDisposableStackInstance,
  type AsyncDisposableStackConstructor,
} from './ponyfill/async-disposable-stack.js'
import {
  DisposableStack as OwnDisposableStack,
  type DisposableStack as DisposableStackInstance,
  type DisposableStackConstructor,
} from './ponyfill/disposable-stack.js'

export type { AsyncDisposableStackConstructor } from './ponyfill/async-disposable-stack.js'
export type { DisposableStackConstructor } from './ponyfill/disposable-stack.js'

const host = globalThis as { DisposableStack?: unknown; AsyncDisposableStack?: unknown }
const hostDisposableStack = host.DisposableStack
const hostAsyncDisposableStack = host.AsyncDisposableStack

/**
 * A `DisposableStack` instance: resources disposed together, last in first out.
 * Declared by ctxlib, so it needs no `esnext.disposable` TypeScript library.
 */
export type DisposableStack = DisposableStackInstance

/**
 * An `AsyncDisposableStack` instance: resources disposed together, last in
 * first out, each awaited.
 */
export type AsyncDisposableStack = AsyncDisposableStackInstance

/**
 * The runtime's own `DisposableStack` where it has one (read once, when
 * ctxlib loads), else the library's spec-exact one from `ctxlib/ponyfill`.
 *
 * @remarks Python: `contextlib.ExitStack` for disposables only: disposers
 * never see the pending error and cannot suppress it. Several failures are
 * chained into nested `SuppressedError`s; a disposed stack throws a
 * `ReferenceError` on `use`, `adopt`, `defer` and `move`.
 * @example
 * ```ts
 * import { DisposableStack } from 'ctxlib'
 * function openBoth(a: string, b: string) {
 *   using stack = new DisposableStack()
 *   const first = stack.use(openFile(a))
 *   const second = stack.use(openFile(b))
 *   const owned = stack.move() // both opened: the caller owns them now
 *   return { first, second, [Symbol.dispose]: () => owned.dispose() }
 * }
 * ```
 */
export const DisposableStack: DisposableStackConstructor =
  typeof hostDisposableStack === 'function'
    ? (hostDisposableStack as DisposableStackConstructor)
    : OwnDisposableStack

/**
 * The runtime's own `AsyncDisposableStack` where it has one (read once, when
 * ctxlib loads), else the library's spec-exact one from `ctxlib/ponyfill`.
 *
 * @remarks Python: `contextlib.AsyncExitStack` for disposables only.
 * `disposeAsync` never throws synchronously: it returns a rejected promise.
 * @example
 * ```ts
 * import { AsyncDisposableStack } from 'ctxlib'
 * await using stack = new AsyncDisposableStack()
 * const db = stack.use(await connect())
 * stack.defer(() => console.log('closing'))
 * ```
 */
export const AsyncDisposableStack: AsyncDisposableStackConstructor =
  typeof hostAsyncDisposableStack === 'function'
    ? (hostAsyncDisposableStack as AsyncDisposableStackConstructor)
    : OwnAsyncDisposableStack
