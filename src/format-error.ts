import { isSuppressedError } from './internal/host-suppressed-error.js'
import { typeName } from './internal/describe.js'
import { hasOwn, isObjectLike } from './internal/guards.js'

/** Options of {@link formatError}. */
export interface FormatErrorOptions {
  /** Print each error's stack frames under its `name: message` line (default `true`). */
  readonly stack?: boolean
  /**
   * How many errors are rendered in full (default 100): the most recent ones.
   * Older errors are counted in one line, so the output stays proportional to
   * this number, not to the depth of the tree.
   */
  readonly maxErrors?: number
  /** How many members of one `AggregateError` are shown (default 15, Python's `max_group_width`). */
  readonly maxGroupWidth?: number
  /** How deeply `AggregateError`s nest before one is elided (default 10, Python's `max_group_depth`). */
  readonly maxGroupDepth?: number
}

const DURING = 'During handling of the above error, another error occurred:'
const CAUSE = 'The above error was the direct cause of the following error:'
const END = '+------------------------------------'

/** Reads a property of a possibly hostile object without letting a getter's throw escape. */
function read(target: object, key: string): unknown {
  try {
    return (target as Record<string, unknown>)[key]
  } catch {
    return undefined
  }
}

function groupMembers(value: unknown): readonly unknown[] | undefined {
  if (!(value instanceof AggregateError)) return undefined
  const errors = read(value, 'errors')
  return Array.isArray(errors) ? (errors as unknown[]) : undefined
}

/** The children of a node in the tree: what `formatError` renders before or inside it. */
function children(value: unknown): unknown[] {
  if (!isObjectLike(value)) return []
  if (isSuppressedError(value)) return [read(value, 'error'), read(value, 'suppressed')]
  const next = hasOwn(value, 'cause') ? [read(value, 'cause')] : []
  const members = groupMembers(value)
  if (members !== undefined) next.push(...members)
  return next
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : value === undefined ? fallback : typeName(value)
}

/** `name: message` for errors; `thrown <type>` (and the value, for primitives) for anything else. */
function title(value: unknown): string {
  if (value instanceof Error) {
    const name = text(read(value, 'name'), 'Error')
    const message = text(read(value, 'message'), '')
    return message === '' ? name : `${name}: ${message}`
  }
  if (typeof value === 'string') return `thrown string ${JSON.stringify(value)}`
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `thrown ${typeof value} ${String(value)}`
  if (typeof value === 'symbol') return `thrown symbol ${value.toString()}`
  return `thrown ${typeName(value)}`
}

/**
 * The frames of an error's `stack`: V8 lines starting with `at`, or the
 * `fn@file:line:col` lines of SpiderMonkey and JavaScriptCore. The header V8
 * puts first is dropped, as the title already says it.
 */
function frames(value: unknown): string[] {
  if (!(value instanceof Error)) return []
  const stack = read(value, 'stack')
  if (typeof stack !== 'string') return []
  const lines = stack.split('\n')
  const first = lines.findIndex((line) => /^\s+at /.test(line))
  const picked = first >= 0 ? lines.slice(first).filter((line) => /^\s+at /.test(line)) : lines.filter((line) => /@.*:\d+:\d+\)?$/.test(line))
  return picked.map((line) => `    ${line.trim()}`)
}

/** How many errors (transparent `SuppressedError`s excluded) a subtree holds that were not met yet. */
function countUnseen(root: unknown, seen: Set<unknown>): number {
  let count = 0
  const todo = [root]
  while (todo.length > 0) {
    const node = todo.pop()
    if (isObjectLike(node)) {
      if (seen.has(node)) continue
      seen.add(node)
    }
    if (!isSuppressedError(node)) count++
    for (const child of children(node)) todo.push(child)
  }
  return count
}

type Task =
  | { readonly kind: 'node'; readonly value: unknown; readonly prefix: string; readonly depth: number }
  | { readonly kind: 'lines'; readonly lines: readonly string[] }
  | { readonly kind: 'leave'; readonly value: object }

