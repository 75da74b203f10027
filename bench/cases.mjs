// The benchmark cases, grouped. Each group runs in its own child process on
// each runtime (so that one group's call-site feedback cannot make another
// group's call sites polymorphic), and within a group every case is measured
// in interleaved rounds so that the ratios compare numbers taken at the same
// moment on this shared machine.
//
// A case is one "scope": acquire a resource, run a body, release it. Every
// case consumes what it computes (the `sink`, the `live`/`released`
// counters) so that no engine can drop the work, and the worker checks the
// counters after the warm-up (a case that stops releasing fails the run).
//
// Fields: id, label, ref (ids of the reference, first present wins),
// async, needs (features the runtime or the checkout must have), py (the
// CPython case it mirrors), releases (expected releases per scope), make(ctx)
// → a zero-argument function (sync or async).

import { EventEmitter } from 'node:events'

export const state = { live: 0, released: 0, sink: 0, current: null }

const S = state

// The body every scope runs: cheap, but it reads its argument.
function body(v) {
  return v === undefined ? 1 : 2
}

const ERR = new TypeError('expected') // preallocated: the error cases measure unwinding, not stack capture
function throwBody() {
  throw ERR
}

function pairBody(pair) {
  return pair.length
}

function cb() {
  S.released++
}
async function acb() {
  S.released++
}

/**
 * A class-based context manager, as a user writes one. It publishes itself
 * while entered (as a lock records its owner), so the engine must really
 * allocate it: a manager that escapes nowhere lets V8 fold a hand-written
 * block down to its counters (see `hand-enter-exit-pure`), which no
 * out-of-line call can match and no real manager allows.
 */
class Res {
  enter() {
    S.live++
    S.current = this
    return this
  }
  exit() {
    S.live--
    S.released++
    S.current = null
    return false
  }
}

/** The same manager without the escape: the engine may scalar-replace it. */
class PureRes {
  enter() {
    S.live++
    return this
  }
  exit() {
    S.live--
    S.released++
    return false
  }
}

/**
 * A generator manager as a careful user writes one by hand: it holds the
 * generator and a state, and checks what the protocol needs (entered once,
 * the generator yielded, it stopped). No `.wrap`, no factory kept.
 */
class HandGenManager {
  constructor(generator) {
    this.generator = generator
    this.state = 0
  }
  enter() {
    if (this.state !== 0) throw new TypeError('entered twice')
    this.state = 1
    const step = this.generator.next()
    if (step.done === true) throw new TypeError("didn't yield")
    return step.value
  }
  exit() {
    if (this.state !== 1) throw new TypeError('not entered')
    this.state = 2
    if (this.generator.next().done !== true) throw new TypeError("didn't stop")
    return false
  }
}

/** An async class-based context manager, with async methods as a user writes them. */
class ARes {
  async enterAsync() {
    S.live++
    S.current = this
    return this
  }
  async exitAsync() {
    S.live--
    S.released++
    S.current = null
    return false
  }
}

/** A disposable for `using`, allocated per scope (like `using r = new Res()`). */
function makeDisp(sym) {
  return class Disp {
    constructor() {
      S.live++
    }
    [sym]() {
      S.live--
      S.released++
    }
  }
}

function makeADisp(sym) {
  return class ADisp {
    constructor() {
      S.live++
    }
    async [sym]() {
      S.live--
      S.released++
    }
  }
}

/** `n` distinct preallocated resources keyed by `sym` (a stack's `use` target). */
function resources(sym, n, isAsync = false) {
  const out = []
  for (let i = 0; i < n; i++) {
    out.push(
      isAsync
        ? {
            async [sym]() {
              S.released++
            },
          }
        : {
            [sym]() {
              S.released++
            },
          },
    )
  }
  return out
}

function* gen() {
  S.live++
  try {
    yield 1
  } finally {
    S.live--
    S.released++
  }
}

function* genCatch() {
  S.live++
  try {
    yield 1
  } catch {
    // swallow: the manager suppresses
  } finally {
    S.live--
    S.released++
  }
}

