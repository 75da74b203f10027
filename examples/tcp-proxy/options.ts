/** Command-line parsing for the proxy. */
import { parseArgs } from 'node:util'
import type { DumpFormat } from './dump.js'

export interface Endpoint {
  host: string
  port: number
}

export interface ProxyOptions {
  listen: Endpoint
  backend: Endpoint
  dump: DumpFormat | undefined
  /** Per connection: close it after this many ms without traffic (0: never). */
  idleTimeout: number
  /** On SIGINT/SIGTERM: how long live connections may take to finish before they are reset. */
  gracePeriod: number
}

export const HELP = `tcp-proxy: forward TCP connections to a backend, optionally dumping the traffic.

Usage:
  npm run example:proxy -- --listen HOST:PORT --backend HOST:PORT [options]

Every connection accepted on --listen gets its own connection to --backend,
and bytes are copied both ways until both sides have finished (half-close is
forwarded). A reset or an error on either side resets the other side at
once. If the backend cannot be reached, the client's connection is closed at
once and the error is logged.

Options:
  --listen HOST:PORT     address to accept connections on (port 0: any free port)
  --backend HOST:PORT    address to forward each connection to
  --dump hex|text        print each direction's traffic to stdout with timestamps:
                         hex (offsets, hex bytes, ASCII) or text (printable
                         ASCII as is, \\n \\r \\t \\\\ and \\xNN escapes)
  --idle-timeout MS      close a connection after MS milliseconds without
                         traffic (default 0: never)
  --grace-period MS      on SIGINT/SIGTERM: stop accepting, give live
                         connections up to MS milliseconds to finish, then
                         reset them (both sides get a TCP RST, never an end
                         that could pass for a complete exchange), log how
                         many, and exit 0 (default 5000)
  --help                 show this text

A second SIGINT/SIGTERM during the grace period ends the process at once
(as that signal ends it: status 130 for SIGINT, 143 for SIGTERM).

Log lines (connections opened and closed, errors, shutdown) go to stderr.
`

export class UsageError extends Error {
  override name = 'UsageError'
}

function endpoint(flag: string, value: string | undefined): Endpoint {
  if (value === undefined) throw new UsageError(`${flag} HOST:PORT is required`)
  const colon = value.lastIndexOf(':')
  const host = value.slice(0, colon).replace(/^\[(.*)\]$/, '$1')
  const port = Number(value.slice(colon + 1))
  if (colon <= 0 || host === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`${flag}: expected HOST:PORT, got ${JSON.stringify(value)}`)
  }
  return { host, port }
}

function milliseconds(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const ms = Number(value)
  if (!Number.isFinite(ms) || ms < 0) throw new UsageError(`${flag}: expected a number of milliseconds ≥ 0, got ${JSON.stringify(value)}`)
  return ms
}

/** The options, or `'help'`; throws a `UsageError` on bad input. */
export function parseOptions(argv: readonly string[]): ProxyOptions | 'help' {
  let values
  try {
    ;({ values } = parseArgs({
      args: [...argv],
      options: {
        listen: { type: 'string' },
        backend: { type: 'string' },
        dump: { type: 'string' },
        'idle-timeout': { type: 'string' },
        'grace-period': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  if (values.help === true) return 'help'
  const dump = values.dump
  if (dump !== undefined && dump !== 'hex' && dump !== 'text') {
    throw new UsageError(`--dump: expected hex or text, got ${JSON.stringify(dump)}`)
  }
  return {
    listen: endpoint('--listen', values.listen),
    backend: endpoint('--backend', values.backend),
    dump,
    idleTimeout: milliseconds('--idle-timeout', values['idle-timeout'], 0),
    gracePeriod: milliseconds('--grace-period', values['grace-period'], 5_000),
  }
}
