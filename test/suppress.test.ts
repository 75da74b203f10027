import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  SuppressedError,
  isAsyncDisposable,
  isDisposable,
  suppress,
  withAsyncContext,
  withContext,
  type ContextManager,
  type ErrorMatcher,
} from '../src/index.js'

/** Runs a throwing block in `manager` on the sync or the async path and reports the outcome. */
interface Runner {
  readonly name: string
  run(manager: ContextManager<void>, body: () => unknown): Promise<{ value: unknown } | { error: unknown }>
}

const runners: Runner[] = [
  {
    name: 'withContext',
    run(manager, body) {
      try {
        return Promise.resolve({ value: withContext(manager, body) })
      } catch (error) {
        return Promise.resolve({ error })
      }
    },
  },
  {
    name: 'withAsyncContext',
    async run(manager, body) {
      try {
        return { value: await withAsyncContext(manager, async () => body()) }
      } catch (error) {
        return { error }
      }
    },
  },
]

class AppError extends Error {}
class NotFound extends AppError {}
class Other extends Error {}

const thrower = (value: unknown) => (): never => {
  throw value
}

describe('suppress', () => {
  describe.each(runners)('through $name', (runner) => {
    it('suppresses an instance of a matching class and gives undefined', async () => {
      expect(await runner.run(suppress(AppError), thrower(new AppError('x')))).toEqual({ value: undefined })
    })

    it('suppresses an instance of a subclass of a matching class', async () => {
      expect(await runner.run(suppress(AppError), thrower(new NotFound('x')))).toEqual({ value: undefined })
    })

    it('treats Error itself as a class matching every error', async () => {
      expect(await runner.run(suppress(Error), thrower(new TypeError('x')))).toEqual({ value: undefined })
      expect(await runner.run(suppress(Error), thrower(new Other('x')))).toEqual({ value: undefined })
    })

    it('propagates, by identity, an error no matcher matches', async () => {
      const error = new Other('x')
      const outcome = await runner.run(suppress(AppError, 'ENOENT', () => false), thrower(error))
      expect(outcome).toEqual({ error })
      expect('error' in outcome && outcome.error).toBe(error)
    })

    it('matches the head of a SuppressedError, as Python matches an exception whatever its context', async () => {
      const log: string[] = []
      // `with suppress(AppError): with inner:` where inner's exit throws an AppError while Other is pending.
      const inner = {
        enter: () => undefined,
        exit: () => {
          throw new AppError('from exit')
        },
      }
      const outcome = await runner.run(suppress(AppError), () => {
        withContext(inner, thrower(new Other('body')))
      })
      expect(outcome).toEqual({ value: undefined })
      const chained = new SuppressedError(new SuppressedError(new NotFound('deep head'), 1), 2)
      expect(await runner.run(suppress('ENOENT', AppError), thrower(chained))).toEqual({ value: undefined })
      const predicateSaw: unknown[] = []
      const head = new Other('head')
      const wrapper = new SuppressedError(head, new AppError('context'))
      const kept = await runner.run(
        suppress((e) => {
          predicateSaw.push(e)
          return false
        }),
        thrower(wrapper),
      )
      expect(kept).toEqual({ error: wrapper })
      const seenInOrder: unknown[] = [wrapper, head]
      expect(predicateSaw).toEqual(seenInOrder)
      expect(log).toEqual([])
    })

    it('still matches the SuppressedError itself, and not the error it suppressed', async () => {
      const wrapper = new SuppressedError(new Other('head'), new AppError('context'))
      expect(await runner.run(suppress(SuppressedError), thrower(wrapper))).toEqual({ value: undefined })
      expect(await runner.run(suppress(AppError), thrower(wrapper))).toEqual({ error: wrapper })
    })

    it('suppresses when any one of several matchers matches', async () => {
      expect(await runner.run(suppress(Other, 'EACCES', AppError), thrower(new NotFound('x')))).toEqual({
        value: undefined,
      })
    })

    it('suppresses nothing when given no matchers', async () => {
      const error = new Error('x')
      const outcome = await runner.run(suppress(), thrower(error))
      expect('error' in outcome && outcome.error).toBe(error)
    })

    it("returns the body's result when the block completes", async () => {
      expect(await runner.run(suppress(Error), () => 'result')).toEqual({ value: 'result' })
    })

    it.each([
      ['undefined', undefined],
      ['a number', 42],
      ['a string', 'ENOENT'],
      ['a plain object', { message: 'x' }],
    ])('does not match %s against a class or a code string', async (_, value) => {
      const outcome = await runner.run(suppress(Error, 'ENOENT'), thrower(value))
      expect(outcome).toEqual({ error: value })
      expect('error' in outcome && outcome.error).toBe(value)
    })
  })

  describe('code strings', () => {
    let dir: string

    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctxlib-suppress-'))
    })

    afterAll(() => {
      fs.rmSync(dir, { recursive: true, force: true })
    })

    it("suppresses a real ENOENT from reading a missing file, skipping the rest of the block", () => {
      const log: string[] = []
      const result = withContext(suppress('ENOENT'), () => {
        const text = fs.readFileSync(path.join(dir, 'missing.txt'), 'utf8')
        log.push('read')
        return text
      })
      expect(result).toBeUndefined()
      expect(log).toEqual([])
    })

    it('propagates a real ENOENT, by identity, when the code differs', () => {
      let thrown: unknown
      try {
        withContext(suppress('EACCES'), () => fs.readFileSync(path.join(dir, 'missing.txt'), 'utf8'))
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(Error)
      expect((thrown as NodeJS.ErrnoException).code).toBe('ENOENT')
    })

    it('matches the code of any object, not only of errors', () => {
      expect(withContext(suppress('E_CUSTOM'), thrower({ code: 'E_CUSTOM' }))).toBeUndefined()
    })
  })

  describe('predicates', () => {
    it('passes the error to the predicate, by identity, and suppresses when it returns true', () => {
      const seen: unknown[] = []
      const error = new Error('x')
      const result = withContext(
        suppress((e) => {
          seen.push(e)
          return true
        }),
        thrower(error),
      )
      expect(result).toBeUndefined()
      expect(seen).toHaveLength(1)
      expect(seen[0]).toBe(error)
    })

    it('propagates the error when the predicate returns false', () => {
      const error = new Error('x')
      expect(() => withContext(suppress(() => false), thrower(error))).toThrow(error)
    })

    it('can match `throw undefined`', () => {
      const seen: unknown[] = []
      const result = withContext(
        suppress((e) => {
          seen.push(e)
          return e === undefined
        }),
        thrower(undefined),
      )
      expect(result).toBeUndefined()
      expect(seen).toEqual([undefined])
    })

    it('is never called when the block completes', () => {
      const seen: unknown[] = []
      withContext(
        suppress((e) => {
          seen.push(e)
          return true
        }),
        () => 'ok',
      )
      expect(seen).toEqual([])
    })

    it('treats a function whose prototype inherits from Error.prototype as a class, not a predicate', () => {
      const calls: unknown[] = []
      function LegacyError(this: unknown): void {
        calls.push(this)
      }
      LegacyError.prototype = Object.create(Error.prototype) as object
      const instance = Object.create(LegacyError.prototype) as object
      expect(withContext(suppress(LegacyError as unknown as ErrorMatcher), thrower(instance))).toBeUndefined()
      expect(() => withContext(suppress(LegacyError as unknown as ErrorMatcher), thrower(new Error('x')))).toThrow('x')
      expect(calls).toEqual([])
    })

    it('loses nothing when the predicate throws: a SuppressedError carries both errors', () => {
      const original = new Error('original')
      const predicateError = new Error('predicate failed')
      let thrown: unknown
      try {
        withContext(
          suppress(() => {
            throw predicateError
          }),
          thrower(original),
        )
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(SuppressedError)
      expect((thrown as SuppressedError).error).toBe(predicateError)
      expect((thrown as SuppressedError).suppressed).toBe(original)
    })
  })

  describe('AggregateError splitting (as Python 3.12 splits exception groups)', () => {
    const a1 = new AppError('a1')
    const a2 = new NotFound('a2')
    const o1 = new Other('o1')
    const o2 = new Other('o2')

    function outcome(manager: ContextManager<void>, error: unknown): unknown {
      try {
        return withContext(manager, thrower(error))
      } catch (thrown) {
        return thrown
      }
    }

    it('suppresses a group whose parts all match', () => {
      expect(outcome(suppress(AppError), new AggregateError([a1, a2], 'group'))).toBeUndefined()
    })

    it('suppresses a group whose nested parts all match', () => {
      const group = new AggregateError([a1, new AggregateError([a2], 'inner')], 'outer')
      expect(outcome(suppress(AppError), group)).toBeUndefined()
    })

    it('suppresses a group that a matcher matches as a whole', () => {
      expect(outcome(suppress(AggregateError), new AggregateError([o1], 'group'))).toBeUndefined()
    })

    it('throws a new AggregateError with the rest, the original message, and the original as cause, when some parts match', () => {
      const group = new AggregateError([a1, o1, a2, o2], 'group message')
      const rest = outcome(suppress(AppError), group)
      expect(rest).toBeInstanceOf(AggregateError)
      expect(rest).not.toBe(group)
      const restGroup = rest as AggregateError
      expect(restGroup.errors).toHaveLength(2)
      expect(restGroup.errors[0]).toBe(o1)
      expect(restGroup.errors[1]).toBe(o2)
      expect(restGroup.message).toBe('group message')
      expect(restGroup.cause).toBe(group)
    })

    it('keeps the shape of nested groups, keeps untouched ones by identity, and drops emptied ones', () => {
      const untouched = new AggregateError([o1], 'untouched')
      const mixed = new AggregateError([a1, o2], 'mixed')
      const emptied = new AggregateError([a2], 'emptied')
      const group = new AggregateError([untouched, mixed, emptied], 'outer')
      const rest = outcome(suppress(AppError), group) as AggregateError
      expect(rest).toBeInstanceOf(AggregateError)
      expect(rest.cause).toBe(group)
      expect(rest.message).toBe('outer')
      expect(rest.errors).toHaveLength(2)
      expect(rest.errors[0]).toBe(untouched)
      const restMixed = rest.errors[1] as AggregateError
      expect(restMixed).toBeInstanceOf(AggregateError)
      expect(restMixed).not.toBe(mixed)
      expect(restMixed.message).toBe('mixed')
      expect(restMixed.errors).toHaveLength(1)
      expect(restMixed.errors[0]).toBe(o2)
    })

    it('propagates the original group, by identity, when no part matches', () => {
      const group = new AggregateError([o1, new AggregateError([o2], 'inner')], 'group')
      expect(outcome(suppress(AppError), group)).toBe(group)
    })

    it('splits with every matcher kind at once', () => {
      const coded = Object.assign(new Error('coded'), { code: 'ENOENT' })
      const group = new AggregateError([a1, coded, o1, 'text'], 'group')
      const rest = outcome(suppress(AppError, 'ENOENT', (e) => e === 'text'), group) as AggregateError
      expect(rest.errors).toEqual([o1])
      expect(rest.errors[0]).toBe(o1)
    })

    it('throws the rest from the async path too', async () => {
      const group = new AggregateError([a1, o1], 'group')
      const rejected = withAsyncContext(suppress(AppError), async () => {
        throw group
      })
      await expect(rejected).rejects.toBeInstanceOf(AggregateError)
      const rest = (await rejected.catch((e: unknown) => e)) as AggregateError
      expect(rest.errors).toEqual([o1])
      expect(rest.cause).toBe(group)
    })
  })

  describe('reuse', () => {
    it('is reusable: one manager suppresses in several blocks, one after the other', () => {
      const manager = suppress(AppError)
      expect(withContext(manager, thrower(new AppError('1')))).toBeUndefined()
      expect(withContext(manager, () => 'ok')).toBe('ok')
      expect(withContext(manager, thrower(new AppError('2')))).toBeUndefined()
    })

    it('is reentrant: one manager nested in itself suppresses at each level', () => {
      const manager = suppress(AppError)
      const log: string[] = []
      withContext(manager, () => {
        withContext(manager, thrower(new AppError('inner')))
        log.push('after inner')
        throw new AppError('outer')
      })
      expect(log).toEqual(['after inner'])
    })
  })

  it('is not a Disposable (under `using` it could not see the error)', () => {
    const manager = suppress(Error)
    expect(isDisposable(manager)).toBe(false)
    expect(isAsyncDisposable(manager)).toBe(false)
  })

  it.each([
    ['number', 42],
    ['null', null],
    ['undefined', undefined],
    ['object', {}],
    ['boolean', true],
    ['symbol', Symbol('x')],
  ])('throws a TypeError naming suppress and the received type (%s) for a bad matcher', (type, matcher) => {
    expect(() => suppress(AppError, matcher as ErrorMatcher)).toThrow(
      new TypeError(`suppress: expected error classes, code strings or predicates, got ${type}`),
    )
  })
})
