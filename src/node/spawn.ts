import * as childProcess from 'node:child_process'
import type { ChildProcess, SpawnOptions as NodeSpawnOptions } from 'node:child_process'
import type { AsyncContextManager } from '../protocols.js'
import { badArgument } from '../internal/describe.js'
import { SingleUse, checkGracePeriod, checkOptions } from './internal/args.js'
import { eventOrError } from './internal/events.js'
import { withGracePeriod } from './internal/grace.js'

/** Options of {@link spawn}: Node's `child_process.spawn` options plus `gracePeriod`. */
export type SpawnOptions = NodeSpawnOptions & {
  /** How long (ms) exit waits after SIGTERM before sending SIGKILL. Default 5,000. */
  gracePeriod?: number
}

function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null
}

/** Resolves once `child` has emitted `event` (at once if `already`). */
function when(child: ChildProcess, event: 'exit' | 'close', already: boolean): Promise<void> {
  if (already) return Promise.resolve()
  return new Promise((resolve) => {
    child.once(event, () => {
      resolve()
    })
  })
}

/** The manager {@link spawn} returns. Single-use. */
export class Spawn implements AsyncContextManager<ChildProcess> {
  readonly #command: string
  readonly #args: readonly string[]
  readonly #options: NodeSpawnOptions
  readonly #gracePeriod: number
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
    const { gracePeriod, ...rest } = checkOptions('spawn', options, true)
    this.#gracePeriod = checkGracePeriod('spawn', gracePeriod, 5_000)
    this.#command = command
    this.#args = args ?? []
    this.#options = rest
  }

  /** Starts the process; resolves to it once `'spawn'` fired, or rejects with the spawn error (e.g. `ENOENT`). */
  async enterAsync(): Promise<ChildProcess> {
    this.#life.enter()
    let child: ChildProcess | undefined
    try {
      child = childProcess.spawn(this.#command, this.#args, this.#options)
      const c = child
      c.once('close', () => {
        this.#closed = true
      })
      await eventOrError(c, 'spawn')
    } catch (e) {
      this.#life.fail()
      // A failed spawn has no process, but Node may have opened stdio pipes for it.
      if (child) for (const stream of child.stdio) stream?.destroy()
      throw e
    }
    this.#child = child
    return child
  }

  /**
   * If the process still runs: SIGTERM, wait up to the grace period, then
   * SIGKILL. Resolves once it has exited and its stdio pipes are closed.
   * Same on both paths; never suppresses.
   */
  async exitAsync(): Promise<false> {
    this.#life.exit()
    const child = this.#child as ChildProcess
    this.#child = undefined
    const exited = when(child, 'exit', !running(child))
    if (running(child)) {
      child.kill('SIGTERM')
      await withGracePeriod(exited, this.#gracePeriod, () => child.kill('SIGKILL'))
    }
    await exited
    await this.#closeStdio(child)
    return false
  }

  /** Lets unread output drain, then closes the pipes; a grandchild holding them open gets the grace period. */
  async #closeStdio(child: ChildProcess): Promise<void> {
    const closed = when(child, 'close', this.#closed)
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
 * @remarks Python: `subprocess.Popen` used in `with`; Python's exit waits
 * without killing, this one terminates the process. Single-use. Under
 * `await using`, bridge through an `AsyncExitStack`.
 * @param command - the program to run
 * @param args - its arguments (default none)
 * @param options - `child_process.spawn` options plus `gracePeriod` (ms, default 5,000)
 * @returns a single-use async context manager entering as the `ChildProcess`
 * @throws `TypeError` at once on bad arguments; `enterAsync` rejects with the spawn error
 * @example
 * ```ts
 * await withAsyncContext(spawn('node', ['server.js'], { stdio: 'inherit' }), async (child) => {
 *   await runTestsAgainst(child)
 * }) // the server is terminated here, and waited for
 * ```
 */
export function spawn(command: string, args?: readonly string[], options?: SpawnOptions): Spawn {
  return new Spawn(command, args, options)
}