async function* agen() {
  S.live++
  try {
    yield 1
  } finally {
    S.live--
    S.released++
  }
}

const NONE = Symbol('none')

/** A hand-written callback stack (what a careful user writes instead of a library). */
function handStack(n) {
  const cbs = []
  for (let i = 0; i < n; i++) cbs.push(cb)
  let error = NONE
  for (let i = cbs.length; i-- > 0; ) {
    try {
      cbs[i]()
    } catch (e) {
      error = e
    }
  }
  if (error !== NONE) throw error
}

// --- DisposableStack implementations under test -------------------------

function stackImpls(ctx) {
  const out = []
  if (ctx.native.DisposableStack) {
    out.push({ key: 'native', label: 'native', DS: ctx.native.DisposableStack, ADS: ctx.native.AsyncDisposableStack, sym: Symbol.dispose, asym: Symbol.asyncDispose, needs: ['native-ds'] })
  }
  out.push({ key: 'ponyfill', label: 'ctxlib/ponyfill', DS: ctx.pony?.DisposableStack, ADS: ctx.pony?.AsyncDisposableStack, sym: ctx.disposeSymbol, asym: ctx.asyncDisposeSymbol, needs: ['ponyfill'] })
  out.push({ key: 'corejs', label: 'core-js-pure', DS: ctx.peers.corejs.DS, ADS: ctx.peers.corejs.ADS, sym: ctx.peers.corejs.sym, asym: ctx.peers.corejs.asym, needs: [] })
  out.push({ key: 'esshims', label: 'es-shims disposablestack', DS: ctx.peers.esshims.DS, ADS: ctx.peers.esshims.ADS, sym: ctx.peers.esshims.sym, asym: ctx.peers.esshims.asym, needs: [] })
  out.push({ key: 'whatwg', label: '@whatwg-node/disposablestack (not spec-exact)', DS: ctx.peers.whatwg.DS, ADS: ctx.peers.whatwg.ADS, sym: ctx.peers.whatwg.sym, asym: ctx.peers.whatwg.asym, needs: [] })
  return out
}

// The stack groups are built from the implementations the worker loaded, so
// they are functions of the context; the others are plain lists.

