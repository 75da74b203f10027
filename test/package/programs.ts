/**
 * Programs that the package tests write into a consumer project and run in
 * a child process, so that each sees a fresh realm and the package exactly
 * as installed. Plain JavaScript: they run on any Node without a compiler.
 */

/** Compares what `import` and `require` give for one entry. Shared by both main programs. */
const compare = String.raw`
'use strict'
exports.compare = function compare(entry, esm, cjs) {
  const esmNames = Object.keys(esm).filter((name) => name !== 'default' && name !== 'module.exports' && name !== '__esModule').sort()
  const cjsNames = Object.keys(cjs).sort()
  return {
    entry,
    esmNames,
    cjsNames,
    differing: esmNames.filter((name) => esm[name] !== cjs[name]),
    defaultIsModuleExports: esm.default === cjs,
  }
}

// One instance made by each side, checked against the other side's class.
exports.crossChecks = function crossChecks(loaded) {
  const results = []
  const check = (what, fn) => {
    let ok
    try { ok = fn() === true } catch (error) { ok = String(error) }
    results.push({ what, ok })
  }
  const both = (entry, name, make) => {
    const { esm, cjs } = loaded[entry]
    check(entry + ': import\'s ' + name + ' is a require\'d ' + name, () => make(esm) instanceof cjs[name])
    check(entry + ': require\'s ' + name + ' is an imported ' + name, () => make(cjs) instanceof esm[name])
  }
  const core = 'ctxlib'
  both(core, 'ExitStack', (m) => new m.ExitStack())
  both(core, 'AsyncExitStack', (m) => new m.AsyncExitStack())
  both(core, 'DisposableStack', (m) => new m.DisposableStack())
  both(core, 'AsyncDisposableStack', (m) => new m.AsyncDisposableStack())
  both(core, 'SuppressedError', (m) => new m.SuppressedError(new Error('a'), new Error('b'), 'both'))
  both(core, 'TimeoutError', (m) => new m.TimeoutError())
  both(core, 'GeneratorContextManager', (m) => m.contextManager(function* () { yield 1 })())
  both(core, 'AsyncGeneratorContextManager', (m) => m.asyncContextManager(async function* () { yield 1 })())
  const pony = 'ctxlib/ponyfill'
  both(pony, 'DisposableStack', (m) => new m.DisposableStack())
  both(pony, 'AsyncDisposableStack', (m) => new m.AsyncDisposableStack())
  both(pony, 'SuppressedError', (m) => new m.SuppressedError(1, 2))
  const node = 'ctxlib/node'
  both(node, 'TempDirSync', (m) => m.tempDirSync('ctxlib-consumer-'))
  both(node, 'Chdir', (m) => m.chdir('.'))
  both(node, 'OpenFileSync', (m) => m.openFileSync('never-opened'))
  // An error made by the nothing-is-lost rule on one side is the other side's SuppressedError.
  check('ctxlib: a SuppressedError made through require is an imported SuppressedError', () => {
    const { esm, cjs } = loaded[core]
    try {
      cjs.withContext(cjs.defer(() => { throw new Error('exit') }), () => { throw new Error('body') })
    } catch (error) {
      return error instanceof esm.SuppressedError && error.error.message === 'exit' && error.suppressed.message === 'body'
    }
    return false
  })
  // The ponyfill's stacks make the ponyfill's SuppressedError, whichever way both were loaded.
  check('ctxlib/ponyfill: an imported stack throws the require\'d SuppressedError', () => {
    const { esm, cjs } = loaded[pony]
    const stack = new esm.DisposableStack()
    stack.defer(() => { throw new Error('first') })
    stack.defer(() => { throw new Error('second') })
    try { stack.dispose() } catch (error) { return error instanceof cjs.SuppressedError }
    return false
  })
  return results
}
`

/** ESM main program: `import()` each entry first, then `require` it. */
const esmMain = String.raw`
import { createRequire } from 'node:module'
const require = createRequire(import.meta.url)
const { compare, crossChecks } = require('./compare.cjs')
const entries = JSON.parse(process.argv[2])
const loaded = {}
const reports = []
for (const entry of entries) {
  const esm = await import(entry)
  const cjs = require(entry)
  loaded[entry] = { esm, cjs }
  reports.push({ ...compare(entry, esm, cjs), resolved: import.meta.resolve(entry) })
}
process.stdout.write(JSON.stringify({ reports, checks: crossChecks(loaded) }))
`

/** CommonJS main program: `require` each entry first, then `import()` it. */
const cjsMain = String.raw`
'use strict'
const { compare, crossChecks } = require('./compare.cjs')
async function main() {
  const entries = JSON.parse(process.argv[2])
  const loaded = {}
  const reports = []
  for (const entry of entries) {
    const cjs = require(entry)
    const esm = await import(entry)
    loaded[entry] = { esm, cjs }
    reports.push({ ...compare(entry, esm, cjs), resolved: require.resolve(entry) })
  }
  process.stdout.write(JSON.stringify({ reports, checks: crossChecks(loaded) }))
}
main().catch((error) => { console.error(error); process.exitCode = 1 })
`

