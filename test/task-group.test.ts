import { getEventListeners } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { SuppressedError, TaskGroup, isAsyncContextManager, isAsyncDisposable, taskGroup, withAsyncContext } from '../src/index.js'
import { guardResources } from './node/helpers.js'
import { rejection } from './support/kit.js'

const { unhandled } = guardResources()

/** Resolves once `signal` has aborted. */
const aborted = (signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) resolve()
    else signal.addEventListener('abort', () => resolve(), { once: true })
  })

/** A task that waits for the group's signal, logs it, and rejects with the reason (a cancellation). */
const cancellable =
  (log: string[], name: string) =>
  async (signal: AbortSignal): Promise<never> => {
    await aborted(signal)
    log.push(`${name} cancelled`)
    throw signal.reason
  }

const aggregate = (error: unknown): AggregateError => {
  expect(error).toBeInstanceOf(AggregateError)
  expect((error as AggregateError).message).toBe('unhandled errors in a task group')
  return error as AggregateError
}

describe('taskGroup', () => {
  it('is an async manager and an async disposable, live from construction, entering as itself', async () => {
    const tg = taskGroup()
    expect(tg).toBeInstanceOf(TaskGroup)
    expect(isAsyncContextManager(tg)).toBe(true)
    expect(isAsyncDisposable(tg)).toBe(true)
    expect(tg.signal.aborted).toBe(false)
    const result = await withAsyncContext(tg, (entered) => entered)
    expect(result).toBe(tg)
  })

  it('runs tasks on a microtask with the group signal, resolves their results, and waits for all at exit', async () => {
    const log: string[] = []
    const results = await withAsyncContext(taskGroup(), (tg) => {
      const first = tg.spawn(async (signal) => {
        expect(signal).toBe(tg.signal)
        await sleep(1)
        log.push('slow done')
        return 1
      })
      const second = tg.spawn(() => {
        log.push('quick done')
        return 'two'
      })
      log.push('body done')
      return [first, second] as const
    })
    log.push('exited')
    expect(log).toEqual(['body done', 'quick done', 'slow done', 'exited'])
    expect(await results[0]).toBe(1)
    expect(await results[1]).toBe('two')
  })

  it('cancels the siblings on the first task failure and rejects with an AggregateError of that one error', async () => {
    const log: string[] = []
    const boom = new Error('boom')
    const error = await rejection(
      withAsyncContext(taskGroup(), (tg) => {
        void tg.spawn(cancellable(log, 'sibling'))
        void tg.spawn(() => {
          log.push('failing')
          throw boom
        })
      }),
    )
    expect(aggregate(error).errors).toEqual([boom])
    expect(log).toEqual(['failing', 'sibling cancelled'])
  })

  it('aborts with an AbortError saying a task failed, its cause the failure', async () => {
    const boom = new Error('boom')
    const tg = taskGroup()
    const error = await rejection(
      withAsyncContext(tg, (g) => {
        void g.spawn(() => Promise.reject(boom))
      }),
    )
    aggregate(error)
    const reason = tg.signal.reason as Error
    expect(reason.name).toBe('AbortError')
    expect(reason.message).toContain('a task failed')
    expect(reason.cause).toBe(boom)
  })

  it('lists failures in completion order, the body error last, and cancels tasks when the body fails', async () => {
    const log: string[] = []
    const first = new Error('first')
    const body = new Error('body')
    const tg = taskGroup()
    const error = await rejection(
      withAsyncContext(tg, async (g) => {
        void g.spawn(async (signal) => {
          await aborted(signal)
          log.push('late failure')
          throw new Error('late')
        })
        void g.spawn(() => {
          throw first
        })
        await aborted(g.signal)
        throw body
      }),
    )
    expect(aggregate(error).errors.map((e: Error) => e.message)).toEqual(['first', 'late', 'body'])
    expect(log).toEqual(['late failure'])
  })

  it('cancels the tasks when only the body fails, with a reason saying so', async () => {
    const log: string[] = []
    const body = new Error('body')
    const tg = taskGroup()
    const error = await rejection(
      withAsyncContext(tg, (g) => {
        void g.spawn(cancellable(log, 'task'))
        throw body
      }),
    )
    expect(aggregate(error).errors).toEqual([body])
    expect(log).toEqual(['task cancelled'])
    expect((tg.signal.reason as Error).message).toContain('the body failed')
    expect((tg.signal.reason as Error).cause).toBe(body)
  })

  it.each([
    ['undefined', undefined],
    ['a string', 'text'],
    ['null', null],
    ['a number', 42],
  ])('reports %s thrown by a task or the body as a failure, never dropped', async (_, value) => {
    const fromTask = await rejection(
      withAsyncContext(taskGroup(), (tg) => {
        void tg.spawn(() => Promise.reject(value as unknown as Error))
      }),
    )
    expect(aggregate(fromTask).errors).toEqual([value])
    const fromBody = await rejection(
      withAsyncContext(taskGroup(), () => {
        throw value as unknown as Error
      }),
    )
    expect(aggregate(fromBody).errors).toEqual([value])
  })

  it('reports a body error that rethrows a failed task once', async () => {
    const boom = new Error('boom')
    const error = await rejection(
      withAsyncContext(taskGroup(), async (tg) => {
        await tg.spawn(() => Promise.reject(boom))
      }),
    )
    expect(aggregate(error).errors).toEqual([boom])
  })

  it('on a parent abort, aborts with the parent reason, counts cancellations as none, and rejects with the reason', async () => {
    const parent = new AbortController()
    const log: string[] = []
    const reason = new Error('parent gone')
    const tg = taskGroup({ signal: parent.signal })
    const pending = withAsyncContext(tg, async (g) => {
      void g.spawn(cancellable(log, 'task'))
      parent.abort(reason)
      await aborted(g.signal)
      log.push('body saw the abort')
    })
    expect(await rejection(pending)).toBe(reason)
    expect(tg.signal.reason).toBe(reason)
    expect(log).toEqual(['body saw the abort', 'task cancelled'])
  })

  it('starts aborted under an already aborted parent: spawn refuses, exit rejects with the reason', async () => {
    const reason = new Error('already')
    const tg = taskGroup({ signal: AbortSignal.abort(reason) })
    expect(tg.signal.reason).toBe(reason)
    expect(() => tg.spawn(() => 1)).toThrow(/shutting down/)
    expect(await rejection(withAsyncContext(tg, () => undefined))).toBe(reason)
  })

  it('exits cleanly after tg.abort(), with the given reason or the platform AbortError', async () => {
    const log: string[] = []
    const reason = new Error('enough')
    const tg = taskGroup()
    await withAsyncContext(tg, (g) => {
      void g.spawn(cancellable(log, 'task'))
      g.abort(reason)
      g.abort(new Error('ignored: already aborted'))
    })
    expect(tg.signal.reason).toBe(reason)
    expect(log).toEqual(['task cancelled'])

    const plain = taskGroup()
    await withAsyncContext(plain, (g) => {
      void g.spawn(cancellable(log, 'plain'))
      g.abort()
    })
    expect((plain.signal.reason as Error).name).toBe('AbortError')
  })

  it("counts Node's AbortError (its cause the reason) as a cancellation", async () => {
    const tg = taskGroup()
    let seen: unknown
    await withAsyncContext(tg, (g) => {
      void g.spawn(async (signal) => {
        try {
          await sleep(600_000, undefined, { signal })
        } catch (e) {
          seen = e
          throw e
        }
      })
      g.abort(new Error('stop'))
    })
    expect((seen as Error).name).toBe('AbortError')
    expect((seen as Error).cause).toBe(tg.signal.reason)
  })

  it('never counts an AggregateError or a SuppressedError as a cancellation, even when it carries the reason', async () => {
    const tg = taskGroup()
    const error = await rejection(
      withAsyncContext(tg, (g) => {
        void g.spawn(async (signal) => {
          await aborted(signal)
          throw new AggregateError([signal.reason], 'nested group', { cause: signal.reason })
        })
        void g.spawn(async (signal) => {
          await aborted(signal)
          throw new SuppressedError(new Error('cleanup failed'), signal.reason)
        })
        g.abort()
      }),
    )
    expect(aggregate(error).errors.map((e: Error) => e.constructor.name)).toEqual(['AggregateError', 'SuppressedError'])
  })

  it('counts an error raised before any abort as a failure even if it carries a future reason', async () => {
    const reason = new Error('reason')
    const early = new Error('early', { cause: reason })
    const error = await rejection(
      withAsyncContext(taskGroup(), (tg) => {
        void tg.spawn(() => Promise.reject(early))
      }),
    )
    expect(aggregate(error).errors).toEqual([early])
  })

  it('makes a body cancellation the cause of the AggregateError when there are failures', async () => {
    const boom = new Error('boom')
    const error = await rejection(
      withAsyncContext(taskGroup(), async (tg) => {
        void tg.spawn(() => Promise.reject(boom))
        await aborted(tg.signal)
        throw tg.signal.reason
      }),
    )
    const group = aggregate(error)
    expect(group.errors).toEqual([boom])
    expect(group.cause).toBeInstanceOf(Error)
    expect((group.cause as Error).message).toContain('a task failed')
  })

  it('passes a body cancellation through after tg.abort() (never suppresses)', async () => {
    const reason = new Error('stop')
    const error = await rejection(
      withAsyncContext(taskGroup(), (tg) => {
        tg.abort(reason)
        throw reason
      }),
    )
    expect(error).toBe(reason)
  })

  it('waits for a task that ignores its signal before exiting', async () => {
    const log: string[] = []
    const error = await rejection(
      withAsyncContext(taskGroup(), (tg) => {
        void tg.spawn(async () => {
          await sleep(5)
          log.push('stubborn task finished')
        })
        throw new Error('body')
      }),
    )
    log.push('exited')
    aggregate(error)
    expect(log).toEqual(['stubborn task finished', 'exited'])
  })

  it('waits for tasks that tasks spawn while the group is exiting', async () => {
    const log: string[] = []
    await withAsyncContext(taskGroup(), (tg) => {
      void tg.spawn(async () => {
        await sleep(1)
        void tg.spawn(async () => {
          await sleep(1)
          log.push('grandchild')
        })
      })
    })
    log.push('exited')
    expect(log).toEqual(['grandchild', 'exited'])
  })

  it('refuses a spawn made once the last task settled, even before exit has resumed (asyncio: finished)', async () => {
    let late: unknown
    await withAsyncContext(taskGroup(), (tg) => {
      void tg
        .spawn(() => 1)
        .then(() => {
          try {
            void tg.spawn(() => 2)
          } catch (e) {
            late = e
          }
        })
    })
    expect(late).toBeInstanceOf(TypeError)
    expect((late as Error).message).toMatch(/finished/)
  })

  it('refuses spawn of a non-function, while shutting down, and after it finished, by a TypeError at the call', async () => {
    const tg = taskGroup()
    expect(() => tg.spawn(42 as unknown as () => void)).toThrow(new TypeError('TaskGroup.spawn: expected a function, got number'))
    tg.abort()
    expect(() => tg.spawn(() => 1)).toThrow(/shutting down/)
    await withAsyncContext(tg, () => undefined)
    expect(() => tg.spawn(() => 1)).toThrow(/finished/)
    const clean = taskGroup()
    await withAsyncContext(clean, () => undefined)
    expect(() => clean.spawn(() => 1)).toThrow(/finished/)
    expect(() => clean.spawn(() => 1)).toThrow(TypeError)
  })

  it('is entered at most once and exits at most once; a second dispose does nothing', async () => {
    const tg = taskGroup()
    await tg.enterAsync()
    await expect(tg.enterAsync()).rejects.toThrow(/only be entered once/)
    await tg.exitAsync()
    await expect(tg.exitAsync()).rejects.toThrow(/already exited/)
    await expect(tg[Symbol.asyncDispose]()).resolves.toBeUndefined()
    await expect(taskGroup().exitAsync().then(() => 'exited without enter')).resolves.toBe('exited without enter')
  })

  it('rejects bad options with a TypeError naming the type', () => {
    expect(() => taskGroup(5 as unknown as object)).toThrow(new TypeError('taskGroup: expected an options object, got number'))
    expect(() => taskGroup({ signal: {} as AbortSignal })).toThrow(new TypeError('taskGroup: expected an AbortSignal as options.signal, got object'))
  })

  it('leaves no listener on a long-lived parent signal after 100,000 groups', async () => {
    const parent = new AbortController()
    const before = getEventListeners(parent.signal, 'abort').length
    for (let i = 0; i < 100_000; i++) {
      await withAsyncContext(taskGroup({ signal: parent.signal }), (tg) => {
        void tg.spawn(() => i)
      })
    }
    expect(getEventListeners(parent.signal, 'abort').length).toBe(before)
  })

  it('removes the parent listener also when the group fails', async () => {
    const parent = new AbortController()
    await rejection(
      withAsyncContext(taskGroup({ signal: parent.signal }), () => {
        throw new Error('body')
      }),
    )
    expect(getEventListeners(parent.signal, 'abort')).toHaveLength(0)
  })

  describe('under await using (the caveat)', () => {
    it('cannot see the body error: waits for the tasks without cancelling them, and the body error propagates alone', async () => {
      const log: string[] = []
      const body = new Error('body')
      const run = async (): Promise<void> => {
        await using tg = taskGroup()
        void tg.spawn(async (signal) => {
          await sleep(5)
          log.push(`task finished, signal aborted: ${String(signal.aborted)}`)
        })
        throw body
      }
      expect(await rejection(run())).toBe(body)
      expect(log).toEqual(['task finished, signal aborted: false'])
    })

    it('still reports task failures, cancelling the siblings', async () => {
      const log: string[] = []
      const boom = new Error('boom')
      const run = async (): Promise<void> => {
        await using tg = taskGroup()
        void tg.spawn(cancellable(log, 'sibling'))
        void tg.spawn(() => Promise.reject(boom))
      }
      expect(aggregate(await rejection(run())).errors).toEqual([boom])
      expect(log).toEqual(['sibling cancelled'])
    })
  })

  it('marks the promises spawn returns as handled', async () => {
    await rejection(
      withAsyncContext(taskGroup(), (tg) => {
        void tg.spawn(() => Promise.reject(new Error('nobody awaits me')))
      }),
    )
    await sleep(1)
    expect(unhandled).toEqual([])
  })
})
