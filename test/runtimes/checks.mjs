// The runtime smoke suite: exercises every export of the built package, as
// installed from its tarball, on one runtime. Plain JavaScript with its own
// tiny assertion loop, so that it runs unchanged on Node, Bun, Deno and (bundled
// by esbuild) in a browser page. `smoke.mjs` and `browser.mjs` call `runChecks`.

/** Export names per entry: an export missing here fails the suite as untested. */
export const EXPORTS = {
  ctxlib: [
    'AsyncContextDecorator', 'AsyncDisposableStack', 'AsyncExitStack', 'AsyncGeneratorContextManager',
    'ContextDecorator', 'DisposableStack', 'ExitStack', 'GeneratorContextManager', 'SuppressedError',
    'TimeoutError', 'asyncClosing', 'asyncContextManager', 'asyncDefer', 'closing', 'contextManager', 'defer',
    'flattenErrors', 'isAsyncContextManager', 'isAsyncDisposable', 'isContextManager', 'isDisposable',
    'nullContext', 'suppress', 'timeout', 'withAsyncContext', 'withContext',
    'AbortOnExit', 'Concurrently', 'Deadline', 'EventListenerRegistration', 'Interval', 'ResourceLeakError',
    'TaskGroup', 'Timer', 'abortOnExit', 'concurrently', 'deadline', 'eventListener', 'formatError', 'interval',
    'taskGroup', 'timer', 'trackUnclosed',
  ],
  'ctxlib/ponyfill': ['AsyncDisposableStack', 'DisposableStack', 'SuppressedError'],
  'ctxlib/polyfill': [],
  'ctxlib/node': [
    'AtomicWrite', 'Chdir', 'Connect', 'Listen', 'OpenFile', 'OpenFileSync', 'Redirect', 'Spawn', 'TempDir',
    'TempDirSync', 'atomicWrite', 'chdir', 'connect', 'listen', 'openFile', 'openFileSync', 'redirectStderr',
    'redirectStdout', 'spawn', 'tempDir', 'tempDirSync',
    'LeakCheck', 'ShutdownSignal', 'ShutdownSignalError', 'leakCheck', 'shutdownSignal',
  ],
}

class AssertionFailed extends Error {}

function assert(condition, message) {
  if (condition !== true) throw new AssertionFailed(message)
}
function equal(actual, expected, what) {
  const a = JSON.stringify(actual)
  const e = JSON.stringify(expected)
  if (a !== e) throw new AssertionFailed(`${what}: expected ${e}, got ${a}`)
}
function throwsSync(fn, check, what) {
  try {
    fn()
  } catch (error) {
    assert(check(error), `${what}: wrong error ${String(error)}`)
    return error
  }
  throw new AssertionFailed(`${what}: nothing was thrown`)
}
async function rejects(fn, check, what) {
  try {
    await fn()
  } catch (error) {
    assert(check(error), `${what}: wrong error ${String(error)}`)
    return error
  }
  throw new AssertionFailed(`${what}: nothing was thrown`)
}

/** A manager that logs its enter and exit, and returns `result` from exit. */
function logged(log, name, result) {
  return {
    enter() {
      log.push(`enter ${name}`)
      return name
    },
    exit(...thrown) {
      log.push(`exit ${name}: ${thrown.length === 0 ? 'ok' : String(thrown[0]?.message ?? thrown[0])}`)
      return result
    },
  }
}

const nativeUsingSource = `
  const log = []
  {
    using stack = new ExitStack()
    stack.callback(() => log.push('callback'))
    using _d = defer(() => log.push('defer'))
    log.push('body')
  }
  return log
`

/**
 * The checks for the entries in `modules` ({ ctxlib, ponyfill, polyfill:
 * () => import, node?, cjs? }). `host` says what to expect of the host:
 * `{ usingSyntax: boolean, sleepArgs?: string[] }` (sleepArgs: arguments
 * that make this runtime's binary run until killed). Returns [{ name, error? }].
 */
