import * as childProcess from 'node:child_process'
import type { ChildProcess, SpawnOptions as NodeSpawnOptions } from 'node:child_process'
import type { AsyncContextManager } from '../protocols.js'
import { badArgument } from '../internal/describe.js'
import { checkGracePeriod, checkOptions } from './internal/args.js'
import { SingleUse } from './internal/single-use.js'
import { eventOrError, nextEvent } from './internal/events.js'
import { withGracePeriod } from './internal/grace.js'
import { checkOption, checkSpawnOptions } from './internal/option-checks.js'
import { groupAlive, groupGone, signalGroup } from './internal/process-group.js'

/** Options of {@link spawn}: Node's `child_process.spawn` options plus `gracePeriod` and `killGroup`. */
export type SpawnOptions = NodeSpawnOptions & {
  /** How long (ms) exit waits after SIGTERM before sending SIGKILL. Default 5,000. */
  gracePeriod?: number
  /**
   * POSIX: start the child in a process group of its own (`detached: true`)
   * and signal the whole group at exit, so that what the child started goes
   * too. Default `true`, unless `detached: false` is given; ignored on Windows.
   */
  killGroup?: boolean
}

const POSIX = process.platform !== 'win32'
function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null
}

/** The manager {@link spawn} returns. Single-use. */
export class Spawn implements AsyncContextManager<ChildProcess> {
  readonly #command: string
  readonly #args: readonly string[]
  readonly #options: NodeSpawnOptions
  readonly #gracePeriod: number
  readonly #killGroup: boolean
  readonly #life = new SingleUse('spawn')
  #child: ChildProcess | undefined
  #closed = false

  /** Prefer {@link spawn}; the constructor checks its arguments the same way. */
  constructor(command: string, args?: readonly string[], options?: SpawnOptions) {
    if (typeof command !== 'string' || command === '') throw badArgument('spawn', 'a command string', command)
    if (args !== undefined && !Array.isArray(args)) throw badArgument('spawn', 'args to be an array of strings', args)
    for (const arg of args ?? []) {
      if (typeof arg !== 'string') throw badArgument('spawn', 'args to be an array of strings', arg)
    }
    const { gracePeriod, killGroup, ...rest } = checkOptions('spawn', options, true)
    this.#gracePeriod = checkGracePeriod('spawn', gracePeriod, 5_000)
    checkSpawnOptions('spawn', rest)
    checkOption('spawn', { killGroup }, 'killGroup', (v) => typeof v === 'boolean', 'a boolean')
    if (killGroup === true && rest.detached === false) {
      throw new TypeError('spawn: expected killGroup: false with detached: false, got killGroup: true')
    }
    this.#killGroup = POSIX && killGroup !== false && rest.detached !== false
    this.#command = command
    this.#args = args ?? []
    this.#options = this.#killGroup ? { ...rest, detached: true } : rest
  }

