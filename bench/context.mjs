// Loads what the cases need (the package under test, the compiled `using`
// snippets, the peers) and says which features this runtime has.
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'

const require = createRequire(import.meta.url)
const load = (path) => (path ? import(pathToFileURL(path).href) : Promise.resolve(undefined))

function nativeUsingSyntax() {
  try {
    new Function('{ using x = null }')
    return true
  } catch {
    return false
  }
}

function peers() {
  const whatwgDir = require.resolve('@whatwg-node/disposablestack/package.json').replace(/package\.json$/, '')
  // The package's entry hands out the runtime's own stacks where they exist,
  // so its own implementation is loaded from its files.
  const whatwgDS = require(`${whatwgDir}cjs/DisposableStack.js`).PonyfillDisposableStack
  const whatwgADS = require(`${whatwgDir}cjs/AsyncDisposableStack.js`).PonyfillAsyncDisposableStack
  const whatwgSymbols = require(`${whatwgDir}cjs/symbols.js`).DisposableSymbols
  return {
    corejs: {
      DS: require('core-js-pure/actual/disposable-stack'),
      ADS: require('core-js-pure/actual/async-disposable-stack'),
      sym: require('core-js-pure/actual/symbol/dispose'),
      asym: require('core-js-pure/actual/symbol/async-dispose'),
    },
    esshims: {
      DS: require('disposablestack/DisposableStack/implementation'),
      ADS: require('disposablestack/AsyncDisposableStack/implementation'),
      sym: require('disposablestack/Symbol.dispose/polyfill')(),
      asym: require('disposablestack/Symbol.asyncDispose/polyfill')(),
    },
    whatwg: { DS: whatwgDS, ADS: whatwgADS, sym: whatwgSymbols.dispose, asym: whatwgSymbols.asyncDispose },
  }
}

/** The context the cases are made from, and the features of this runtime. */
export async function loadContext(config) {
  const features = new Set()
  if (nativeUsingSyntax()) features.add('native-using')
  if (typeof globalThis.DisposableStack === 'function') features.add('native-ds')

  const lib = await load(config.paths.lib)
  const pony = await load(config.paths.ponyfill)
  if (pony?.DisposableStack) features.add('ponyfill')
  const ctx = {
    lib,
    pony,
    lowered: await load(config.paths.lowered),
    nativeUsing: features.has('native-using') ? await load(config.paths.native) : undefined,
    native: { DisposableStack: globalThis.DisposableStack, AsyncDisposableStack: globalThis.AsyncDisposableStack },
    peers: peers(),
    // the keys ctxlib's own disposables use (the host's, else the shared fallback)
    disposeSymbol: typeof Symbol.dispose === 'symbol' ? Symbol.dispose : Symbol.for('Symbol.dispose'),
    asyncDisposeSymbol: typeof Symbol.asyncDispose === 'symbol' ? Symbol.asyncDispose : Symbol.for('Symbol.asyncDispose'),
  }
  return { ctx, features, require }
}
