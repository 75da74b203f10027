import { describe, expect, it } from 'vitest'
import { AbortOnExit, ExitStack, abortOnExit, isContextManager, isDisposable, withAsyncContext, withContext } from '../src/index.js'
import { rejection } from './support/kit.js'

describe('abortOnExit', () => {
  it('is a sync manager and a disposable, live from construction', () => {
    const scope = abortOnExit()
    expect(scope).toBeInstanceOf(AbortOnExit)
    expect(isContextManager(scope)).toBe(true)
    expect(isDisposable(scope)).toBe(true)
    expect(scope.signal).toBe(scope.controller.signal)
    expect(scope.signal.aborted).toBe(false)
  })

  describe.each([
    ['withContext', (scope: AbortOnExit, body: (signal: AbortSignal) => void) => Promise.resolve().then(() => withContext(scope, body))],
    ['withAsyncContext', (scope: AbortOnExit, body: (signal: AbortSignal) => void) => withAsyncContext(scope, body)],
    [
      'using',
      (scope: AbortOnExit, body: (signal: AbortSignal) => void) =>
        Promise.resolve().then(() => {
          using s = scope
          body(s.signal)
        }),
    ],
    [
      'an exit stack',
      (scope: AbortOnExit, body: (signal: AbortSignal) => void) =>
        Promise.resolve().then(() => {
          withContext(new ExitStack(), (stack) => {
            body(stack.enterContext(scope))
          })
        }),
    ],
  ])('through %s', (_, run) => {
    it('aborts the signal when the block completes, with the platform AbortError by default', async () => {
      const log: string[] = []
      let seen: AbortSignal | undefined
      await run(abortOnExit(), (signal) => {
        seen = signal
        signal.addEventListener('abort', () => log.push('aborted'))
        log.push('body')
      })
      expect(log).toEqual(['body', 'aborted'])
      expect((seen?.reason as Error).name).toBe('AbortError')
    })

    it('aborts with the given reason when the block throws, and the error propagates unchanged', async () => {
      const reason = new Error('scope over')
      const body = new Error('body')
      let seen: AbortSignal | undefined
      const error = await rejection(
        run(abortOnExit(reason), (signal) => {
          seen = signal
          throw body
        }),
      )
      expect(error).toBe(body)
      expect(seen?.reason).toBe(reason)
    })

    it('leaves a signal aborted inside the block as it was', async () => {
      const scope = abortOnExit(new Error('exit reason'))
      const inner = new Error('inner')
      await run(scope, () => {
        scope.controller.abort(inner)
      })
      expect(scope.signal.reason).toBe(inner)
    })
  })

  it('is reusable: a new scope gets a fresh signal', () => {
    const scope = abortOnExit()
    const first = withContext(scope, (signal) => signal)
    const second = withContext(scope, (signal) => {
      expect(signal.aborted).toBe(false)
      return signal
    })
    expect(first).not.toBe(second)
    expect(first.aborted && second.aborted).toBe(true)
  })

  it('treats throw undefined as an error: it propagates and the signal aborts', () => {
    const scope = abortOnExit()
    let threw = false
    try {
      withContext(scope, () => {
        throw undefined as unknown as Error
      })
    } catch (e) {
      threw = e === undefined
    }
    expect(threw).toBe(true)
    expect(scope.signal.aborted).toBe(true)
  })

  it('disposing twice does nothing more', () => {
    const scope = abortOnExit('first')
    scope[Symbol.dispose]()
    scope[Symbol.dispose]()
    expect(scope.signal.reason).toBe('first')
  })
})
