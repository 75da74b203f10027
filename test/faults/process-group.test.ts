/**
 * Faults around child processes: what a child started must not outlive the
 * scope. Real processes; the grandchild's pid is printed by the child.
 */
import * as fs from 'node:fs'
import type { ChildProcess } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { withAsyncContext } from '../../src/index.js'
import { spawn } from '../../src/node/index.js'
import { guardResources, settle } from '../node/helpers.js'

guardResources()

/**
 * Whether `pid` is a live process. A zombie (exited, not yet reaped, as
 * under an init that does not reap) is not: it runs nothing and holds nothing.
 */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    const stat = fs.readFileSync(`/proc/${String(pid)}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    // No /proc (macOS): kill's answer stands.
    return true
  }
}

/** The first line the child prints: the pid of the grandchild it started. */
function grandchildPid(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    let text = ''
    child.stdout?.setEncoding('utf8')
    child.stdout?.on('data', (d: string) => {
      text += d
      if (text.includes('\n')) resolve(Number(text.slice(0, text.indexOf('\n'))))
    })
  })
}

describe.runIf(process.platform !== 'win32')('spawn and the process group', () => {
  it('leaves no grandchild running after the scope (sh -c "sleep 30 & wait")', async () => {
    let grandchild = 0
    await withAsyncContext(spawn('sh', ['-c', 'sleep 30 & echo $!; wait']), async (child) => {
      grandchild = await grandchildPid(child)
      expect(alive(grandchild)).toBe(true)
    })
    expect(grandchild).toBeGreaterThan(0)
    expect(alive(grandchild)).toBe(false)
  })

  it('also when the child has exited by itself and left the grandchild behind', async () => {
    let grandchild = 0
    await withAsyncContext(spawn('sh', ['-c', 'sleep 30 >/dev/null 2>&1 & echo $!']), async (child) => {
      grandchild = await grandchildPid(child)
      await settle(() => child.exitCode, 0)
      expect(child.exitCode).toBe(0)
      expect(alive(grandchild)).toBe(true)
    })
    expect(alive(grandchild)).toBe(false)
  })

  it('kills with SIGKILL, after the grace period, a grandchild that ignores SIGTERM', async () => {
    const log: string[] = []
    let grandchild = 0
    const script = "trap '' TERM; sleep 30 & echo $!; wait"
    await withAsyncContext(spawn('sh', ['-c', script], { gracePeriod: 200 }), async (child) => {
      grandchild = await grandchildPid(child)
      child.on('exit', (_code, signal) => log.push(`child exit ${String(signal)}`))
    })
    // `trap '' TERM` is inherited by the sleep: only SIGKILL ends them.
    expect(log).toEqual(['child exit SIGKILL'])
    expect(alive(grandchild)).toBe(false)
  })

  it('killGroup: false signals the child alone, as before; the grandchild survives it', async () => {
    let grandchild = 0
    try {
      await withAsyncContext(spawn('sh', ['-c', 'sleep 30 & echo $!; wait'], { killGroup: false, gracePeriod: 100 }), async (child) => {
        grandchild = await grandchildPid(child)
      })
      expect(alive(grandchild)).toBe(true)
    } finally {
      if (grandchild > 0 && alive(grandchild)) process.kill(grandchild, 'SIGKILL')
    }
  })

  it('detached: false means no group of its own, and conflicts with killGroup: true', () => {
    expect(() => spawn('sh', [], { detached: false, killGroup: true })).toThrow(
      new TypeError('spawn: expected killGroup: false with detached: false, got killGroup: true'),
    )
    expect(() => spawn('sh', [], { killGroup: 'yes' as unknown as boolean })).toThrow(
      new TypeError('spawn: expected killGroup to be a boolean, got string'),
    )
  })

  it.runIf(process.platform === 'linux')('starts the child as the leader of its own group by default', async () => {
    /** The process group of `pid`, from /proc (the field after state and ppid). */
    const group = (pid: number | 'self'): number => {
      const stat = fs.readFileSync(`/proc/${String(pid)}/stat`, 'utf8')
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2])
    }
    const seen = await withAsyncContext(spawn('sleep', ['30']), (child) => ({ pid: child.pid, group: group(child.pid!) }))
    expect(seen.group).toBe(seen.pid)
    expect(seen.group).not.toBe(group('self'))
    const shared = await withAsyncContext(spawn('sleep', ['30'], { killGroup: false }), (child) => group(child.pid!))
    expect(shared).toBe(group('self'))
  })
})
