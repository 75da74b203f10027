/**
 * The scenario language shared by the ctxlib interpreter (`run-ctxlib.ts`)
 * and the CPython driver (`driver.py`), and a seeded generator of random
 * scenarios. A scenario is plain JSON: both sides read the same file.
 *
 * Errors are identified by `Class:id` labels. `E3` extends `E1` on both
 * sides, so class matching exercises subclassing too. Every raise site has
 * a scenario-unique id, so an escaped chain names exactly which raise made
 * each link.
 */

export type ErrName = 'E1' | 'E2' | 'E3' | 'E4'
export const ERROR_NAMES: readonly ErrName[] = ['E1', 'E2', 'E3', 'E4']

/** A raise site. `from`: chain to the error being handled (`raise X from e` ↔ `{ cause: e }`). */
export interface Raise {
  readonly cls: ErrName
  readonly id: string
  readonly from: boolean
}

export type GenEnter = { readonly k: 'yield' } | { readonly k: 'noyield' } | { readonly k: 'raise'; readonly err: Raise }
export type GenOnOk = { readonly k: 'finish' } | { readonly k: 'yield2' } | { readonly k: 'raise'; readonly err: Raise }
export type GenOnErr =
  | { readonly k: 'suppress' }
  | { readonly k: 'reraise' }
  | { readonly k: 'yield2' }
  | { readonly k: 'raise'; readonly err: Raise }
export type ClsOnOk = { readonly k: 'none' | 'false' | 'true' } | { readonly k: 'raise'; readonly err: Raise }
export type ClsOnErr = { readonly k: 'none' | 'false' | 'true' | 'reraise' } | { readonly k: 'raise'; readonly err: Raise }

/**
 * Common to generator and class managers: `match` (null: every error) lists
 * the classes whose errors `onErr` handles; any other error passes through
 * untouched (re-raised by a generator, `None` from a class exit).
 * `async`: an async manager (only in async scenarios).
 */
export interface GenMgr {
  readonly kind: 'gen'
  readonly name: string
  readonly async: boolean
  readonly enter: GenEnter
  readonly match: readonly ErrName[] | null
  readonly onOk: GenOnOk
  readonly onErr: GenOnErr
}
export interface ClsMgr {
  readonly kind: 'cls'
  readonly name: string
  readonly async: boolean
  readonly enterRaise: Raise | null
  readonly match: readonly ErrName[] | null
  readonly onOk: ClsOnOk
  readonly onErr: ClsOnErr
}
export interface SuppressMgr {
  readonly kind: 'suppress'
  readonly name: string
  readonly async: false
  readonly classes: readonly ErrName[]
}
export type Mgr = GenMgr | ClsMgr | SuppressMgr

/** Operations on the stack of a `stack` statement, run first in its body. */
export type Op =
  | { readonly op: 'enter'; readonly mgr: Mgr }
  | { readonly op: 'push'; readonly mgr: ClsMgr; readonly asObject: boolean }
  | { readonly op: 'callback'; readonly name: string; readonly async: boolean; readonly raise: Raise | null }
  | { readonly op: 'popAll'; readonly then: 'close' | 'push' | 'enter' | 'drop' }

/** `with` runs `with m1, m2, ...: body`; `stack` runs `with ExitStack() as stack: ops; body`. */
export type Stmt =
  | { readonly s: 'log'; readonly id: string }
  | { readonly s: 'raise'; readonly err: Raise }
  | { readonly s: 'with'; readonly mgrs: readonly Mgr[]; readonly body: readonly Stmt[] }
  | { readonly s: 'stack'; readonly ops: readonly Op[]; readonly body: readonly Stmt[] }

export interface Scenario {
  readonly id: string
  readonly async: boolean
  readonly body: readonly Stmt[]
}

