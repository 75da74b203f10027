/**
 * TypeScript sources of a consumer project, type-checked against the
 * published declarations by types.test.ts. Kept as text so that this
 * repository's own compiler and linter never try to resolve `ctxlib` from here.
 * Each uses every export of its entries, asserts a few inferred types
 * exactly, and marks with `@ts-expect-error` what must not compile.
 */

/** Exact type equality, for assertions that fail to compile when a type degrades (to `any`, say). */
const equal = `
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
export function assertType<T>(value: T): T {
  return value
}
`

/** Every export of `ctxlib`, `ctxlib/ponyfill` and `ctxlib/polyfill`: no Node types needed. */
const core = (ext: '' | 'm' | 'c'): string => `
import {
  AsyncContextDecorator,
  AsyncDisposableStack,
  AsyncExitStack,
  AsyncGeneratorContextManager,
  ContextDecorator,
  DisposableStack,
  ExitStack,
  GeneratorContextManager,
  SuppressedError,
  TimeoutError,
  asyncClosing,
  asyncContextManager,
  asyncDefer,
  closing,
  contextManager,
  defer,
  flattenErrors,
  isAsyncContextManager,
  isAsyncDisposable,
  isContextManager,
  isDisposable,
  nullContext,
  suppress,
  timeout,
  withAsyncContext,
  withContext,
} from 'ctxlib'
import type {
  AsyncContext,
  AsyncContextManager,
  AsyncContextValue,
  ContextManager,
  ContextValue,
  ErrorMatcher,
  MaySuppress,
  MaySuppressAsync,
  NotThenable,
  NullContext,
  SuppressedErrorConstructor,
  SyncContext,
} from 'ctxlib'
import * as ponyfill from 'ctxlib/ponyfill'
import type { AsyncDisposableStackConstructor, DisposableStackConstructor } from 'ctxlib/ponyfill'
import 'ctxlib/polyfill'

import { assertType, type Equal } from './equal.${ext}js'

class Timer extends ContextDecorator implements ContextManager<number> {
  enter(): number {
    return 1
  }
  exit(): void {}
}
class Pool extends AsyncContextDecorator implements AsyncContextManager<string> {
  async enterAsync(): Promise<string> {
    return 'connection'
  }
  async exitAsync(): Promise<boolean> {
    return false
  }
}

const lines = contextManager(function* (path: string) {
  yield path.split('/')
})
const session = asyncContextManager(async function* (user: string) {
  yield { user }
})

export function sync(): void {
  const one = withContext(nullContext(41), (n) => n + 1)
  assertType<Equal<typeof one, number>>(true)
  const both = withContext([nullContext('a'), new Timer()], ([a, t]) => \`\${a}\${String(t)}\`)
  assertType<Equal<typeof both, string>>(true)
  const parts = withContext(lines('a/b'), (p) => p.length)
  assertType<Equal<typeof parts, number | undefined>>(true)
  const suppressed = withContext(suppress(TypeError, 'ENOENT', (e) => e === 1), () => 'done')
  assertType<Equal<typeof suppressed, string | undefined>>(true)
  const gen: GeneratorContextManager<string[]> = lines('x')
  const stack = new ExitStack()
  const value: number = stack.enterContext(new Timer())
  stack.callback(() => undefined)
  stack.push(defer(() => undefined))
  stack.popAll().close()
  withContext(closing({ close: () => undefined }), (thing) => thing.close())
  const flat: unknown[] = flattenErrors(new SuppressedError(new Error('a'), new Error('b'), 'both'))
  const wrapped = new Timer().wrap((x: number) => x * 2)
  const doubled: number | undefined = wrapped(2)
  const checks: boolean[] = [isContextManager(gen), isAsyncContextManager(gen), isDisposable(stack), isAsyncDisposable(stack)]
  const matcher: ErrorMatcher = RangeError
  const stacks = [new DisposableStack(), new ponyfill.DisposableStack()]
  stacks[0]?.defer(() => undefined)
  const suppressedError: SuppressedErrorConstructor = ponyfill.SuppressedError
  const ctor: DisposableStackConstructor = ponyfill.DisposableStack
  void [value, flat, doubled, checks, matcher, suppressedError, ctor]
  // @ts-expect-error -- withContext refuses a body that returns a promise
  withContext(nullContext(1), async () => 1)
  // @ts-expect-error -- a number is not a context manager
  withContext(1, () => 1)
  // @ts-expect-error -- closing needs a close method
  closing({})
}

export async function asynchronous(): Promise<void> {
  const signalled = await withAsyncContext(timeout(1_000), async (signal) => signal.aborted)
  assertType<Equal<typeof signalled, boolean>>(true)
  const mixed = await withAsyncContext([new Pool(), nullContext(2), session('ann')], async ([c, n, s]) => \`\${c}\${n}\${s.user}\`)
  assertType<Equal<typeof mixed, string | undefined>>(true)
  const gen: AsyncGeneratorContextManager<{ user: string }> = session('bob')
  const stack = new AsyncExitStack()
  const entered: string = await stack.enterAsyncContext(new Pool())
  stack.pushAsyncCallback(async () => undefined)
  stack.pushAsyncExit(asyncDefer(async () => undefined))
  await stack.closeAsync()
  await withAsyncContext(asyncClosing({ close: async () => undefined }), async () => undefined)
  const wrapped = new Pool().wrap(async (x: number) => x * 2)
  const doubled: number | undefined = await wrapped(2)
  const stacks = [new AsyncDisposableStack(), new ponyfill.AsyncDisposableStack()]
  await stacks[0]?.disposeAsync()
  const ctor: AsyncDisposableStackConstructor = ponyfill.AsyncDisposableStack
  const error: Error = new TimeoutError()
  void [gen, entered, doubled, ctor, error]
}

// The helper types, used as a consumer writing their own wrappers would.
export type Helpers = [
  SyncContext,
  AsyncContext,
  ContextValue<NullContext<number>>,
  AsyncContextValue<Pool>,
  MaySuppress<Timer>,
  MaySuppressAsync<Pool>,
  NotThenable<number>,
]
`