/**
 * Renders an error tree as Python prints a traceback: the interrupted error
 * first, then `During handling of the above error, another error occurred:`
 * and the newer one; a `cause` first, then `The above error was the direct
 * cause of the following error:` and the error it caused; an
 * `AggregateError`'s members numbered and indented under it, as Python
 * prints an exception group. Each error is its `name: message` line and its
 * stack frames. A value met again is marked, as a circular reference when it
 * contains itself, else as repeated (shown in full below), so cycles end.
 *
 * @remarks Python: `traceback.format_exception`. A `SuppressedError` is
 * JavaScript's spelling of Python's `__context__`: it is shown as the link
 * between its `suppressed` (older) and its `error` (newer), not as an error
 * of its own. Non-error values are shown as `thrown <type>` (with the value
 * for primitives). The walk is iterative, so any depth works; the output is
 * bounded by design: at most `maxErrors` errors (default 100) are rendered,
 * the most recent, and one line counts the older ones; groups show at most
 * `maxGroupWidth` members and `maxGroupDepth` levels, as Python does.
 * Nothing global is patched; the string has no trailing newline.
 * @param error - any thrown value
 * @param options - {@link FormatErrorOptions}
 * @returns the rendering, one line per `\n`
 * @throws nothing for any thrown value; `TypeError` when `options` is not an object
 * @example
 * ```ts
 * try { withContext([lock, txn], body) } catch (e) { console.error(formatError(e)) }
 * ```
 */
export function formatError(error: unknown, options: FormatErrorOptions = {}): string {
  if (!isObjectLike(options)) throw new TypeError(`formatError: expected an options object, got ${typeName(options)}`)
  const showStack = options.stack !== false
  const maxErrors = options.maxErrors ?? 100
  const maxWidth = options.maxGroupWidth ?? 15
  const maxDepth = options.maxGroupDepth ?? 10
  // Built most recent first (the reverse of the output), so that the budget
  // of `maxErrors` keeps the newest errors; reversed once at the end.
  const out: string[] = []
  const seen = new Set<unknown>()
  const path = new Set<unknown>()
  const tasks: Task[] = [{ kind: 'node', value: error, prefix: '', depth: 0 }]
  let rendered = 0
  const emit = (lines: readonly string[]): void => {
    for (let i = lines.length - 1; i >= 0; i--) out.push(lines[i] as string)
  }
  while (tasks.length > 0) {
    const task = tasks.pop() as Task
    if (task.kind === 'lines') {
      emit(task.lines)
      continue
    }
    if (task.kind === 'leave') {
      path.delete(task.value)
      continue
    }
    const { value, prefix, depth } = task
    const isObject = isObjectLike(value)
    if (isObject && path.has(value)) {
      out.push(`${prefix}<circular reference: ${title(value)}>`)
      continue
    }
    if (isObject && seen.has(value)) {
      if (rendered < maxErrors) out.push(`${prefix}<repeated: ${title(value)}, shown in full below>`)
      continue
    }
    if (rendered >= maxErrors) {
      const count = countUnseen(value, seen)
      out.push(`${prefix}[${String(count)} earlier error${count === 1 ? '' : 's'} not shown: maxErrors is ${String(maxErrors)}]`)
      continue
    }
    if (isObject) {
      seen.add(value)
      path.add(value)
      tasks.push({ kind: 'leave', value })
    }
    const blank = prefix.trimEnd()
    const separated = (link: string, older: unknown): void => {
      tasks.push({ kind: 'node', value: older, prefix, depth }, { kind: 'lines', lines: [blank, `${prefix}${link}`, blank] })
    }
    if (isSuppressedError(value)) {
      separated(DURING, read(value, 'suppressed'))
      tasks.push({ kind: 'node', value: read(value, 'error'), prefix, depth })
      continue
    }
    rendered++
    if (isObject && hasOwn(value, 'cause')) separated(CAUSE, read(value, 'cause'))
    const members = groupMembers(value)
    const head = title(value)
    const titled = members === undefined ? head : `${head} (${String(members.length)} sub-error${members.length === 1 ? '' : 's'})`
    const block = [...titled.split('\n'), ...(showStack ? frames(value) : [])].map((line) => prefix + line)
    if (members === undefined) {
      emit(block)
      continue
    }
    if (depth >= maxDepth) {
      emit([`${prefix}... (maxGroupDepth is ${String(maxDepth)})`])
      continue
    }
    tasks.push({ kind: 'lines', lines: block })
    const shown = Math.min(members.length, maxWidth)
    for (let i = 0; i < shown; i++) {
      const number = ` ${String(i + 1)} `
      tasks.push(
        { kind: 'lines', lines: [`${prefix}${i === 0 ? '+-+' : '  +'}${'-'.repeat(16)}${number}${'-'.repeat(16)}`] },
        { kind: 'node', value: members[i], prefix: `${prefix}  | `, depth: depth + 1 },
      )
    }
    if (members.length > shown) {
      const more = members.length - shown
      tasks.push({ kind: 'lines', lines: [`${prefix}  +---------------- ... ----------------`, `${prefix}  | and ${String(more)} more error${more === 1 ? '' : 's'}`] })
    }
    tasks.push({ kind: 'lines', lines: [`${prefix}  ${END}`] })
  }
  return out.reverse().join('\n')
}