export function groups(ctx) {
  const lib = ctx.lib
  const lowered = ctx.lowered
  const nativeUsing = ctx.nativeUsing
  const Disp = makeDisp(Symbol.dispose)
  const ADisp = makeADisp(Symbol.asyncDispose)

  const gcm = lib.contextManager(gen)
  const gcmCatch = lib.contextManager(genCatch)
  const acm = lib.asyncContextManager(agen)
  const closable = {
    close() {
      S.released++
    },
  }

  const C = {}
  const def = (c) => {
    C[c.id] = c
  }

  def({
    id: 'try-finally',
    label: 'try/finally (floor)',
    releases: 1,
    make: () => () => {
      S.live++
      try {
        S.sink += body(1)
      } finally {
        S.live--
        S.released++
      }
    },
  })
  def({
    id: 'hand-enter-exit',
    label: 'hand-written enter/try/exit',
    ref: ['try-finally'],
    releases: 1,
    make: () => () => {
      const cm = new Res()
      const v = cm.enter()
      let r
      try {
        r = body(v)
      } catch (e) {
        if (cm.exit(e) !== true) throw e
        return
      }
      cm.exit()
      S.sink += r
    },
  })
  def({
    id: 'hand-enter-exit-pure',
    label: 'hand-written enter/try/exit, manager scalar-replaced',
    ref: ['try-finally'],
    releases: 1,
    make: () => () => {
      const cm = new PureRes()
      const v = cm.enter()
      let r
      try {
        r = body(v)
      } catch (e) {
        if (cm.exit(e) !== true) throw e
        return
      }
      cm.exit()
      S.sink += r
    },
  })
  def({
    id: 'ts-using',
    label: 'TypeScript-lowered `using` (ES2022)',
    ref: ['try-finally'],
    releases: 1,
    make: () => () => {
      S.sink += lowered.usingOne(new Disp(), body)
    },
  })
  def({
    id: 'native-using',
    label: 'native `using`',
    ref: ['try-finally'],
    needs: ['native-using'],
    releases: 1,
    make: () => () => {
      S.sink += nativeUsing.usingOne(new Disp(), body)
    },
  })
  def({
    id: 'withContext-class',
    label: 'ctxlib withContext + class manager',
    ref: ['hand-enter-exit'],
    py: 'class-manager',
    releases: 1,
    make: () => () => {
      S.sink += lib.withContext(new Res(), body)
    },
  })
  def({
    id: 'withContext-array2',
    label: 'ctxlib withContext([class, class])',
    ref: ['hand-enter-exit'],
    releases: 2,
    make: () => () => {
      S.sink += lib.withContext([new Res(), new Res()], pairBody)
    },
  })
  def({
    id: 'withContext-closing',
    label: 'ctxlib withContext + closing(x)',
    ref: ['hand-enter-exit'],
    releases: 1,
    make: () => () => {
      S.sink += lib.withContext(lib.closing(closable), body)
    },
  })
  def({
    id: 'withContext-nullContext',
    label: 'ctxlib withContext + nullContext()',
    ref: ['hand-enter-exit'],
    releases: 0,
    make: () => () => {
      S.sink += lib.withContext(lib.nullContext(), body)
    },
  })
  def({
    id: 'withContext-disposable',
    label: 'ctxlib withContext + a disposable',
    ref: ['ts-using'],
    releases: 1,
    make: () => () => {
      S.sink += lib.withContext(new Disp(), body)
    },
  })
  def({
    id: 'ts-using-defer',
    label: 'ctxlib defer under TS-lowered `using`',
    ref: ['ts-using'],
    releases: 1,
    make: () => () => {
      S.sink += lowered.usingDefer(lib.defer, cb, body)
    },
  })
  def({
    id: 'bare-gen',
    label: 'bare generator: create + next + next',
    releases: 1,
    make: () => () => {
      const g = gen()
      S.sink += body(g.next().value)
      g.next()
    },
  })
  def({
    id: 'hand-gen-manager',
    label: 'hand-written generator manager class, hand-written enter/try/exit',
    ref: ['bare-gen'],
    releases: 1,
    make: () => () => {
      const cm = new HandGenManager(gen())
      const v = cm.enter()
      let r
      try {
        r = body(v)
      } catch (e) {
        if (cm.exit(e) !== true) throw e
        return
      }
      cm.exit()
      S.sink += r
    },
  })
  def({
    id: 'hand-block-gcm',
    label: 'ctxlib contextManager generator, hand-written enter/try/exit',
    ref: ['bare-gen'],
    releases: 1,
    make: () => () => {
      const cm = gcm()
      const v = cm.enter()
      let r
      try {
        r = body(v)
      } catch (e) {
        if (cm.exit(e) !== true) throw e
        return
      }
      cm.exit()
      S.sink += r
    },
  })
  def({
    id: 'withContext-gen',
    label: 'ctxlib withContext + contextManager generator',
    ref: ['bare-gen'],
    py: 'contextmanager',
    releases: 1,
    make: () => () => {
      S.sink += lib.withContext(gcm(), body)
    },
  })
  def({
    id: 'bare-gen-throw',
    label: 'bare generator: create + next, the body throws, caught and thrown in',
    releases: 1,
    make: () => () => {
      const g = genCatch()
      try {
        throwBody(g.next().value)
      } catch (e) {
        if (g.throw(e).done !== true) throw new Error('generator did not stop')
        S.sink++
      }
    },
  })
  def({
    id: 'withContext-gen-throw',
    label: 'ctxlib withContext + generator, body throws, suppressed',
    ref: ['bare-gen-throw'],
    py: 'contextmanager-raise',
    releases: 1,
    make: () => () => {
      if (lib.withContext(gcmCatch(), throwBody) === undefined) S.sink++
    },
  })
  def({
    id: 'async-try-finally',
    label: 'async try/finally awaiting a callback (floor)',
    async: true,
    releases: 1,
    make: () => async () => {
      try {
        S.sink += body(1)
      } finally {
        await acb()
      }
    },
  })
  def({
    id: 'hand-async-enter-exit',
    label: 'hand-written await enterAsync/try/exitAsync',
    ref: ['async-try-finally'],
    async: true,
    releases: 1,
    make: () => async () => {
      const cm = new ARes()
      const v = await cm.enterAsync()
      let r
      try {
        r = await body(v)
      } catch (e) {
        if ((await cm.exitAsync(e)) !== true) throw e
        return
      }
      await cm.exitAsync()
      S.sink += r
    },
  })
  def({
    id: 'withAsyncContext-class',
    label: 'ctxlib withAsyncContext + async class manager',
    ref: ['hand-async-enter-exit'],
    py: 'async-class-manager',
    async: true,
    releases: 1,
    make: () => async () => {
      S.sink += await lib.withAsyncContext(new ARes(), body)
    },
  })
  def({
    id: 'bare-agen',
    label: 'bare async generator: create + await next ×2',
    async: true,
    releases: 1,
    make: () => async () => {
      const g = agen()
      S.sink += body((await g.next()).value)
      await g.next()
    },
  })
  def({
    id: 'bare-agen-call',
    label: 'the same, called through one more async function (floor of any library call)',
    ref: ['bare-agen'],
    async: true,
    releases: 1,
    make: () => {
      const drive = async () => {
        const g = agen()
        const r = body((await g.next()).value)
        await g.next()
        return r
      }
      return async () => {
        S.sink += await drive()
      }
    },
  })
  def({
    id: 'withAsyncContext-gen',
    label: 'ctxlib withAsyncContext + asyncContextManager',
    ref: ['bare-agen'],
    py: 'asynccontextmanager',
    async: true,
    releases: 1,
    make: () => async () => {
      S.sink += await lib.withAsyncContext(acm(), body)
    },
  })
  def({
    id: 'ts-await-using',
    label: 'TypeScript-lowered `await using` (ES2022)',
    ref: ['async-try-finally'],
    async: true,
    releases: 1,
    make: () => async () => {
      S.sink += await lowered.awaitUsingOne(new ADisp(), body)
    },
  })
  def({
    id: 'native-await-using',
    label: 'native `await using`',
    ref: ['async-try-finally'],
    needs: ['native-using'],
    async: true,
    releases: 1,
    make: () => async () => {
      S.sink += await nativeUsing.awaitUsingOne(new ADisp(), body)
    },
  })
  def({
    id: 'AsyncExitStack-1',
    label: 'ctxlib AsyncExitStack: pushAsyncCallback ×1 + closeAsync',
    ref: ['async-try-finally'],
    py: 'AsyncExitStack',
    async: true,
    releases: 1,
    make: () => async () => {
      const stack = new lib.AsyncExitStack()
      stack.pushAsyncCallback(acb)
      await stack.closeAsync()
    },
  })
  def({
    id: 'AsyncExitStack-enter-1',
    label: 'ctxlib AsyncExitStack: enterAsyncContext(async class) + closeAsync',
    ref: ['hand-async-enter-exit'],
    async: true,
    releases: 1,
    make: () => async () => {
      const stack = new lib.AsyncExitStack()
      S.sink += body(await stack.enterAsyncContext(new ARes()))
      await stack.closeAsync()
    },
  })
  def({
    id: 'hand-stack-1',
    label: 'hand-written callback array ×1 (floor)',
    releases: 1,
    make: () => () => handStack(1),
  })
  def({
    id: 'ExitStack-1',
    label: 'ctxlib ExitStack: callback ×1 + close',
    ref: ['hand-stack-1'],
    py: 'ExitStack.callback',
    releases: 1,
    make: () => () => {
      const stack = new lib.ExitStack()
      stack.callback(cb)
      stack.close()
    },
  })
  def({
    id: 'hand-stack-10',
    label: 'hand-written callback array ×10 (floor)',
    releases: 10,
    make: () => () => handStack(10),
  })
  def({
    id: 'ExitStack-10',
    label: 'ctxlib ExitStack: callback ×10 + close',
    ref: ['hand-stack-10'],
    releases: 10,
    make: () => () => {
      const stack = new lib.ExitStack()
      for (let i = 0; i < 10; i++) stack.callback(cb)
      stack.close()
    },
  })
  def({
    id: 'withContext-ExitStack',
    label: 'ctxlib withContext(new ExitStack()) + enterContext(class)',
    ref: ['hand-enter-exit'],
    py: 'ExitStack.enter_context',
    releases: 1,
    make: () => () => {
      S.sink += lib.withContext(new lib.ExitStack(), (stack) => body(stack.enterContext(new Res())))
    },
  })
  def({
    id: 'hand-try-catch',
    label: 'hand-written try/catch instanceof (floor)',
    releases: 0,
    make: () => () => {
      try {
        S.sink += body(1)
      } catch (e) {
        if (!(e instanceof TypeError)) throw e
      }
    },
  })
  def({
    id: 'suppress',
    label: 'ctxlib withContext(suppress(TypeError)), no error',
    ref: ['hand-try-catch'],
    py: 'suppress',
    releases: 0,
    make: () => () => {
      S.sink += lib.withContext(lib.suppress(TypeError), body)
    },
  })
  def({
    id: 'hand-try-catch-raise',
    label: 'hand-written throw + catch instanceof (floor)',
    releases: 0,
    make: () => () => {
      try {
        throwBody()
      } catch (e) {
        if (!(e instanceof TypeError)) throw e
        S.sink++
      }
    },
  })
  def({
    id: 'suppress-raise',
    label: 'ctxlib withContext(suppress(TypeError)), error suppressed',
    ref: ['hand-try-catch-raise'],
    py: 'suppress-raise',
    releases: 0,
    make: () => () => {
      if (lib.withContext(lib.suppress(TypeError), throwBody) === undefined) S.sink++
    },
  })

  // Each target pair runs alone in its process, so that its call sites see
  // only its own shapes (the best case a real program can have); the
  // 'mixed' group shows what a program using many managers pays.
  const pick = (name, ids, extra = {}) => ({ name, cases: ids.map((id) => C[id]), ...extra })
  const sync = pick('floors: try/finally, hand-written manager, `using`', ['try-finally', 'hand-enter-exit-pure', 'hand-enter-exit', 'ts-using', 'native-using'])
  const cls = pick('withContext + class manager (alone in its process)', ['hand-enter-exit', 'withContext-class'])
  const small = pick('withContext + the small managers', [
    'hand-enter-exit',
    'ts-using',
    'withContext-array2',
    'withContext-closing',
    'withContext-nullContext',
    'withContext-disposable',
    'ts-using-defer',
  ])
  const generators = pick('withContext + generator manager (alone in its process)', ['bare-gen', 'hand-gen-manager', 'hand-block-gcm', 'withContext-gen'])
  const generatorsThrow = pick('withContext + generator manager, the body throws (alone in its process)', ['bare-gen-throw', 'withContext-gen-throw'])
  const asyncClass = pick('withAsyncContext + async class manager (alone in its process)', ['hand-async-enter-exit', 'withAsyncContext-class'])
  const asyncGen = pick('withAsyncContext + async generator manager (alone in its process)', ['bare-agen', 'bare-agen-call', 'withAsyncContext-gen'])
  const asyncs = pick('async floors, `await using`, AsyncExitStack', [
    'async-try-finally',
    'hand-async-enter-exit',
    'ts-await-using',
    'native-await-using',
    'AsyncExitStack-1',
    'AsyncExitStack-enter-1',
  ])
  const stacks = pick('ExitStack (alone in its process)', ['hand-stack-1', 'ExitStack-1', 'hand-stack-10', 'ExitStack-10'])
  const stackWith = pick('withContext(ExitStack)', ['hand-enter-exit', 'withContext-ExitStack'])
  const suppressGroup = pick('suppress (alone in its process)', ['hand-try-catch', 'suppress', 'hand-try-catch-raise', 'suppress-raise'])

  const impls = stackImpls(ctx)
  const dsRef = ['ds1-native']
  const ds1 = {
    name: 'DisposableStack: new + use ×1 + dispose',
    cases: impls.map((impl) => ({
      id: `ds1-${impl.key}`,
      label: `${impl.label} DisposableStack`,
      ref: impl.key === 'native' ? [] : dsRef,
      needs: impl.needs,
      releases: 1,
      make: () => {
        const [res] = resources(impl.sym, 1)
        const DS = impl.DS
        return () => {
          const stack = new DS()
          stack.use(res)
          stack.dispose()
        }
      },
    })),
  }
  const ds10 = {
    name: 'DisposableStack: new + use ×10 + dispose',
    cases: impls.map((impl) => ({
      id: `ds10-${impl.key}`,
      label: `${impl.label} DisposableStack ×10`,
      ref: impl.key === 'native' ? [] : ['ds10-native'],
      needs: impl.needs,
      releases: 10,
      make: () => {
        const res = resources(impl.sym, 10)
        const DS = impl.DS
        return () => {
          const stack = new DS()
          for (let i = 0; i < 10; i++) stack.use(res[i])
          stack.dispose()
        }
      },
    })),
  }
  const ads1 = {
    name: 'AsyncDisposableStack: new + use ×1 + disposeAsync',
    cases: impls.map((impl) => ({
      id: `ads1-${impl.key}`,
      label: `${impl.label} AsyncDisposableStack`,
      ref: impl.key === 'native' ? [] : ['ads1-native'],
      needs: impl.needs,
      async: true,
      releases: 1,
      make: () => {
        const [res] = resources(impl.asym, 1, true)
        const ADS = impl.ADS
        return async () => {
          const stack = new ADS()
          stack.use(res)
          await stack.disposeAsync()
        }
      },
    })),
  }

  // Scaling: cost per entry must stay flat as the stack grows (linear total).
  const NS = [1, 10, 100, 1000]
  const scaling = {
    name: 'scaling: cost per entry (1, 10, 100, 1,000)',
    cases: [
      ...NS.map((n) => ({
        id: `scale-ExitStack-${n}`,
        label: `ctxlib ExitStack callback ×${n}`,
        scale: { series: 'ExitStack callbacks', n },
        releases: n,
        make: () => () => {
          const stack = new lib.ExitStack()
          for (let i = 0; i < n; i++) stack.callback(cb)
          stack.close()
        },
      })),
      ...impls
        .filter((impl) => impl.key === 'native' || impl.key === 'ponyfill')
        .flatMap((impl) =>
          NS.map((n) => ({
            id: `scale-ds-${impl.key}-${n}`,
            label: `${impl.label} DisposableStack use ×${n}`,
            scale: { series: `${impl.label} DisposableStack`, n },
            needs: impl.needs,
            releases: n,
            make: () => {
              const res = resources(impl.sym, n)
              const DS = impl.DS
              return () => {
                const stack = new DS()
                for (let i = 0; i < n; i++) stack.use(res[i])
                stack.dispose()
              }
            },
          })),
        ),
      ...NS.map((n) => ({
        id: `scale-nested-${n}`,
        label: `ctxlib withContext nested ${n} deep`,
        scale: { series: 'nested withContext', n },
        releases: n,
        make: () => {
          const nest = (d) => (d === 0 ? body(1) : lib.withContext(new Res(), () => nest(d - 1)))
          return () => {
            S.sink += nest(n)
          }
        },
      })),
    ],
  }

  // withContext's call sites after the program has used it with many kinds
  // of managers, as a real program does: shows the cost of polymorphism.
  const mixed = {
    name: 'withContext after mixed use (polymorphic call sites)',
    warm: () => {
      for (let i = 0; i < 20000; i++) {
        lib.withContext(new Res(), body)
        lib.withContext(gcm(), body)
        lib.withContext(lib.suppress(TypeError), body)
        lib.withContext(lib.closing(closable), body)
        lib.withContext(lib.nullContext(), body)
        lib.withContext(new Disp(), body)
        lib.withContext(new lib.ExitStack(), body)
        lib.withContext([new Res(), new Res()], () => 1)
      }
    },
    cases: [
      {
        id: 'mixed-hand-enter-exit',
        label: 'hand-written enter/try/exit',
        releases: 1,
        make: C['hand-enter-exit'].make,
      },
      {
        id: 'mixed-withContext-class',
        label: 'ctxlib withContext + class manager (megamorphic)',
        ref: ['mixed-hand-enter-exit'],
        releases: 1,
        make: () => () => {
          S.sink += lib.withContext(new Res(), body)
        },
      },
      {
        id: 'mixed-withContext-gen',
        label: 'ctxlib withContext + generator (megamorphic)',
        ref: ['mixed-bare-gen'],
        releases: 1,
        make: () => () => {
          S.sink += lib.withContext(gcm(), body)
        },
      },
      {
        id: 'mixed-bare-gen',
        label: 'bare generator: create + next + next',
        releases: 1,
        make: C['bare-gen'].make,
      },
    ],
  }

  // The throwing path: a whole stack of callbacks that all throw, each error
  // chained to the one before (nothing-is-lost rule, one SuppressedError per
  // entry), against the runtime's own DisposableStack doing the same. One
  // scope is a whole unwinding, so the harness runs few of them (`heavy`).
  const THROWING = 100_000
  const throwingCb = () => {
    S.released++
    throw new Error('callback failed')
  }
  const throwing = {
    name: `throwing path: ${THROWING.toLocaleString('en')} throwing callbacks, unwound`,
    cases: [
      {
        id: 'throwing-native-ds',
        label: 'native DisposableStack: defer ×100,000 throwing, dispose',
        needs: ['native-ds'],
        releases: THROWING,
        heavy: true,
        make: () => () => {
          const stack = new ctx.native.DisposableStack()
          for (let i = 0; i < THROWING; i++) stack.defer(throwingCb)
          try {
            stack.dispose()
          } catch (e) {
            S.sink += e === undefined ? 0 : 1
          }
        },
      },
      {
        id: 'throwing-ExitStack',
        label: 'ctxlib ExitStack: callback ×100,000 throwing, close',
        ref: ['throwing-native-ds'],
        releases: THROWING,
        heavy: true,
        make: () => () => {
          const stack = new lib.ExitStack()
          for (let i = 0; i < THROWING; i++) stack.callback(throwingCb)
          try {
            stack.close()
          } catch (e) {
            S.sink += e === undefined ? 0 : 1
          }
        },
      },
    ],
  }

  return { sync, cls, small, generators, generatorsThrow, asyncClass, asyncGen, asyncs, stacks, stackWith, suppress: suppressGroup, ds1, ds10, ads1, scaling, mixed, throwing, ...lifecycleGroups(ctx) }
}

