/**
 * Which host resources a leak check records, the readable kind it reports
 * for each, and whether one is still open, read from the resource itself.
 */

/**
 * async_hooks type → reported kind. Handles that stay open until closed;
 * requests (a DNS lookup, a write) finish on their own and are left out, and
 * so is `TLSWRAP`, whose socket's `TCPWRAP` already reports it.
 */
const KINDS: ReadonlyMap<string, string> = new Map([
  ['TCPSERVERWRAP', 'TCPServer'],
  ['TCPWRAP', 'TCPSocket'],
  ['PIPESERVERWRAP', 'PipeServer'],
  ['PIPEWRAP', 'Pipe'],
  ['UDPWRAP', 'UDPSocket'],
  ['Timeout', 'Timeout'],
  ['Immediate', 'Immediate'],
  ['FILEHANDLE', 'FileHandle'],
  ['PROCESSWRAP', 'ChildProcess'],
  ['FSEVENTWRAP', 'FSWatcher'],
  ['STATWATCHER', 'StatWatcher'],
  ['SIGNALWRAP', 'SignalListener'],
  ['MESSAGEPORT', 'MessagePort'],
  ['WORKER', 'Worker'],
])

/** The kind a recorded resource of async_hooks `type` reports, or `undefined` when it is not recorded. */
export function kindOf(type: string): string | undefined {
  return KINDS.get(type)
}

/** What a resource exposes that tells whether it is closed (all optional: hosts differ). */
interface Probe {
  _destroyed?: unknown
  _repeat?: unknown
  fd?: unknown
  hasRef?: unknown
}

/**
 * Whether `resource` of async_hooks `type`, not yet destroyed, is still open.
 * A timer is closed once it fired or was cleared, a `FileHandle` once its
 * descriptor is gone; handles are open until the host destroys them.
 */
export function isOpen(type: string, resource: object): boolean {
  const probe = resource as Probe
  if (type === 'Timeout' || type === 'Immediate') return probe._destroyed !== true
  if (type === 'FILEHANDLE') return typeof probe.fd !== 'number' || probe.fd >= 0
  return true
}

/** Whether an open resource is no leak by nature: an unref'd timer or immediate. */
export function isExempt(type: string, resource: object): boolean {
  if (type !== 'Timeout' && type !== 'Immediate') return false
  const hasRef = (resource as Probe).hasRef
  return typeof hasRef === 'function' && (hasRef as () => unknown).call(resource) === false
}

/** The kind to report: a repeating `Timeout` is an `Interval`. */
export function reportedKind(type: string, resource: object): string {
  if (type === 'Timeout') {
    const repeat = (resource as Probe)._repeat
    return typeof repeat === 'number' ? 'Interval' : 'Timeout'
  }
  return KINDS.get(type) ?? type
}

/**
 * Handles that `resource` owns and that its own report already covers: a
 * child process's stdio pipes (reported once, as the `ChildProcess`).
 */
export function ownedHandles(type: string, resource: object): object[] {
  if (type !== 'PROCESSWRAP') return []
  const key = Object.getOwnPropertySymbols(resource).find((symbol) => symbol.description === 'owner_symbol')
  const owner = key === undefined ? undefined : (resource as Record<symbol, unknown>)[key]
  const stdio = (owner as { stdio?: unknown } | undefined)?.stdio
  if (!Array.isArray(stdio)) return []
  const handles: object[] = []
  for (const stream of stdio as unknown[]) {
    const handle = (stream as { _handle?: unknown } | null)?._handle
    if (typeof handle === 'object' && handle !== null) handles.push(handle)
  }
  return handles
}