export async function runChecks(modules, host) {
  const results = []
  const check = async (name, fn) => {
    try {
      await fn()
      results.push({ name })
    } catch (error) {
      results.push({ name, error: error instanceof AssertionFailed ? error.message : `${error?.name}: ${error?.message ?? String(error)}` })
    }
  }
  const { ctxlib: c, ponyfill: p } = modules

  // The host's own globals, read before ctxlib/polyfill runs (last, below).
  const hostBefore = {
    DisposableStack: globalThis.DisposableStack,
    AsyncDisposableStack: globalThis.AsyncDisposableStack,
    SuppressedError: globalThis.SuppressedError,
    dispose: Symbol.dispose,
    asyncDispose: Symbol.asyncDispose,
  }

  for (const [entry, names] of Object.entries(EXPORTS)) {
    const module = { ctxlib: c, 'ctxlib/ponyfill': p, 'ctxlib/node': modules.node }[entry]
    if (module === undefined) continue
    await check(`${entry}: exports exactly the tested names`, () => {
      const found = Object.keys(module).filter((k) => k !== 'default' && k !== '__esModule' && k !== 'module.exports').sort()
      equal(found, [...names].sort(), `${entry} exports`)
    })
  }

  if (modules.cjs !== undefined) {
    for (const [entry, esm] of Object.entries({ ctxlib: c, 'ctxlib/ponyfill': p, 'ctxlib/node': modules.node })) {
      if (esm === undefined) continue
      await check(`${entry}: import and require give the same objects`, () => {
        const cjs = modules.cjs(entry)
        const differing = EXPORTS[entry].filter((name) => esm[name] !== cjs[name])
        equal(differing, [], `${entry} differing exports`)
        if (entry === 'ctxlib') assert(new esm.ExitStack() instanceof cjs.ExitStack, 'instanceof across import and require')
      })
    }
  }

  // ---- ctxlib ----
  await check('withContext: enters in order, exits in reverse, returns the body result', () => {
    const log = []
    const result = c.withContext([logged(log, 'a'), logged(log, 'b')], ([a, b]) => `${a}${b}`)
    equal(result, 'ab', 'result')
    equal(log, ['enter a', 'enter b', 'exit b: ok', 'exit a: ok'], 'log')
  })
  await check('withContext: an exit returning true suppresses; later exits see no error', () => {
    const log = []
    const result = c.withContext([logged(log, 'a'), logged(log, 'b', true)], () => {
      throw new Error('boom')
    })
    equal(result, undefined, 'result')
    equal(log, ['enter a', 'enter b', 'exit b: boom', 'exit a: ok'], 'log')
  })
  await check('withContext: nothing is lost (SuppressedError chains exit and body errors)', () => {
    const body = new Error('body')
    const error = throwsSync(
      () => c.withContext(c.defer(() => { throw new Error('dispose') }), () => { throw body }),
      (e) => e instanceof c.SuppressedError,
      'withContext',
    )
    assert(error.suppressed === body && error.error.message === 'dispose', 'chain')
    equal(c.flattenErrors(error).map((e) => e.message), ['dispose', 'body'], 'flattenErrors')
  })
  await check('withContext: refuses an async body with a TypeError naming withAsyncContext', () => {
    throwsSync(() => c.withContext(c.nullContext(), async () => 1), (e) => e instanceof TypeError && /withAsyncContext/.test(e.message), 'async body')
  })
  await check('withAsyncContext: mixes async managers, sync managers and disposables', async () => {
    const log = []
    const asyncCm = {
      async enterAsync() { log.push('enter async'); return 'x' },
      async exitAsync() { log.push('exit async') },
    }
    const result = await c.withAsyncContext([asyncCm, logged(log, 's'), c.asyncDefer(async () => log.push('deferred'))], async ([x, s]) => x + s)
    equal(result, 'xs', 'result')
    equal(log, ['enter async', 'enter s', 'deferred', 'exit s: ok', 'exit async'], 'log')
  })
  await check('contextManager: yields the value, runs finally, re-raises by identity', () => {
    const log = []
    const cm = c.contextManager(function* (name) {
      try { yield name.toUpperCase() } finally { log.push('finally') }
    })
    equal(c.withContext(cm('a'), (v) => v), 'A', 'value')
    const boom = new Error('boom')
    const thrown = throwsSync(() => c.withContext(cm('b'), () => { throw boom }), (e) => e === boom, 'identity')
    assert(thrown === boom, 'same error')
    assert(cm('c') instanceof c.GeneratorContextManager, 'instanceof GeneratorContextManager')
    equal(log, ['finally', 'finally'], 'log')
    const never = c.contextManager(function* () {})
    throwsSync(() => c.withContext(never(), () => 1), (e) => e instanceof TypeError && /didn't yield/.test(e.message), "didn't yield")
  })
  await check('asyncContextManager: suppresses when the generator catches', async () => {
    const cm = c.asyncContextManager(async function* () {
      try { yield 1 } catch { /* swallowed: suppressed */ }
    })
    assert(cm() instanceof c.AsyncGeneratorContextManager, 'instanceof AsyncGeneratorContextManager')
    equal(await c.withAsyncContext(cm(), async () => { throw new Error('x') }), undefined, 'suppressed')
  })
  await check('ExitStack: enterContext, push, callback, popAll, close run LIFO', () => {
    const log = []
    const stack = new c.ExitStack()
    equal(stack.enterContext(logged(log, 'a')), 'a', 'entered value')
    stack.push(logged(log, 'pushed'))
    stack.callback((x) => log.push(`callback ${x}`), 1)
    const moved = stack.popAll()
    stack.close()
    equal(log, ['enter a'], 'popAll moved everything')
    moved.close()
    equal(log, ['enter a', 'callback 1', 'exit pushed: ok', 'exit a: ok'], 'log')
    assert(typeof stack[Symbol.dispose ?? Symbol.for('Symbol.dispose')] === 'function', 'disposable')
    throwsSync(() => stack.enterContext(1), (e) => e instanceof TypeError && /got number/.test(e.message), 'bad argument')
  })
  await check('AsyncExitStack: enterAsyncContext, pushAsyncCallback, closeAsync', async () => {
    const log = []
    const stack = new c.AsyncExitStack()
    equal(await stack.enterAsyncContext(c.nullContext(5)), 5, 'value')
    stack.pushAsyncCallback(async () => log.push('async callback'))
    stack.pushAsyncExit(async () => { log.push('async exit') })
    await stack.closeAsync()
    equal(log, ['async exit', 'async callback'], 'log')
  })
  await check('suppress: by class, by code string and by predicate; splits AggregateError', () => {
    equal(c.withContext(c.suppress(RangeError), () => { throw new RangeError('r') }), undefined, 'class')
    const coded = Object.assign(new Error('missing'), { code: 'ENOENT' })
    equal(c.withContext(c.suppress('ENOENT'), () => { throw coded }), undefined, 'code')
    const rest = throwsSync(
      () => c.withContext(c.suppress(TypeError), () => { throw new AggregateError([new TypeError('t'), new RangeError('r')], 'group') }),
      (e) => e instanceof AggregateError,
      'split',
    )
    equal(rest.errors.map((e) => e.name), ['RangeError'], 'rest')
    throwsSync(() => c.withContext(c.suppress((e) => e === 1), () => { throw 2 }), (e) => e === 2, 'predicate')
  })
  await check('closing and asyncClosing call close at exit', async () => {
    const log = []
    c.withContext(c.closing({ close: () => log.push('closed') }), () => log.push('body'))
    await c.withAsyncContext(c.asyncClosing({ close: async () => log.push('async closed') }), async () => log.push('async body'))
    equal(log, ['body', 'closed', 'async body', 'async closed'], 'log')
  })
  await check('nullContext enters as its value, sync and async', async () => {
    equal(c.withContext(c.nullContext(3), (v) => v), 3, 'sync')
    equal(await c.withAsyncContext(c.nullContext(4), async (v) => v), 4, 'async')
  })
  await check('ContextDecorator and AsyncContextDecorator wrap functions', async () => {
    const log = []
    class Scope extends c.ContextDecorator {
      enter() { log.push('enter') }
      exit() { log.push('exit') }
    }
    class AsyncScope extends c.AsyncContextDecorator {
      async enterAsync() { log.push('enter async') }
      async exitAsync() { log.push('exit async') }
    }
    equal(new Scope().wrap((x) => x * 2)(21), 42, 'sync result')
    equal(await new AsyncScope().wrap(async (x) => x + 1)(1), 2, 'async result')
    equal(log, ['enter', 'exit', 'enter async', 'exit async'], 'log')
  })
  await check('defer and asyncDefer run at most once', async () => {
    let n = 0
    const d = c.defer(() => n++)
    d[Symbol.dispose ?? Symbol.for('Symbol.dispose')]()
    d[Symbol.dispose ?? Symbol.for('Symbol.dispose')]()
    const a = c.asyncDefer(async () => n++)
    await a[Symbol.asyncDispose ?? Symbol.for('Symbol.asyncDispose')]()
    await a[Symbol.asyncDispose ?? Symbol.for('Symbol.asyncDispose')]()
    equal(n, 2, 'calls')
  })
  await check('timeout: aborts the signal with a TimeoutError and turns the failure into it', async () => {
    const error = await rejects(
      () => c.withAsyncContext(c.timeout(0), (signal) => new Promise((_, reject) => {
        signal.addEventListener('abort', () => reject(new Error('aborted')))
      })),
      (e) => e instanceof c.TimeoutError && e.name === 'TimeoutError',
      'timeout',
    )
    equal(error.cause?.message, 'aborted', 'cause')
    equal(await c.withAsyncContext(c.timeout(Infinity), async (signal) => signal.aborted), false, 'Infinity never fires')
  })
  await check('type guards recognise each protocol', () => {
    const stack = new c.ExitStack()
    equal([c.isContextManager(stack), c.isDisposable(stack), c.isAsyncContextManager(stack), c.isAsyncDisposable(stack)], [true, true, false, false], 'ExitStack')
    const asyncStack = new c.AsyncExitStack()
    equal([c.isAsyncContextManager(asyncStack), c.isAsyncDisposable(asyncStack)], [true, true], 'AsyncExitStack')
  })
  await check('taskGroup: a failing task cancels its sibling; failures reject as one AggregateError', async () => {
    const log = []
    const error = await rejects(
      () => c.withAsyncContext(c.taskGroup(), async (tg) => {
        tg.spawn((signal) => new Promise((resolve) => {
          signal.addEventListener('abort', () => {
            log.push('sibling cancelled')
            resolve()
          })
        }))
        tg.spawn(async () => {
          throw new Error('task failed')
        })
      }),
      (e) => e instanceof AggregateError,
      'taskGroup',
    )
    equal([log, error.errors.map((e) => e.message)], [['sibling cancelled'], ['task failed']], 'log and errors')
    const done = c.taskGroup()
    await done.exitAsync()
    throwsSync(() => done.spawn(() => 1), (e) => e instanceof TypeError && /finished/.test(e.message), 'spawn after exit')
  })
  await check('abortOnExit, eventListener, timer, interval, concurrently and deadline release at exit', async () => {
    const log = []
    const signal = c.withContext(c.abortOnExit(), (s) => s)
    assert(signal.aborted === true, 'abortOnExit aborts at exit')
    const target = new EventTarget()
    c.withContext(c.eventListener(target, 'ping', () => log.push('ping')), () => target.dispatchEvent(new Event('ping')))
    target.dispatchEvent(new Event('ping'))
    const t = c.timer(60_000, () => log.push('timer fired'))
    assert(t.pending === true, 'timer pending')
    t[Symbol.dispose ?? Symbol.for('Symbol.dispose')]()
    const i = c.interval(60_000, () => log.push('interval fired'))
    i[Symbol.dispose ?? Symbol.for('Symbol.dispose')]()
    assert(t.pending === false && i.active === false, 'cleared')
    const asyncDispose = Symbol.asyncDispose ?? Symbol.for('Symbol.asyncDispose')
    await c.concurrently(c.asyncDefer(async () => log.push('a')), null, c.asyncDefer(async () => log.push('b')))[asyncDispose]()
    await rejects(
      () => c.deadline(0, () => new Promise(() => {}))[asyncDispose](),
      (e) => e instanceof c.TimeoutError,
      'deadline',
    )
    equal(log, ['ping', 'a', 'b'], 'log')
  })
  await check('formatError prints a chain as Python prints a traceback', () => {
    let caught
    try {
      c.withContext(new c.ExitStack(), (stack) => {
        stack.callback(() => {
          throw new Error('close failed')
        })
        throw new TypeError('bad input')
      })
    } catch (e) {
      caught = e
    }
    const text = c.formatError(caught, { stack: false })
    assert(text.indexOf('TypeError: bad input') < text.indexOf('During handling of the above error, another error occurred:'), 'order')
    assert(text.endsWith('Error: close failed'), text)
  })
  await check('trackUnclosed turns on and off; ResourceLeakError lists leaks', () => {
    const tracking = c.trackUnclosed()
    tracking[Symbol.dispose ?? Symbol.for('Symbol.dispose')]()
    const error = new c.ResourceLeakError([{ type: 'Timeout', stack: 'at here' }])
    equal([error.name, error.leaks.length], ['ResourceLeakError', 1], 'error')
  })
  await check('ctxlib exports the host\'s own stacks and SuppressedError, else the ponyfill\'s', () => {
    for (const name of ['DisposableStack', 'AsyncDisposableStack', 'SuppressedError']) {
      const expected = typeof hostBefore[name] === 'function' ? hostBefore[name] : p[name]
      assert(c[name] === expected, `${name} is the ${typeof hostBefore[name] === 'function' ? "host's" : "ponyfill's"}`)
    }
  })

  // ---- ctxlib/ponyfill ----
  await check('ponyfill DisposableStack: use, adopt, defer, move, dispose in LIFO order', () => {
    const log = []
    const stack = new p.DisposableStack()
    stack.use(c.defer(() => log.push('use')))
    equal(stack.adopt(7, (v) => log.push(`adopt ${v}`)), 7, 'adopt returns value')
    stack.defer(() => log.push('defer'))
    const moved = stack.move()
    assert(stack.disposed === true && moved.disposed === false, 'move')
    moved.dispose()
    equal(log, ['defer', 'adopt 7', 'use'], 'log')
    equal(Object.prototype.toString.call(moved), '[object DisposableStack]', 'toStringTag')
    throwsSync(() => moved.defer(() => {}), (e) => e instanceof ReferenceError, 'disposed')
  })
  await check('ponyfill DisposableStack: errors aggregate into the ponyfill SuppressedError', () => {
    const stack = new p.DisposableStack()
    stack.defer(() => { throw new Error('first') })
    stack.defer(() => { throw new Error('second') })
    const error = throwsSync(() => stack.dispose(), (e) => e instanceof p.SuppressedError, 'dispose')
    equal([error.error.message, error.suppressed.message], ['first', 'second'], 'chain')
    const e = p.SuppressedError(1, 2, 'm')
    assert(e instanceof p.SuppressedError && e.message === 'm', 'callable without new')
  })
  await check('ponyfill AsyncDisposableStack: disposeAsync awaits in LIFO order', async () => {
    const log = []
    const stack = new p.AsyncDisposableStack()
    stack.defer(async () => log.push('a'))
    stack.use(c.asyncDefer(async () => log.push('b')))
    await stack.disposeAsync()
    equal(log, ['b', 'a'], 'log')
    assert(stack.disposed === true, 'disposed')
  })

  // ---- native using, where the host has the syntax ----
  await check(`native using ${host.usingSyntax ? 'disposes' : 'is absent, as expected on this host'}`, () => {
    let fn
    try {
      fn = new Function('ExitStack', 'defer', nativeUsingSource)
    } catch (error) {
      assert(!host.usingSyntax && error instanceof SyntaxError, `using syntax: ${String(error)}`)
      return
    }
    assert(host.usingSyntax, 'the host parses using, but was expected not to')
    equal(fn(c.ExitStack, c.defer), ['body', 'defer', 'callback'], 'log')
  })

  // ---- ctxlib/node ----
  if (modules.node !== undefined) await nodeChecks(check, modules.node, c, host)

  // ---- ctxlib/polyfill (last: it changes globals) ----
  await check('polyfill installs what is missing and replaces nothing', async () => {
    await modules.polyfill()
    for (const name of ['DisposableStack', 'AsyncDisposableStack', 'SuppressedError']) {
      const expected = typeof hostBefore[name] === 'function' ? hostBefore[name] : p[name]
      assert(globalThis[name] === expected, `globalThis.${name}`)
    }
    assert(typeof Symbol.dispose === 'symbol' && typeof Symbol.asyncDispose === 'symbol', 'symbols')
    if (hostBefore.dispose !== undefined) assert(Symbol.dispose === hostBefore.dispose, 'Symbol.dispose kept')
    else assert(Symbol.dispose === Symbol.for('Symbol.dispose'), 'Symbol.dispose installed')
    const iterator = [1, 2][Symbol.iterator]()
    assert(typeof iterator[Symbol.dispose] === 'function', 'Iterator.prototype[Symbol.dispose]')
    iterator[Symbol.dispose]()
    const asyncIterator = (async function* () {})()
    assert(typeof asyncIterator[Symbol.asyncDispose] === 'function', 'AsyncIterator.prototype[Symbol.asyncDispose]')
    await asyncIterator[Symbol.asyncDispose]()
    const stack = new globalThis.DisposableStack()
    stack.use(c.defer(() => {}))
    stack.dispose()
  })
  return results
}

async function nodeChecks(check, n, c, host) {
  const fs = await import('node:fs')
  const path = await import('node:path')
  const net = await import('node:net')
  await check('tempDirSync and tempDir create and remove a directory', async () => {
    const made = c.withContext(n.tempDirSync('ctxlib-smoke-'), (dir) => {
      assert(fs.statSync(dir).isDirectory(), 'exists')
      return dir
    })
    assert(!fs.existsSync(made), 'removed')
    const madeAsync = await c.withAsyncContext(n.tempDir('ctxlib-smoke-'), async (dir) => dir)
    assert(!fs.existsSync(madeAsync), 'removed (async)')
    assert(n.tempDir() instanceof n.TempDir && n.tempDirSync() instanceof n.TempDirSync, 'classes')
  })
  await check('openFileSync, openFile and atomicWrite write files and close them', async () => {
    await c.withAsyncContext(n.tempDir('ctxlib-smoke-'), async (dir) => {
      const a = path.join(dir, 'a.txt')
      c.withContext(n.openFileSync(a, 'w'), (fd) => fs.writeSync(fd, 'sync'))
      equal(fs.readFileSync(a, 'utf8'), 'sync', 'openFileSync')
      await c.withAsyncContext(n.openFile(a, 'a'), async (handle) => handle.write('+async'))
      equal(fs.readFileSync(a, 'utf8'), 'sync+async', 'openFile')
      await c.withAsyncContext(n.atomicWrite(a), async (handle) => handle.write('atomic'))
      equal(fs.readFileSync(a, 'utf8'), 'atomic', 'atomicWrite')
      await rejects(() => c.withAsyncContext(n.atomicWrite(a), async (handle) => {
        await handle.write('half')
        throw new Error('fail')
      }), (e) => e.message === 'fail', 'failed atomicWrite')
      equal(fs.readFileSync(a, 'utf8'), 'atomic', 'left untouched')
      equal(fs.readdirSync(dir), ['a.txt'], 'no temp file left')
      assert(n.openFile(a) instanceof n.OpenFile && n.openFileSync(a) instanceof n.OpenFileSync && n.atomicWrite(a) instanceof n.AtomicWrite, 'classes')
    })
  })
  await check('chdir changes and restores the working directory', () => {
    const before = process.cwd()
    c.withContext(n.tempDirSync('ctxlib-smoke-'), (dir) => {
      c.withContext(n.chdir(dir), () => equal(fs.realpathSync(process.cwd()), fs.realpathSync(dir), 'inside'))
    })
    equal(process.cwd(), before, 'restored')
    assert(n.chdir('.') instanceof n.Chdir, 'class')
  })
  await check('redirectStdout and redirectStderr capture writes and restore', () => {
    const out = []
    const sink = { write: (chunk) => { out.push(String(chunk)); return true } }
    const originalOut = process.stdout.write
    c.withContext([n.redirectStdout(sink), n.redirectStderr(sink)], () => {
      process.stdout.write('to stdout')
      process.stderr.write('to stderr')
    })
    equal(out, ['to stdout', 'to stderr'], 'captured')
    assert(process.stdout.write === originalOut, 'restored')
    assert(n.redirectStdout(sink) instanceof n.Redirect, 'class')
  })
  await check('listen and connect: a server and a client exchange a line, then both close', async () => {
    const server = net.createServer((socket) => socket.end('hello\n'))
    const reply = await c.withAsyncContext(n.listen(server, { port: 0, host: '127.0.0.1', gracePeriod: 1000 }), async (s) => {
      const { port } = s.address()
      return c.withAsyncContext(n.connect({ port, host: '127.0.0.1', gracePeriod: 1000 }), (socket) => new Promise((resolve) => {
        let data = ''
        socket.on('data', (chunk) => { data += chunk })
        socket.on('end', () => resolve(data))
      }))
    })
    equal(reply, 'hello\n', 'reply')
    assert(server.listening === false, 'server closed')
    assert(n.listen(net.createServer(), { port: 0 }) instanceof n.Listen && n.connect({ port: 1 }) instanceof n.Connect, 'classes')
  })
  await check('spawn: waits for a finished child, terminates a running one at exit', async () => {
    const code = await c.withAsyncContext(n.spawn(process.execPath, ['--version'], { stdio: 'ignore' }), (child) =>
      new Promise((resolve) => child.on('exit', (exitCode) => resolve(exitCode))))
    equal(code, 0, 'exit code')
    const child = await c.withAsyncContext(n.spawn(process.execPath, host.sleepArgs, { stdio: 'ignore', gracePeriod: 5000 }), async (ch) => ch)
    assert(child.exitCode !== null || child.signalCode !== null, 'the running child was ended')
    assert(n.spawn(process.execPath) instanceof n.Spawn, 'class')
  })
  await check('shutdownSignal: enters as a live signal, and dispose removes its listeners', () => {
    const before = process.listenerCount('SIGUSR2')
    const shutdown = n.shutdownSignal({ signals: ['SIGUSR2'] })
    const signal = c.withContext(shutdown, (s) => s)
    equal([signal.aborted, shutdown.received, process.listenerCount('SIGUSR2')], [false, undefined, before], 'after exit')
    throwsSync(() => n.shutdownSignal({ signals: ['SIGKILL'] }), (e) => e instanceof TypeError, 'SIGKILL refused')
  })
  await check('leakCheck: fails a block that leaves a timer, or refuses a runtime it cannot see', async () => {
    let check
    try {
      check = n.leakCheck({ settle: 0 })
    } catch (error) {
      assert(error instanceof TypeError && /leakCheck/.test(error.message), `refusal: ${String(error)}`)
      assert(typeof globalThis.Bun !== 'undefined' || typeof globalThis.Deno !== 'undefined', 'refused on Node')
      return
    }
    let timer
    const error = await rejects(
      () => c.withAsyncContext(check, async () => {
        timer = setTimeout(() => {}, 60_000)
      }),
      (e) => e instanceof c.ResourceLeakError,
      'leakCheck',
    )
    clearTimeout(timer)
    equal(error.leaks.map((leak) => leak.type), ['Timeout'], 'leaks')
  })
}
