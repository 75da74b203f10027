/**
 * leakCheck refuses what it cannot do: bad options, and runtimes whose
 * async_hooks cannot see resources being made (Bun, Deno), with a TypeError
 * at the call, never a check that passes with leaks.
 */
import { execFile } from 'node:child_process'
import * as path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ensureRuntime } from '../../scripts/runtime.mjs'
import { leakCheck } from '../../src/node/index.js'
import { type CreateHook, checkHookSupport } from '../../src/node/internal/hook-support.js'
import { guardResources } from './helpers.js'
import { ROOT } from '../examples/proxy-harness.js'

guardResources()

const run = promisify(execFile)

describe('leakCheck input', () => {
  it.each([
    [{ settle: -1 }, 'leakCheck: expected settle to be a finite number of milliseconds >= 0, got a negative number'],
    [{ settle: Number.NaN }, 'leakCheck: expected settle to be a finite number of milliseconds >= 0, got NaN'],
    [{ settle: Infinity }, 'leakCheck: expected settle to be a finite number of milliseconds >= 0, got an infinite number'],
    [{ settle: '100' }, 'leakCheck: expected settle to be a finite number of milliseconds >= 0, got string'],
    [{ settle: null }, 'leakCheck: expected settle to be a finite number of milliseconds >= 0, got null'],
    [{ ignore: 'Timeout' }, 'leakCheck: expected ignore to be an array of strings, got string'],
    [{ ignore: ['Timeout', 1] }, 'leakCheck: expected ignore to be an array of strings, with an item, got number'],
    [5, 'leakCheck: expected an options object or undefined, got number'],
    [null, 'leakCheck: expected an options object or undefined, got null'],
    [['Timeout'], 'leakCheck: expected an options object or undefined, got array'],
  ])('throws a TypeError at the call for %j', (options, message) => {
    expect(() => leakCheck(options as never)).toThrow(new TypeError(message))
  })

  it('accepts the documented forms', async () => {
    const checks = [leakCheck(), leakCheck({}), leakCheck({ settle: 0, ignore: [] }), leakCheck({ settle: 1.5, ignore: ['FileHandle'] })]
    for (const check of checks.reverse()) await check.exitAsync()
    expect(checks.map((c) => c.leaks)).toEqual([[], [], [], []])
  })
})

describe('checkHookSupport', () => {
  const versions = { node: '24.0.0' }
  const silent: CreateHook = () => ({ enable: () => undefined, disable: () => undefined })
  const throwing: CreateHook = () => {
    throw new Error('not implemented')
  }

  it('refuses a createHook whose init never fires (a stub)', () => {
    expect(() => checkHookSupport('leakCheck', silent, versions)).toThrow(
      new TypeError("leakCheck: this runtime's async_hooks.createHook does not report new resources, so it cannot see the resources a scope opens"),
    )
  })

  it('refuses a createHook that throws, and a missing one', () => {
    expect(() => checkHookSupport('leakCheck', throwing, versions)).toThrow(TypeError)
    expect(() => checkHookSupport('leakCheck', undefined, versions)).toThrow(
      new TypeError('leakCheck: this runtime has no async_hooks.createHook, so it cannot see the resources a scope opens'),
    )
  })

  it('refuses Deno by name, whose hooks miss file handles, watchers and child processes', () => {
    expect(() => checkHookSupport('leakCheck', silent, { deno: '2.0.0' })).toThrow(/Deno's async_hooks do not report file handles/)
  })

  it('accepts a createHook that reports a timer being made', () => {
    const working: CreateHook = ({ init }) => {
      let on = false
      const original = globalThis.setTimeout
      return {
        enable: () => {
          on = true
          globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
            if (on) init(1, 'Timeout')
            return original(...args)
          }) as typeof setTimeout
        },
        disable: () => {
          on = false
          globalThis.setTimeout = original
        },
      }
    }
    expect(checkHookSupport('leakCheck', working, versions)).toBeUndefined()
  })
})

describe('leakCheck on other runtimes', () => {
  const script = path.join(ROOT, 'test', 'node', 'fixtures', 'leak-check-call.ts')

  it('throws a TypeError at the call on Bun, whose createHook never reports', async () => {
    const bun = ensureRuntime('bun', 1)
    const { stdout } = await run(bun, [script], { cwd: ROOT })
    expect(stdout).toBe("TypeError: leakCheck: this runtime's async_hooks.createHook does not report new resources, so it cannot see the resources a scope opens\n")
  })

  it('throws a TypeError at the call on Deno', async () => {
    const deno = ensureRuntime('deno', 2)
    const { stdout } = await run(deno, ['run', '-A', '--unstable-sloppy-imports', '--quiet', script], { cwd: ROOT })
    expect(stdout).toBe(
      "TypeError: leakCheck: Deno's async_hooks do not report file handles, watchers or child processes, so a check here could pass with leaks\n",
    )
  })
})
