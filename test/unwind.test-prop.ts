/**
 * The algebra of unwinding, checked on random scenarios: every exit runs
 * exactly once, in reverse order; each sees the error pending at its moment;
 * suppression clears it for outer exits; nothing is lost; and the list form,
 * nested calls and exit stacks agree, on the sync and the async path.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  AsyncExitStack,
  ExitStack,
  SuppressedError,
  withAsyncContext,
  withContext,
} from '../src/index.js'

type ExitKind = 'pass' | 'suppress' | 'throw' | 'rethrow' | 'chain'
interface Scenario {
  exits: ExitKind[]
  bodyThrows: boolean
}

class Labelled extends Error {}

/** A thrown value as a comparable tree: a label, or `S(error, suppressed)`. */
type Shape = string | { s: [Shape, Shape] } | { cause: [string, Shape] }

function shape(value: unknown): Shape {
  if (value instanceof SuppressedError) return { s: [shape(value.error), shape(value.suppressed)] }
  if (value instanceof Labelled) {
    return Object.hasOwn(value, 'cause') ? { cause: [value.message, shape(value.cause)] } : value.message
  }
  return `?${String(value)}`
}

/** The reference model, written directly from the SPEC's rules. */
function model(scenario: Scenario): { log: string[]; outcome: { ok: boolean; shape?: Shape } } {
  const log: string[] = []
  let pending: Shape | undefined = scenario.bodyThrows ? 'body' : undefined
  let failed = pending !== undefined
  for (let i = scenario.exits.length - 1; i >= 0; i--) {
    log.push(`exit ${i}: ${pending === undefined ? 'none' : 'error'}`)
    const kind = scenario.exits[i]
    if (kind === 'suppress' && pending !== undefined) pending = undefined
    else if (kind === 'throw') pending = pending === undefined ? `x${i}` : { s: [`x${i}`, pending] }
    else if (kind === 'chain') pending = { cause: [`x${i}`, pending ?? '?undefined'] }
    if (pending !== undefined) failed = true
  }
  return {
    log,
    outcome: pending === undefined ? { ok: !failed } : { ok: false, shape: pending },
  }
}

interface Manager {
  enter(): number
  exit(...thrown: [] | [unknown]): boolean | undefined
  enterAsync(): Promise<number>
  exitAsync(...thrown: [] | [unknown]): Promise<boolean | undefined>
}

function managers(scenario: Scenario, log: string[]): Manager[] {
  return scenario.exits.map((kind, i) => {
    const exit = (...thrown: [] | [unknown]): boolean | undefined => {
      log.push(`exit ${i}: ${thrown.length === 0 ? 'none' : 'error'}`)
      if (kind === 'suppress') return true
      if (kind === 'throw') throw new Labelled(`x${i}`)
      if (kind === 'chain') throw new Labelled(`x${i}`, { cause: thrown[0] })
      if (kind === 'rethrow' && thrown.length === 1) throw thrown[0]
      return undefined
    }
    return {
      enter: () => i,
      exit,
      enterAsync: () => Promise.resolve(i),
      exitAsync: async (...thrown: [] | [unknown]) => {
        await Promise.resolve()
        return exit(...thrown)
      },
    }
  })
}

const body = (scenario: Scenario) => (): string => {
  if (scenario.bodyThrows) throw new Labelled('body')
  return 'result'
}

type Runner = (scenario: Scenario, log: string[]) => Promise<unknown>

const runners: [string, Runner][] = [
  ['withContext([...])', (s, log) => Promise.resolve(withContext(managers(s, log), body(s)))],
  [
    'nested withContext',
    (s, log) => {
      const ms = managers(s, log)
      const nest = (i: number): unknown => {
        const m = ms[i]
        return m === undefined ? body(s)() : withContext(m, () => nest(i + 1))
      }
      return Promise.resolve(nest(0))
    },
  ],
  [
    'ExitStack in withContext',
    (s, log) =>
      Promise.resolve(
        withContext(new ExitStack(), (stack) => {
          for (const m of managers(s, log)) stack.enterContext(m)
          return body(s)()
        }),
      ),
  ],
  ['withAsyncContext([...])', (s, log) => withAsyncContext(managers(s, log), body(s))],
  [
    'AsyncExitStack in withAsyncContext',
    (s, log) =>
      withAsyncContext(new AsyncExitStack(), async (stack) => {
        for (const m of managers(s, log)) await stack.enterAsyncContext(m)
        return body(s)()
      }),
  ],
]

const scenarios = fc.record({
  exits: fc.array(fc.constantFrom<ExitKind>('pass', 'suppress', 'throw', 'rethrow', 'chain'), { maxLength: 6 }),
  bodyThrows: fc.boolean(),
})

describe.each(runners)('unwinding through %s', (name, run) => {
  it('runs every exit once, in reverse, sees the pending error, suppresses and loses nothing as the model says', async () => {
    await fc.assert(
      fc.asyncProperty(scenarios, async (scenario) => {
        const log: string[] = []
        let outcome: { ok: boolean; shape?: Shape }
        let value: unknown
        try {
          value = await run(scenario, log)
          outcome = { ok: value === 'result' }
        } catch (error) {
          outcome = { ok: false, shape: shape(error) }
        }
        const expected = model(scenario)
        expect(log).toEqual(expected.log)
        // An exit stack keeps the block's result when its own unwinding swallowed an error
        // (Python's ExitStack does too); every other form loses it, like nested `with`.
        if (name.includes('Stack') && expected.outcome.shape === undefined) {
          expect(outcome.shape).toBeUndefined()
        } else {
          expect(outcome).toEqual(expected.outcome)
        }
      }),
      { numRuns: 300 },
    )
  })
})