// Lifecycle managers against the hand-written code they replace.

function trivialTask(signal) {
  return signal.aborted ? 0 : 1
}

const ABORT_REASON = new Error('scope over') // preallocated: measure the scope, not an AbortError per abort

function lifecycleGroups(ctx) {
  const lib = ctx.lib
  const sym = ctx.disposeSymbol
  const emitter = new EventEmitter()
  const onEvent = () => {
    S.sink++
  }
  const spawn10 = (tg) => {
    for (let i = 0; i < 10; i++) tg.spawn(trivialTask)
  }
  const taskGroup = {
    name: 'taskGroup: spawn 10 trivial tasks, wait for all',
    cases: [
      {
        id: 'hand-group-10',
        label: 'AbortController + Promise.allSettled + AggregateError, by hand',
        async: true,
        releases: 1,
        make: () => async () => {
          const controller = new AbortController()
          const signal = controller.signal
          const abortAll = () => {
            if (!signal.aborted) controller.abort()
          }
          const tasks = []
          for (let i = 0; i < 10; i++) {
            const task = Promise.resolve(signal).then(trivialTask)
            task.then(undefined, abortAll)
            tasks.push(task)
          }
          const results = await Promise.allSettled(tasks)
          let errors
          for (const r of results) if (r.status === 'rejected') (errors ??= []).push(r.reason)
          if (errors !== undefined) throw new AggregateError(errors, 'unhandled errors in a task group')
          S.sink += results.length
          S.released++
        },
      },
      {
        id: 'taskGroup-10',
        label: 'ctxlib withAsyncContext(taskGroup(), spawn ×10)',
        ref: ['hand-group-10'],
        async: true,
        needs: lib.taskGroup ? [] : ['lifecycle'],
        releases: 1,
        make: () => async () => {
          await lib.withAsyncContext(lib.taskGroup(), spawn10)
          S.sink += 10
          S.released++
        },
      },
    ],
  }
  const eventListener = {
    name: 'eventListener: add + dispose on an EventEmitter',
    cases: [
      {
        id: 'raw-on-off',
        label: 'emitter.on + emitter.off',
        releases: 1,
        make: () => () => {
          emitter.on('event', onEvent)
          S.sink += emitter.listenerCount('event')
          emitter.off('event', onEvent)
          S.released++
        },
      },
      {
        id: 'wrapper-on-off',
        label: 'floor: a wrapper with .listener per registration, on + off',
        ref: ['raw-on-off'],
        releases: 1,
        make: () => () => {
          const wrapper = function (...args) {
            return onEvent.apply(this, args)
          }
          wrapper.listener = onEvent
          emitter.on('event', wrapper)
          S.sink += emitter.listenerCount('event')
          emitter.off('event', wrapper)
          S.released++
        },
      },
      {
        id: 'eventListener',
        label: 'ctxlib eventListener + dispose',
        ref: ['raw-on-off'],
        needs: lib.eventListener ? [] : ['lifecycle'],
        releases: 1,
        make: () => () => {
          const registration = lib.eventListener(emitter, 'event', onEvent)
          S.sink += emitter.listenerCount('event')
          registration[sym]()
          S.released++
        },
      },
    ],
  }
  const abortOnExit = {
    name: 'abortOnExit: a scope whose signal aborts at its end',
    cases: [
      {
        id: 'hand-abort-finally',
        label: 'new AbortController() + abort() in finally',
        releases: 1,
        make: () => () => {
          const controller = new AbortController()
          try {
            S.sink += body(controller.signal)
          } finally {
            controller.abort(ABORT_REASON)
            S.released++
          }
        },
      },
      {
        id: 'abortOnExit-using',
        label: 'ctxlib abortOnExit() under using (lowered)',
        ref: ['hand-abort-finally'],
        needs: lib.abortOnExit ? [] : ['lifecycle'],
        releases: 1,
        make: () => () => {
          const scope = lib.abortOnExit(ABORT_REASON)
          try {
            S.sink += body(scope.signal)
          } finally {
            scope[sym]()
            S.released++
          }
        },
      },
      {
        id: 'abortOnExit-withContext',
        label: 'ctxlib withContext(abortOnExit(), body)',
        ref: ['hand-abort-finally'],
        needs: lib.abortOnExit ? [] : ['lifecycle'],
        releases: 1,
        make: () => () => {
          try {
            S.sink += lib.withContext(lib.abortOnExit(ABORT_REASON), body)
          } finally {
            S.released++
          }
        },
      },
    ],
  }
  return { taskGroup, eventListener, abortOnExit }
}
