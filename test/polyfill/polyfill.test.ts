import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import vm from 'node:vm'

import { build } from 'esbuild'
import { beforeAll, describe, expect, it } from 'vitest'

import { ensureRuntime } from '../../scripts/runtime.mjs'
import { eventLog, ticks } from '../ponyfill/conformance/helpers.js'
import { useLeakCheck } from '../support/leaks.js'

useLeakCheck()

const root = fileURLToPath(new URL('../..', import.meta.url))
const polyfillPath = join(root, 'src/polyfill.ts')

type Fn = (this: unknown, ...args: unknown[]) => unknown

interface Realm {
  Symbol: SymbolConstructor & { dispose?: symbol; asyncDispose?: symbol }
  Promise: PromiseConstructor
  Object: ObjectConstructor
  TypeError: TypeErrorConstructor
  DisposableStack?: unknown
  AsyncDisposableStack?: unknown
  SuppressedError?: unknown
  /** The classes of ctxlib/ponyfill as bundled with the polyfill. */
  ponyfill?: { DisposableStack: unknown; AsyncDisposableStack: unknown; SuppressedError: unknown }
}

let program = ''
beforeAll(async () => {
  // ctxlib/polyfill together with ctxlib/ponyfill, as one IIFE whose exports
  // land on a global `ponyfill`, so tests can compare identities.
  const result = await build({
    stdin: {
      contents: `import ${JSON.stringify(polyfillPath)}\nexport * from ${JSON.stringify(join(root, 'src/ponyfill/index.ts'))}`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'ponyfill',
    target: 'es2022',
    ignoreAnnotations: true,
    write: false,
    logLevel: 'silent',
  })
  program = result.outputFiles[0]!.text
})

function realm(setup = ''): { global: Realm; run: (code: string) => unknown } {
  const context = vm.createContext({})
  const run = (code: string): unknown => vm.runInContext(code, context)
  if (setup) run(setup)
  return { global: run('globalThis') as Realm, run }
}

function prototypes(run: (code: string) => unknown): { iterator: Record<symbol, unknown>; asyncIterator: Record<symbol, unknown> } {
  return {
    iterator: run('Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()))') as Record<symbol, unknown>,
    asyncIterator: run('Object.getPrototypeOf(Object.getPrototypeOf((async function* () {}).prototype))') as Record<symbol, unknown>,
  }
}

const builtinDescriptor = (value: unknown): PropertyDescriptor => ({ value, writable: true, enumerable: false, configurable: true })

describe('ctxlib/polyfill in a realm that has none of it', () => {
  it('starts from a realm without dispose symbols, stacks or SuppressedError', () => {
    const { run } = realm()
    expect(run('[typeof Symbol.dispose, typeof Symbol.asyncDispose, typeof DisposableStack, typeof SuppressedError]')).toEqual([
      'undefined',
      'undefined',
      'undefined',
      'undefined',
    ])
  })

  it("installs Symbol.dispose and Symbol.asyncDispose as the registry's Symbol.dispose / Symbol.asyncDispose, like well-known symbols", () => {
    const { global, run } = realm()
    run(program)
    expect(Object.getOwnPropertyDescriptor(global.Symbol, 'dispose')).toEqual({
      value: Symbol.for('Symbol.dispose'),
      writable: false,
      enumerable: false,
      configurable: false,
    })
    expect(Object.getOwnPropertyDescriptor(global.Symbol, 'asyncDispose')).toEqual({
      value: Symbol.for('Symbol.asyncDispose'),
      writable: false,
      enumerable: false,
      configurable: false,
    })
  })

  it("installs exactly ctxlib/ponyfill's classes as writable, non-enumerable, configurable globals", () => {
    const { global, run } = realm()
    run(program)
    const ponyfill = global.ponyfill!
    for (const name of ['DisposableStack', 'AsyncDisposableStack', 'SuppressedError'] as const) {
      expect(Object.getOwnPropertyDescriptor(global, name)).toEqual(builtinDescriptor(ponyfill[name]))
    }
    expect(run('new DisposableStack()[Symbol.dispose] === DisposableStack.prototype.dispose')).toBe(true)
    expect(run('new AsyncDisposableStack()[Symbol.asyncDispose] === AsyncDisposableStack.prototype.disposeAsync')).toBe(true)
  })

  it('installs [Symbol.dispose] on %IteratorPrototype% and [Symbol.asyncDispose] on %AsyncIteratorPrototype%', () => {
    const { run } = realm()
    run(program)
    const { iterator, asyncIterator } = prototypes(run)
    const dispose = iterator[Symbol.for('Symbol.dispose')] as Fn
    const asyncDispose = asyncIterator[Symbol.for('Symbol.asyncDispose')] as Fn
    expect(Object.getOwnPropertyDescriptor(iterator, Symbol.for('Symbol.dispose'))).toEqual(builtinDescriptor(dispose))
    expect(Object.getOwnPropertyDescriptor(asyncIterator, Symbol.for('Symbol.asyncDispose'))).toEqual(builtinDescriptor(asyncDispose))
    expect([dispose.name, dispose.length]).toEqual(['[Symbol.dispose]', 0])
    expect([asyncDispose.name, asyncDispose.length]).toEqual(['[Symbol.asyncDispose]', 0])
    expect(() => {
      Reflect.construct(function () {}, [], dispose)
    }).toThrow(TypeError)
    expect(() => {
      Reflect.construct(function () {}, [], asyncDispose)
    }).toThrow(TypeError)
  })

  it('lets generators be disposed: `using` on an iterator runs its finally blocks', async () => {
    const { run } = realm()
    run(program)
    const log = run(`
      const log = []
      function* numbers() { try { yield 1; yield 2 } finally { log.push('generator closed') } }
      const it = numbers(); it.next(); it[Symbol.dispose](); log.push(String(it.next().done))
      log`) as string[]
    expect(log).toEqual(['generator closed', 'true'])
    const asyncLog = (await run(`
      (async () => {
        const log = []
        async function* numbers() { try { yield 1; yield 2 } finally { log.push('async generator closed') } }
        const it = numbers(); await it.next(); log.push(String(await it[Symbol.asyncDispose]())); log.push(String((await it.next()).done))
        return log
      })()`)) as string[]
    expect(asyncLog).toEqual(['async generator closed', 'undefined', 'true'])
  })

  it('changes nothing else on the global object, Symbol or the prototypes', () => {
    const { global, run } = realm()
    const snapshot = (): unknown[] => {
      const { iterator, asyncIterator } = prototypes(run)
      return [global, global.Symbol, iterator, asyncIterator, global.Object.prototype].map((o) => Reflect.ownKeys(o))
    }
    const before = snapshot()
    run(program)
    const added = snapshot().map((keys, i) => (keys as PropertyKey[]).filter((k) => !(before[i] as PropertyKey[]).includes(k)))
    expect(added).toEqual([
      ['ponyfill', 'SuppressedError', 'DisposableStack', 'AsyncDisposableStack'],
      ['dispose', 'asyncDispose'],
      [Symbol.for('Symbol.dispose')],
      [Symbol.for('Symbol.asyncDispose')],
      [],
    ])
  })
})

describe('ctxlib/polyfill where things are present', () => {
  const hostSetup = `
    Object.defineProperty(Symbol, 'dispose', { value: Symbol('host dispose') })
    Object.defineProperty(Symbol, 'asyncDispose', { value: Symbol('host asyncDispose') })
    globalThis.DisposableStack = function HostDisposableStack() {}
    globalThis.AsyncDisposableStack = function HostAsyncDisposableStack() {}
    globalThis.SuppressedError = function HostSuppressedError() {}
    const I = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()))
    const A = Object.getPrototypeOf(Object.getPrototypeOf((async function* () {}).prototype))
    I[Symbol.dispose] = function hostIteratorDispose() {}
    A[Symbol.asyncDispose] = function hostAsyncIteratorDispose() {}`

  it('replaces none of them, native or another polyfill’s', () => {
    const { global, run } = realm(hostSetup)
    const read = (): unknown[] => {
      const { iterator, asyncIterator } = prototypes(run)
      return [
        global.Symbol.dispose,
        global.Symbol.asyncDispose,
        global.DisposableStack,
        global.AsyncDisposableStack,
        global.SuppressedError,
        iterator[global.Symbol.dispose as symbol],
        asyncIterator[global.Symbol.asyncDispose as symbol],
      ]
    }
    const before = read()
    run(program)
    expect(read()).toEqual(before)
    expect(read().every((value, i) => value === before[i])).toBe(true)
    expect(run('DisposableStack.name')).toBe('HostDisposableStack')
  })

  it("keeps a host's own symbols (as Node 20 defines them) and keys everything it installs by them", () => {
    const { global, run } = realm(`
      Object.defineProperty(Symbol, 'dispose', { value: Symbol.for('nodejs.dispose') })
      Object.defineProperty(Symbol, 'asyncDispose', { value: Symbol.for('nodejs.asyncDispose') })`)
    run(program)
    expect(global.Symbol.dispose).toBe(Symbol.for('nodejs.dispose'))
    expect(global.Symbol.asyncDispose).toBe(Symbol.for('nodejs.asyncDispose'))
    expect(run("typeof DisposableStack.prototype[Symbol.for('nodejs.dispose')]")).toBe('function')
    expect(run("AsyncDisposableStack.prototype[Symbol.for('nodejs.asyncDispose')] === AsyncDisposableStack.prototype.disposeAsync")).toBe(true)
    const { iterator, asyncIterator } = prototypes(run)
    expect((iterator[Symbol.for('nodejs.dispose')] as Fn).name).toBe('[Symbol.dispose]')
    expect((asyncIterator[Symbol.for('nodejs.asyncDispose')] as Fn).name).toBe('[Symbol.asyncDispose]')
  })

  it('installs only what is missing, and a second copy of the polyfill changes nothing', () => {
    const { global, run } = realm('globalThis.SuppressedError = function HostSuppressedError() {}')
    run(program)
    const first = global.ponyfill!
    expect(run('SuppressedError.name')).toBe('HostSuppressedError')
    expect(global.DisposableStack).toBe(first.DisposableStack)
    run(program)
    expect(global.ponyfill).not.toBe(first)
    expect(global.DisposableStack).toBe(first.DisposableStack)
    expect(global.AsyncDisposableStack).toBe(first.AsyncDisposableStack)
  })

  it("replaces none of Node 24's natives", async () => {
    const node24 = ensureRuntime('node', 24)
    const dir = await mkdtemp(join(tmpdir(), 'ctxlib-polyfill-'))
    try {
      await writeFile(join(dir, 'polyfill.cjs'), program)
      await writeFile(
        join(dir, 'check.cjs'),
        `const I = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()))
const A = Object.getPrototypeOf(Object.getPrototypeOf((async function* () {}).prototype))
const read = () => [Symbol.dispose, Symbol.asyncDispose, DisposableStack, AsyncDisposableStack, SuppressedError, I[Symbol.dispose], A[Symbol.asyncDispose]]
const before = read()
require('./polyfill.cjs')
const after = read()
console.log(JSON.stringify({ native: before.every((v) => typeof v === 'symbol' || /native code/.test(Function.prototype.toString.call(v))), same: before.every((v, i) => v === after[i]) }))`,
      )
      const { failed, output } = await new Promise<{ failed: boolean; output: string }>((resolve) => {
        execFile(node24, [join(dir, 'check.cjs')], { timeout: 60_000 }, (error, stdout, stderr) => {
          resolve({ failed: error !== null, output: stdout + stderr })
        })
      })
      expect(failed).toBe(false)
      expect(JSON.parse(output)).toEqual({ native: true, same: true })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('%IteratorPrototype%[Symbol.dispose] from the polyfill', () => {
  const setup = (): { dispose: Fn; RealmTypeError: TypeErrorConstructor } => {
    const { global, run } = realm()
    run(program)
    return { dispose: prototypes(run).iterator[Symbol.for('Symbol.dispose')] as Fn, RealmTypeError: global.TypeError }
  }

  it('calls this.return() with no arguments and returns undefined (steps 2–4)', () => {
    const { dispose } = setup()
    const calls: unknown[] = []
    const iterator = {
      return(...args: unknown[]) {
        calls.push([this, args.length])
        return { done: true }
      },
    }
    expect(dispose.call(iterator)).toBeUndefined()
    expect(calls).toEqual([[iterator, 0]])
  })

  it('does nothing when return is undefined or null (GetMethod)', () => {
    const { dispose } = setup()
    expect(dispose.call({})).toBeUndefined()
    expect(dispose.call({ return: null })).toBeUndefined()
  })

  it('throws a TypeError for a non-callable return, and propagates what return or its getter throws', () => {
    const { dispose, RealmTypeError } = setup()
    expect(() => dispose.call({ return: 1 })).toThrow(RealmTypeError)
    const boom = new Error('return')
    expect(() =>
      dispose.call({
        return() {
          throw boom
        },
      }),
    ).toThrow(boom)
    expect(() =>
      dispose.call({
        get return() {
          throw boom
        },
      }),
    ).toThrow(boom)
    expect(() => dispose.call(undefined)).toThrow(RealmTypeError)
  })
})

describe('%AsyncIteratorPrototype%[Symbol.asyncDispose] from the polyfill', () => {
  const setup = (): { asyncDispose: Fn; RealmPromise: PromiseConstructor; RealmTypeError: TypeErrorConstructor } => {
    const { global, run } = realm()
    run(program)
    return {
      asyncDispose: prototypes(run).asyncIterator[Symbol.for('Symbol.asyncDispose')] as Fn,
      RealmPromise: global.Promise,
      RealmTypeError: global.TypeError,
    }
  }

  it('returns a promise, calls this.return() with no arguments, and fulfils with undefined, not its result', async () => {
    const { asyncDispose, RealmPromise } = setup()
    const calls: unknown[] = []
    const iterator = {
      return(...args: unknown[]) {
        calls.push([this, args.length])
        return Promise.resolve({ done: true, value: 'ignored' })
      },
    }
    const result = asyncDispose.call(iterator)
    expect(result).toBeInstanceOf(RealmPromise)
    expect(await result).toBeUndefined()
    expect(calls).toEqual([[iterator, 0]])
  })

  it('rejects instead of throwing: a non-callable return, a throwing getter, a throwing or rejecting return', async () => {
    const { asyncDispose, RealmTypeError } = setup()
    const boom = new Error('boom')
    const rejection = async (thisValue: unknown): Promise<unknown> => {
      let result: unknown
      expect(() => (result = asyncDispose.call(thisValue))).not.toThrow()
      return (result as Promise<unknown>).then(
        () => 'fulfilled',
        (error: unknown) => error,
      )
    }
    expect(await rejection({ return: 1 })).toBeInstanceOf(RealmTypeError)
    expect(
      await rejection({
        get return() {
          throw boom
        },
      }),
    ).toBe(boom)
    expect(
      await rejection({
        return() {
          throw boom
        },
      }),
    ).toBe(boom)
    expect(await rejection({ return: () => Promise.reject(boom) })).toBe(boom)
    expect(await rejection(undefined)).toBeInstanceOf(RealmTypeError)
  })

  it('settles at once without return, and one turn after a promise returned by return', async () => {
    // The realm's own promises: PromiseResolve(%Promise%, result) takes them as they are.
    const { asyncDispose, RealmPromise } = setup()
    expect(await eventLog([], () => asyncDispose.call({}) as Promise<unknown>)).toEqual([...ticks(0), 'settled'])
    const log: unknown[] = []
    const iterator = {
      return: () => {
        log.push('return called')
        return RealmPromise.resolve()
      },
    }
    expect(await eventLog(log, () => asyncDispose.call(iterator) as Promise<unknown>)).toEqual([
      'return called',
      ...ticks(1),
      'settled',
    ])
  })
})