/** mulberry32: small, fast, and the same sequence on every platform. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

class Gen {
  readonly #rand: () => number
  readonly #async: boolean
  #errors = 0
  #names = 0
  #logs = 0
  mgrBudget = 7

  constructor(rand: () => number, async: boolean) {
    this.#rand = rand
    this.#async = async
  }

  chance(p: number): boolean {
    return this.#rand() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#rand() * items.length)] as T
  }

  /** Picks a key by weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][]
    let total = 0
    for (const [, w] of entries) total += w
    let r = this.#rand() * total
    for (const [k, w] of entries) {
      r -= w
      if (r < 0) return k
    }
    return (entries[entries.length - 1] as [K, number])[0]
  }

  raise(canChain: boolean): Raise {
    return { cls: this.pick(ERROR_NAMES), id: `x${++this.#errors}`, from: canChain && this.chance(0.4) }
  }

  name(prefix: string): string {
    return `${prefix}${++this.#names}`
  }

  match(): readonly ErrName[] | null {
    if (this.chance(0.6)) return null
    const first = this.pick(ERROR_NAMES)
    const second = this.pick(ERROR_NAMES)
    return first === second ? [first] : [first, second]
  }

  isAsync(): boolean {
    return this.#async && this.chance(0.75)
  }

  gen(): GenMgr {
    const enterKind = this.weighted({ yield: 86, noyield: 6, raise: 8 })
    const enter: GenEnter = enterKind === 'raise' ? { k: 'raise', err: this.raise(false) } : { k: enterKind }
    const okKind = this.weighted({ finish: 75, yield2: 8, raise: 17 })
    const onOk: GenOnOk = okKind === 'raise' ? { k: 'raise', err: this.raise(false) } : { k: okKind }
    const errKind = this.weighted({ suppress: 25, reraise: 22, yield2: 8, raise: 45 })
    const onErr: GenOnErr = errKind === 'raise' ? { k: 'raise', err: this.raise(true) } : { k: errKind }
    return { kind: 'gen', name: this.name('g'), async: this.isAsync(), enter, match: this.match(), onOk, onErr }
  }

  cls(): ClsMgr {
    const okKind = this.weighted({ none: 55, false: 8, true: 10, raise: 27 })
    const onOk: ClsOnOk = okKind === 'raise' ? { k: 'raise', err: this.raise(false) } : { k: okKind }
    const errKind = this.weighted({ none: 22, false: 8, true: 22, reraise: 15, raise: 33 })
    const onErr: ClsOnErr = errKind === 'raise' ? { k: 'raise', err: this.raise(true) } : { k: errKind }
    return {
      kind: 'cls',
      name: this.name('c'),
      async: this.isAsync(),
      enterRaise: this.chance(0.07) ? this.raise(false) : null,
      match: this.match(),
      onOk,
      onErr,
    }
  }

  suppress(): SuppressMgr {
    const classes: ErrName[] = []
    const n = this.weighted({ zero: 1, one: 6, two: 3 })
    const count = n === 'zero' ? 0 : n === 'one' ? 1 : 2
    while (classes.length < count) {
      const c = this.pick(ERROR_NAMES)
      if (!classes.includes(c)) classes.push(c)
    }
    return { kind: 'suppress', name: this.name('s'), async: false, classes }
  }

  mgr(): Mgr {
    this.mgrBudget--
    const kind = this.weighted({ gen: 40, cls: 40, suppress: 20 })
    return kind === 'gen' ? this.gen() : kind === 'cls' ? this.cls() : this.suppress()
  }

  op(): Op {
    const kind = this.weighted({ enter: 45, push: 20, callback: 22, popAll: 13 })
    switch (kind) {
      case 'enter':
        return { op: 'enter', mgr: this.mgr() }
      case 'push':
        this.mgrBudget--
        return { op: 'push', mgr: this.cls(), asObject: this.chance(0.5) }
      case 'callback':
        return { op: 'callback', name: this.name('cb'), async: this.isAsync(), raise: this.chance(0.35) ? this.raise(false) : null }
      case 'popAll':
        return { op: 'popAll', then: this.pick(['close', 'push', 'enter', 'drop'] as const) }
    }
  }

  stmts(depth: number, atLeastOneBlock: boolean): Stmt[] {
    const count = 1 + Math.floor(this.#rand() * 3)
    const out: Stmt[] = []
    for (let i = 0; i < count; i++) {
      const canNest = depth < 3 && this.mgrBudget > 0
      const kind =
        atLeastOneBlock && i === 0
          ? this.weighted({ with: 60, stack: 40 })
          : this.weighted({ log: 30, raise: 22, with: canNest ? 30 : 0, stack: canNest ? 18 : 0 })
      out.push(this.stmt(kind, depth))
    }
    return out
  }

  stmt(kind: 'log' | 'raise' | 'with' | 'stack', depth: number): Stmt {
    switch (kind) {
      case 'log':
        return { s: 'log', id: `l${++this.#logs}` }
      case 'raise':
        return { s: 'raise', err: this.raise(false) }
      case 'with': {
        const mgrs: Mgr[] = []
        const n = 1 + Math.floor(this.#rand() * 3)
        for (let i = 0; i < n; i++) mgrs.push(this.mgr())
        return { s: 'with', mgrs, body: this.stmts(depth + 1, false) }
      }
      case 'stack': {
        const ops: Op[] = []
        const n = 1 + Math.floor(this.#rand() * 4)
        for (let i = 0; i < n; i++) ops.push(this.op())
        return { s: 'stack', ops, body: this.stmts(depth + 1, false) }
      }
    }
  }
}

/** `count` scenarios from `seed`; the same seed always gives the same scenarios. */
export function generate(seed: number, count: number, async: boolean): Scenario[] {
  const rand = prng(seed ^ (async ? 0x5bd1e995 : 0))
  const out: Scenario[] = []
  for (let i = 0; i < count; i++) {
    const gen = new Gen(rand, async)
    out.push({ id: `${async ? 'a' : 's'}${i}`, async, body: gen.stmts(0, true) })
  }
  return out
}