/** `using` and `await using` with the library's disposables: only with `esnext.disposable` in `lib`. */
const using = (ext: '' | 'm' | 'c'): string => `
import { AsyncDisposableStack, AsyncExitStack, DisposableStack, ExitStack, asyncDefer, defer } from 'ctxlib'
import * as ponyfill from 'ctxlib/ponyfill'

import { assertType, type Equal } from './equal.${ext}js'

export function scoped(log: string[]): void {
  using stack = new ExitStack()
  using _deferred = defer(() => log.push('deferred'))
  using disposables = new DisposableStack()
  using own = new ponyfill.DisposableStack()
  stack.callback(() => log.push('callback'))
  disposables.defer(() => log.push('stack'))
  own.use(defer(() => log.push('own')))
  // The ponyfill's stack stands wherever the platform's type is expected.
  const platform: globalThis.DisposableStack = own
  assertType<Equal<typeof Symbol.dispose, SymbolConstructor['dispose']>>(true)
  void platform
}

export async function scopedAsync(log: string[]): Promise<void> {
  await using stack = new AsyncExitStack()
  await using _deferred = asyncDefer(async () => log.push('deferred'))
  await using disposables = new AsyncDisposableStack()
  await using own = new ponyfill.AsyncDisposableStack()
  stack.callback(() => log.push('callback'))
  disposables.defer(async () => {
    log.push('stack')
  })
  const platform: globalThis.AsyncDisposableStack = own
  void platform
}
`

/** Every export of `ctxlib/node`: needs Node's types. */
const node = (ext: '' | 'm' | 'c'): string => `
import { createServer } from 'node:http'
import type { Socket } from 'node:net'
import type { FileHandle } from 'node:fs/promises'
import type { ChildProcess } from 'node:child_process'
import { withAsyncContext, withContext } from 'ctxlib'
import {
  AtomicWrite,
  Chdir,
  Connect,
  Listen,
  OpenFile,
  OpenFileSync,
  Redirect,
  Spawn,
  TempDir,
  TempDirSync,
  atomicWrite,
  chdir,
  connect,
  listen,
  openFile,
  openFileSync,
  redirectStderr,
  redirectStdout,
  spawn,
  tempDir,
  tempDirSync,
} from 'ctxlib/node'
import type { AtomicWriteOptions, ConnectOptions, ListenOptions, SpawnOptions, WritableLike } from 'ctxlib/node'

import { assertType, type Equal } from './equal.${ext}js'

export async function files(): Promise<void> {
  const dir = await withAsyncContext(tempDir('ctxlib-'), async (path) => path)
  assertType<Equal<typeof dir, string>>(true)
  await withAsyncContext(openFile('notes.txt', 'w'), async (handle) => {
    const h: FileHandle = handle
    await h.write('hello')
  })
  const options: AtomicWriteOptions = { fsync: false, mode: 0o600 }
  await withAsyncContext(atomicWrite('notes.txt', options), async (handle) => handle.write('x'))
  const fd = withContext(openFileSync('notes.txt', 'r'), (descriptor) => descriptor)
  assertType<Equal<typeof fd, number>>(true)
  withContext([tempDirSync(), chdir('.')], ([path]) => path.length)
  const sink: WritableLike = { write: () => true }
  withContext([redirectStdout(sink), redirectStderr(sink)], () => undefined)
  const managers: unknown[] = [
    new AtomicWrite('a'), new Chdir('.'), new OpenFile('a'), new OpenFileSync('a'), new TempDir(), new TempDirSync(),
  ]
  void managers
  // @ts-expect-error -- chdir wants a path
  chdir(1)
}

export async function processes(): Promise<void> {
  const connectOptions: ConnectOptions = { port: 1, host: '127.0.0.1', gracePeriod: 10 }
  await withAsyncContext(connect(connectOptions), async (socket) => {
    const s: Socket = socket
    s.write('ping')
  })
  const listenOptions: ListenOptions = { port: 0, host: '127.0.0.1', gracePeriod: 10 }
  await withAsyncContext(listen(createServer(), listenOptions), async (server) => server.address())
  const spawnOptions: SpawnOptions = { stdio: 'ignore', gracePeriod: 10 }
  await withAsyncContext(spawn('node', ['-v'], spawnOptions), async (child) => {
    const c: ChildProcess = child
    return c.pid
  })
  const classes = [Connect, Listen, Redirect, Spawn]
  void classes
}
`

/** A consumer that reaches for what the package does not offer. */
const forbidden = `
import { notAnExport } from 'ctxlib'
import { unwind } from 'ctxlib/dist/index.js'
export const used = [notAnExport, unwind]
`

export type SourceSet = 'core' | 'using' | 'node' | 'forbidden'

/**
 * The files of each source set for a module flavour: `'esm'` gives `.mts`
 * files (node16: ES modules), `'cjs'` gives `.cts` files (node16: CommonJS),
 * `'ts'` gives `.ts` files (bundler resolution).
 */
export function sourceFiles(set: SourceSet, flavour: 'esm' | 'cjs' | 'ts'): Record<string, string> {
  const ext = flavour === 'esm' ? 'm' : flavour === 'cjs' ? 'c' : ''
  const file = (name: string): string => `${name}.${ext}ts`
  const text = { core: core(ext), using: using(ext), node: node(ext), forbidden }[set]
  return { [file('equal')]: equal, [file(set)]: text }
}