  /** Starts the process; resolves to it once `'spawn'` fired, or rejects with the spawn error (e.g. `ENOENT`). */
  async enterAsync(): Promise<ChildProcess> {
    this.#child = await this.#life.enterWithAsync(async () => {
      const child = childProcess.spawn(this.#command, this.#args, this.#options)
      child.once('close', () => {
        this.#closed = true
      })
      try {
        await eventOrError(child, 'spawn')
      } catch (e) {
        // A failed spawn has no process, but Node may have opened stdio pipes for it.
        for (const stream of child.stdio) stream?.destroy()
        throw e
      }
      return child
    })
    return this.#child
  }

  /**
   * If the process (or, with `killGroup`, anything in its group) still runs:
   * SIGTERM, wait up to the grace period, then SIGKILL. Resolves once it has
   * exited and its stdio pipes are closed. Same on both paths; never suppresses.
   */
  async exitAsync(): Promise<false> {
    this.#life.exit()
    const child = this.#child as ChildProcess
    this.#child = undefined
    const exited = running(child) ? nextEvent(child, 'exit') : Promise.resolve()
    const pgid = this.#killGroup ? child.pid : undefined
    if (pgid !== undefined) {
      // The group outlives its leader while anything the child started runs:
      // wait for all of it. A group that is gone gets no signal (its id could
      // only be reused once it is empty).
      if (running(child) || groupAlive(pgid)) {
        let killed = false
        signalGroup(pgid, 'SIGTERM')
        const gone = exited.then(() => groupGone(pgid, () => killed))
        await withGracePeriod(gone, this.#gracePeriod, () => {
          killed = true
          signalGroup(pgid, 'SIGKILL')
        })
      }
    } else if (running(child)) {
      child.kill('SIGTERM')
      await withGracePeriod(exited, this.#gracePeriod, () => child.kill('SIGKILL'))
    }
    await exited
    await this.#closeStdio(child)
    return false
  }

  /** Lets unread output drain, then closes the pipes; a grandchild holding them open gets the grace period. */
  async #closeStdio(child: ChildProcess): Promise<void> {
    const closed = this.#closed ? Promise.resolve() : nextEvent(child, 'close')
    child.stdin?.destroy()
    for (const stream of [child.stdout, child.stderr]) {
      if (stream && !stream.readableFlowing) stream.resume()
    }
    await withGracePeriod(closed, this.#gracePeriod, () => {
      for (const stream of child.stdio) stream?.destroy()
    })
  }
}

/**
 * Runs a child process for the duration of a block and makes sure it is gone afterwards.
 *
 * Enters as the started `ChildProcess` once Node reported `'spawn'`; a spawn
 * failure (such as `ENOENT`) rejects `enterAsync`. At exit, a process that is
 * still running gets SIGTERM, then SIGKILL if it has not exited after
 * `gracePeriod`; exit resolves once it has exited and its pipes are closed
 * (output nobody read is discarded). Node's own dispose only sends SIGTERM
 * and does not wait.
 *
 * On POSIX, by default (`killGroup: true`), the child starts in a process
 * group of its own (Node's `detached: true`) and the signals go to the whole
 * group, so that what it started (`sh -c 'server &'`, a watcher's workers)
 * does not outlive the block: exit waits until every process of the group
 * has exited, up to `gracePeriod`, then sends SIGKILL to the group. Its own
 * group also means the terminal's Ctrl-C no longer reaches the child: if the
 * parent can be stopped by a signal, let it run the exits (handle the
 * signal). `killGroup: false` (or `detached: false`) keeps the child in the
 * parent's group and signals the child alone. On Windows there are no
 * process groups to signal: `killGroup` is ignored, the child alone is
 * terminated, and its own children survive it (end the tree with
 * `taskkill /pid <pid> /T /F` inside the block if needed).
 *
 * @remarks Python: `subprocess.Popen` used in `with`; Python's exit waits
 * without killing, this one terminates the process (`start_new_session=True`
 * plus `os.killpg` is Python's way to reach its group). Single-use. Under
 * `await using`, bridge through an `AsyncExitStack`.
 * @param command - the program to run
 * @param args - its arguments (default none)
 * @param options - `child_process.spawn` options plus `gracePeriod` (ms, default 5,000) and `killGroup` (default `true`)
 * @returns a single-use async context manager entering as the `ChildProcess`
 * @throws `TypeError` at once on bad arguments (including the spawn options Node would refuse:
 * `cwd`, `env`, `stdio`, `shell`, `uid`, `gid`, `timeout`, `killSignal`, `signal`, …);
 * `enterAsync` rejects with the spawn error
 * @example
 * ```ts
 * await withAsyncContext(spawn('sh', ['-c', 'npm run serve & npm run watch; wait']), async (child) => {
 *   await runTestsAgainst(child)
 * }) // the shell and both commands are terminated here, and waited for
 * ```
 */
export function spawn(command: string, args?: readonly string[], options?: SpawnOptions): Spawn {
  return new Spawn(command, args, options)
}
