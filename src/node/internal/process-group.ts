/**
 * A POSIX process group, as spawn uses it: is anything of it alive, signal
 * it, wait until it is gone. The group's id is its leader's pid.
 */
import * as fs from 'node:fs'

/** How soon exit first looks again whether a group whose leader has exited is gone (then less often). */
const GROUP_POLL_MS = 10

/**
 * Whether a live process of group `pgid` exists. `kill(-pgid, 0)` also counts
 * zombies, which an init that does not reap (as in many containers) keeps
 * forever; on Linux, /proc tells them apart.
 */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
  } catch {
    return false
  }
  return process.platform !== 'linux' || liveMemberOnLinux(pgid)
}

function liveMemberOnLinux(pgid: number): boolean {
  let pids: string[]
  try {
    pids = fs.readdirSync('/proc').filter((name) => /^[0-9]+$/.test(name))
  } catch {
    return true
  }
  for (const pid of pids) {
    let stat: string
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    } catch {
      continue
    }
    // Fields after the command name (which may hold spaces): state, ppid, pgrp, …
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (Number(pgrp) === pgid && state !== 'Z') return true
  }
  return false
}

/** Sends `signal` to group `pgid`; a group that is gone already is no error. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal)
  } catch (e) {
    if ((e as { code?: unknown } | null)?.code !== 'ESRCH') throw e
  }
}

/** Resolves once group `pgid` is gone, or once `stopped()` is true; looks less often as time passes. */
export async function groupGone(pgid: number, stopped: () => boolean): Promise<void> {
  for (let wait = GROUP_POLL_MS; !stopped() && groupAlive(pgid); wait = Math.min(wait * 2, 100)) {
    await new Promise((resolve) => setTimeout(resolve, wait))
  }
}
