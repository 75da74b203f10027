/**
 * Checks, at the call, the options that Node itself would only check when
 * the manager is entered (and report with Node's message, which prints the
 * value). Each names the function and the option, and the type received.
 */
import { isIP } from 'node:net'
import { constants } from 'node:os'
import { badArgument } from '../../internal/describe.js'

type Options = Record<string, unknown>

const PORT = 'an integer from 0 to 65535 (or its decimal string)'

function isPort(value: unknown): boolean {
  if (typeof value === 'string') return /^[0-9]{1,5}$/.test(value.trim()) && Number(value) <= 65_535
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 65_535
}

function isAbortSignal(value: unknown): boolean {
  return typeof AbortSignal === 'function' && value instanceof AbortSignal
}

/** `options[name]`, unless undefined, must pass `ok`; else a TypeError saying `name to be <expected>`. */
export function checkOption(api: string, options: Options, name: string, ok: (value: unknown) => boolean, expected: string): void {
  const value = options[name]
  if (value !== undefined && !ok(value)) throw badArgument(api, `${name} to be ${expected}`, value)
}

const isString = (v: unknown): boolean => typeof v === 'string'
const isBoolean = (v: unknown): boolean => typeof v === 'boolean'
const isFunction = (v: unknown): boolean => typeof v === 'function'
const isNonNegative = (v: unknown): boolean => typeof v === 'number' && v >= 0
const isInteger = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v)

function requirePortOrPath(api: string, options: Options, alternatives: readonly string[]): void {
  if (alternatives.every((name) => options[name] === undefined)) {
    throw new TypeError(`${api}: expected options with ${alternatives.join(' or ')}, got an object with neither`)
  }
}

/** What `net.connect` would reject when entering. */
export function checkConnectOptions(api: string, options: Options): void {
  requirePortOrPath(api, options, ['port', 'path'])
  checkOption(api, options, 'port', isPort, PORT)
  checkOption(api, options, 'host', isString, 'a string')
  checkOption(api, options, 'path', isString, 'a string')
  checkOption(api, options, 'family', (v) => v === 0 || v === 4 || v === 6, '0, 4 or 6')
  checkOption(api, options, 'localAddress', (v) => typeof v === 'string' && isIP(v) !== 0, 'an IP address string')
  checkOption(api, options, 'localPort', isPort, PORT)
  checkOption(api, options, 'timeout', isNonNegative, 'a non-negative number of milliseconds')
  checkOption(api, options, 'keepAliveInitialDelay', isNonNegative, 'a non-negative number of milliseconds')
  checkOption(api, options, 'autoSelectFamily', isBoolean, 'a boolean')
  checkOption(api, options, 'autoSelectFamilyAttemptTimeout', isNonNegative, 'a non-negative number of milliseconds')
  checkOption(api, options, 'lookup', isFunction, 'a function')
  checkOption(api, options, 'signal', isAbortSignal, 'an AbortSignal')
}

/** What `server.listen` would reject when entering. */
export function checkListenOptions(api: string, options: Options): void {
  requirePortOrPath(api, options, ['port', 'path', 'fd', 'handle'])
  checkOption(api, options, 'port', isPort, PORT)
  checkOption(api, options, 'host', isString, 'a string')
  checkOption(api, options, 'path', isString, 'a string')
  checkOption(api, options, 'backlog', isInteger, 'an integer')
  checkOption(api, options, 'signal', isAbortSignal, 'an AbortSignal')
}

const STDIO = new Set(['pipe', 'overlapped', 'ignore', 'inherit'])

/** What `child_process.spawn` would reject when entering. */
export function checkSpawnOptions(api: string, options: Options): void {
  checkOption(api, options, 'cwd', (v) => typeof v === 'string' || v instanceof URL, 'a path string or file URL')
  checkOption(api, options, 'env', (v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'an object')
  checkOption(api, options, 'stdio', (v) => Array.isArray(v) || (typeof v === 'string' && STDIO.has(v)), "'pipe', 'ignore', 'inherit', 'overlapped' or an array")
  checkOption(api, options, 'shell', (v) => typeof v === 'boolean' || typeof v === 'string', 'a boolean or a string')
  checkOption(api, options, 'argv0', isString, 'a string')
  checkOption(api, options, 'uid', isInteger, 'an integer')
  checkOption(api, options, 'gid', isInteger, 'an integer')
  checkOption(api, options, 'timeout', (v) => isInteger(v) && (v as number) >= 0, 'a non-negative integer')
  checkOption(api, options, 'killSignal', (v) => isInteger(v) || (typeof v === 'string' && v in constants.signals), 'a signal name or number')
  checkOption(api, options, 'signal', isAbortSignal, 'an AbortSignal')
  checkOption(api, options, 'serialization', (v) => v === 'json' || v === 'advanced', "'json' or 'advanced'")
  for (const name of ['detached', 'windowsHide', 'windowsVerbatimArguments']) checkOption(api, options, name, isBoolean, 'a boolean')
}
