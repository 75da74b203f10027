/**
 * Exit stacks are reentrant exactly as CPython's: `reentrant.py` runs fixed
 * scenarios under python3's contextlib, the same ones run here through
 * ctxlib, and the event logs must be equal line for line.
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { AsyncExitStack, ExitStack, withAsyncContext, withContext } from '../../src/index.js'

const SCRIPT = fileURLToPath(new URL('./reentrant.py', import.meta.url))

function repr(error: unknown): string {
  return error instanceof Error ? `ValueError('${error.message}')` : String(error)
}

async function scenarios(): Promise<string[]> {
  const out: string[] = []
  const log = (line: string): void => {
    out.push(line)
  }

  log('== nested')
  const a = new ExitStack()
  withContext(a, (s1) => {
    log(`outer enter is stack: ${s1 === a ? 'True' : 'False'}`)
    a.callback(log, 'callback outer')
    withContext(a, (s2) => {
      log(`inner enter is stack: ${s2 === a ? 'True' : 'False'}`)
      a.callback(log, 'callback inner')
    })
    log('after inner')
  })
  log('after outer')

  log('== inner_suppresses')
  const b = new ExitStack()
  withContext(b, () => {
    b.callback(log, 'callback outer')
    withContext(b, () => {
      b.push((...thrown: [] | [unknown]) => {
        log(`suppressor saw ${repr(thrown[0])}`)
        return true
      })
      throw new Error('body')
    })
    log('after inner')
  })
  log('after outer')

  log('== inner_propagates')
  const c = new ExitStack()
  try {
    withContext(c, () => {
      c.callback(log, 'callback outer')
      withContext(c, () => {
        c.push((...thrown: [] | [unknown]) => {
          log(`exit saw ${repr(thrown[0])}`)
        })
        throw new Error('body')
      })
    })
  } catch (e) {
    log(`caught ${repr(e)}`)
  }

  log('== in_turn')
  const d = new ExitStack()
  withContext(d, () => d.callback(log, 'callback a'))
  log('between')
  withContext(d, () => d.callback(log, 'callback b'))
  log('done')

  log('== async_nested')
  const e = new AsyncExitStack()
  await withAsyncContext(e, async (s1) => {
    log(`outer enter is stack: ${s1 === e ? 'True' : 'False'}`)
    e.pushAsyncCallback(() => new Promise((resolve) => setImmediate(resolve)))
    e.callback(log, 'callback outer')
    await withAsyncContext(e, () => {
      e.callback(log, 'callback inner')
    })
    log('after inner')
  })
  log('after outer')
  return out
}

describe('exit stack reentrancy against CPython', () => {
  it('logs the same events as CPython for nested, suppressing, propagating and in-turn uses', async () => {
    const { stdout } = await promisify(execFile)('python3', [SCRIPT])
    const python = stdout.trimEnd().split('\n')
    expect(python.length).toBeGreaterThan(20)
    expect(await scenarios()).toEqual(python)
  })
})