/** Tries to reach files that `exports` does not list, both ways. */
const deepImport = String.raw`
import { createRequire } from 'node:module'
const require = createRequire(import.meta.url)
const codes = {}
for (const specifier of ['ctxlib/dist/index.cjs', 'ctxlib/dist/index.js', 'ctxlib/src/index.ts']) {
  try { require(specifier); codes['require ' + specifier] = 'loaded' } catch (error) { codes['require ' + specifier] = error.code }
  try { await import(specifier); codes['import ' + specifier] = 'loaded' } catch (error) { codes['import ' + specifier] = error.code }
}
codes.version = require('ctxlib/package.json').version
process.stdout.write(JSON.stringify(codes))
`

/**
 * Snapshots the own properties (with their descriptors) of the global object
 * and of every built-in that a polyfill of this proposal could touch, loads
 * one entry (argv: how, entry, preinstall), and reports what was added,
 * removed or changed, and what was missing beforehand.
 */
const globals = String.raw`
import { createRequire } from 'node:module'
const require = createRequire(import.meta.url)
const [how, entry, preinstall] = process.argv.slice(2)

const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()))
const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf((async function* () {}).prototype))
const targets = {
  globalThis, Symbol, Object, Error, Promise, Reflect,
  'Object.prototype': Object.prototype, 'Function.prototype': Function.prototype,
  'Error.prototype': Error.prototype, 'Array.prototype': Array.prototype,
  'Promise.prototype': Promise.prototype, 'Iterator.prototype': IteratorPrototype,
  'AsyncIterator.prototype': AsyncIteratorPrototype,
}
const keyName = (key) => (typeof key === 'symbol' ? '[' + key.description + ']' : key)
const snapshot = () => {
  const map = new Map()
  for (const [name, target] of Object.entries(targets))
    for (const key of Reflect.ownKeys(target)) map.set(name + ' ' + keyName(key), Reflect.getOwnPropertyDescriptor(target, key))
  return map
}
const same = (a, b) => ['value', 'get', 'set', 'writable', 'enumerable', 'configurable'].every((f) => Object.is(a[f], b[f]))

if (preinstall === 'fake-stack') {
  Object.defineProperty(globalThis, 'DisposableStack', { value: class FakeDisposableStack {}, writable: true, configurable: true })
}

const dispose = typeof Symbol.dispose === 'symbol' ? Symbol.dispose : Symbol.for('Symbol.dispose')
const asyncDispose = typeof Symbol.asyncDispose === 'symbol' ? Symbol.asyncDispose : Symbol.for('Symbol.asyncDispose')
const wanted = [
  ['Symbol', 'dispose', Symbol], ['Symbol', 'asyncDispose', Symbol],
  ['globalThis', 'SuppressedError', globalThis], ['globalThis', 'DisposableStack', globalThis],
  ['globalThis', 'AsyncDisposableStack', globalThis],
  ['Iterator.prototype', dispose, IteratorPrototype], ['AsyncIterator.prototype', asyncDispose, AsyncIteratorPrototype],
]
const missing = wanted.filter(([, key, target]) => !(key in target)).map(([name, key]) => name + ' ' + keyName(key)).sort()

// Reading a descriptor materializes the host's lazy globals (Node 24 loads
// undici, which adds its own symbols): read everything once beforehand.
snapshot()
const before = snapshot()
if (entry !== 'none') {
  if (how === 'import') await import(entry)
  else require(entry)
}
const after = snapshot()

const added = [...after.keys()].filter((key) => !before.has(key)).sort()
const removed = [...before.keys()].filter((key) => !after.has(key)).sort()
const changed = [...before.keys()].filter((key) => after.has(key) && !same(before.get(key), after.get(key))).sort()
const descriptors = Object.fromEntries(added.map((key) => {
  const { writable, enumerable, configurable } = after.get(key)
  return [key, { writable, enumerable, configurable }]
}))
let fromPonyfill = null
if (entry === 'ctxlib/polyfill') {
  const ponyfill = require('ctxlib/ponyfill')
  fromPonyfill = Object.fromEntries(['SuppressedError', 'DisposableStack', 'AsyncDisposableStack']
    .filter((name) => added.includes('globalThis ' + name))
    .map((name) => [name, globalThis[name] === ponyfill[name]]))
}
process.stdout.write(JSON.stringify({ missing, added, removed, changed, descriptors, fromPonyfill }))
`

/** The files to write into a consumer project, by name. */
export const programs: Record<string, string> = {
  'compare.cjs': compare,
  'esm-main.mjs': esmMain,
  'cjs-main.cjs': cjsMain,
  'deep-import.mjs': deepImport,
  'globals.mjs': globals,
}
