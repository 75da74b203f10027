/**
 * Where a resource was made, cheaply: a stack captured at creation and
 * formatted only when a leak is reported, keeping the user's frames alone.
 */

/** A captured stack; V8 formats `stack` lazily, on first read. */
export interface Trace {
  stack?: string
}

// Deep enough to get past Node's own frames (server.listen and spawn sit
// six or seven frames above the user's call) without paying for whole stacks.
const DEPTH = 24
const KEEP = 10

/** Captures the current stack below `above` (omitted with the frames it called). */
export function captureTrace(above: (...args: never[]) => unknown): Trace {
  const trace: Trace = {}
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = DEPTH
  Error.captureStackTrace(trace, above)
  Error.stackTraceLimit = limit
  return trace
}

/**
 * The folder holding the library's own code (`src/` in a checkout, `dist/`
 * when installed), read from this module's own stack frame, so the frames of
 * ctxlib's adapters are left out and the user's call to them shows instead.
 */
function ownFolder(): string | undefined {
  // The first frame is this function, in this very file.
  const line = new Error().stack?.split('\n').find((l) => l.trim().startsWith('at '))
  const file = line === undefined ? undefined : /((?:file:\/\/)?\/[^()]*?):\d+:\d+\)?$/.exec(line.trim())?.[1]
  if (file === undefined) return undefined
  const src = file.lastIndexOf('/src/')
  return src >= 0 ? file.slice(0, src + 5) : file.slice(0, file.lastIndexOf('/') + 1)
}

let own: string | undefined | null = null

function isUserFrame(line: string): boolean {
  if (!line.startsWith('at ')) return false
  if (line.includes('(node:') || line.startsWith('at node:') || line.includes('(<anonymous>)')) return false
  if (own === null) own = ownFolder()
  return own === undefined || !line.includes(own)
}

/** The user's frames of `trace`, as `    at …` lines (empty when it has none). */
export function userFrames(trace: Trace): string {
  const lines = (trace.stack ?? '').split('\n')
  const kept: string[] = []
  for (const raw of lines) {
    const line = raw.trim()
    if (isUserFrame(line)) kept.push(`    ${line}`)
    if (kept.length === KEEP) break
  }
  return kept.join('\n')
}
