/**
 * Finds a CPython interpreter of at least a given 3.x version the way a
 * newcomer's machine offers one: on PATH (`python3.N`, newest first, then
 * `python3`), then in pyenv (`$PYENV_ROOT` or `~/.pyenv`, `versions/*`).
 * Every candidate is run once (`--version`): a pyenv shim for a version that
 * is not selected fails and is passed over.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { delimiter, join } from 'node:path'

export interface Python {
  /** What to spawn. */
  readonly path: string
  /** `3.12.1`. */
  readonly version: string
  readonly minor: number
}

const seen = new Map<string, Python | null>()

/** Runs `path --version`; null when it does not run or is not CPython 3. */
function probe(path: string): Python | null {
  const cached = seen.get(path)
  if (cached !== undefined) return cached
  const r = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000 })
  const match = r.status === 0 ? /^Python (3\.(\d+)\.\d+)/.exec(`${r.stdout}${r.stderr}`.trim()) : null
  const found = match === null ? null : { path, version: match[1] ?? '', minor: Number(match[2]) }
  seen.set(path, found)
  return found
}

function readDir(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}

const byMinorDescending = (a: string, b: string): number => Number(/\d+$/.exec(b)?.[0]) - Number(/\d+$/.exec(a)?.[0])

/** Every place a newcomer's Python may be, in the order they are tried. */
export function pythonCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const dirs = (env.PATH ?? '').split(delimiter).filter((d) => d !== '')
  const versioned = dirs.flatMap((dir) =>
    readDir(dir)
      .filter((name) => /^python3\.\d+$/.test(name))
      .sort(byMinorDescending)
      .map((name) => join(dir, name)),
  )
  const plain = dirs.map((dir) => join(dir, 'python3')).filter((p) => existsSync(p))
  const pyenvRoot = env.PYENV_ROOT ?? join(homedir(), '.pyenv')
  const pyenv = readDir(join(pyenvRoot, 'versions'))
    .filter((v) => /^3\.\d+\.\d+$/.test(v))
    .sort((a, b) => Number(b.split('.')[1]) - Number(a.split('.')[1]))
    .map((v) => join(pyenvRoot, 'versions', v, 'bin', 'python3'))
  return [...versioned, ...plain, ...pyenv]
}

/** The first interpreter of version 3.`minMinor` or later, or undefined. */
export function findPython(minMinor: number): Python | undefined {
  for (const candidate of pythonCandidates()) {
    const found = probe(candidate)
    if (found !== null && found.minor >= minMinor) return found
  }
  return undefined
}
