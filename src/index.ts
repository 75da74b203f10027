/**
 * `ctxlib`: Python's `contextlib` for TypeScript (context managers, generator
 * managers, exit stacks, `suppress` …) and helpers for JavaScript's `using`.
 * No side effects; the Node adapters are in `ctxlib/node`.
 *
 * @module ctxlib
 */
export type { AsyncContextManager, ContextManager } from './protocols.js'
export { isAsyncContextManager, isAsyncDisposable, isContextManager, isDisposable } from './protocols.js'
export type {
  AsyncContext,
  AsyncContextValue,
  ContextValue,
  MaySuppress,
  MaySuppressAsync,
  NotThenable,
  SyncContext,
} from './types.js'
export { withAsyncContext, withContext } from './with-context.js'
export { GeneratorContextManager, contextManager } from './context-manager.js'
export { AsyncGeneratorContextManager, asyncContextManager } from './async-context-manager.js'
export { ExitStack } from './exit-stack.js'
export { AsyncExitStack } from './async-exit-stack.js'
export { suppress } from './suppress.js'
export type { ErrorMatcher } from './suppress.js'
export { asyncClosing, closing } from './closing.js'
export { nullContext } from './null-context.js'
export type { NullContext } from './null-context.js'
export { AsyncContextDecorator, ContextDecorator } from './context-decorator.js'
export { asyncDefer, defer } from './defer.js'
export { TimeoutError, timeout } from './timeout.js'
export { flattenErrors } from './flatten-errors.js'
export { AsyncDisposableStack, DisposableStack } from './disposable-stack.js'
export type { AsyncDisposableStackConstructor, DisposableStackConstructor } from './disposable-stack.js'
export { SuppressedError } from './suppressed-error.js'
export type { SuppressedErrorConstructor } from './suppressed-error.js'
export { formatError } from './format-error.js'
export type { FormatErrorOptions } from './format-error.js'
export { ResourceLeakError } from './resource-leak-error.js'
export type { ResourceLeak } from './resource-leak-error.js'
export { trackUnclosed } from './track-unclosed.js'
export type { TrackUnclosedOptions } from './track-unclosed.js'
export { TaskGroup, taskGroup } from './task-group.js'
export type { TaskGroupOptions } from './task-group.js'
export { AbortOnExit, abortOnExit } from './abort-on-exit.js'
export { Timer, timer } from './timer.js'
export { Interval, interval } from './interval.js'
export { EventListenerRegistration, eventListener } from './event-listener.js'
export type { EmitterLike, EventListenerLike, EventListenerOptions, EventTargetLike } from './event-listener.js'
export { Concurrently, concurrently } from './concurrently.js'
export { Deadline, deadline } from './deadline.js'
