/**
 * update-settings: set one key of a JSON settings file, atomically.
 *
 *   npm run example:settings -- settings.json server.port 8080
 *
 * The key may be a dotted path (`server.port`); the value is parsed as JSON
 * when it is valid JSON, else taken as a string. A missing file counts as an
 * empty object, so the first run creates it (its folder must exist). A
 * relative path is taken from the folder `npm run` was started in. Whatever
 * fails (the file cannot be read, it is not JSON, the write fails half-way),
 * the old file is left byte-for-byte as it was and no temporary file
 * remains: atomicWrite only renames its temporary file over the target when
 * the block completes.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { suppress, withAsyncContext } from '../../src/index.js'
import { atomicWrite, openFile } from '../../src/node/index.js'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

export interface UpdateHooks {
  /** Called after the new content was (partly) written, before the commit: lets tests fail mid-write. */
  afterWrite?: () => void | Promise<void>
}

function parseValue(text: string): Json {
  try {
    return JSON.parse(text) as Json
  } catch {
    return text
  }
}

/** Sets `dotted` (e.g. `server.port`) in `settings`, creating objects on the way. */
export function setKey(settings: Json, dotted: string, value: Json): Json {
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    throw new TypeError('update-settings: expected the file to hold a JSON object')
  }
  const keys = dotted.split('.')
  const last = keys.pop()
  if (last === undefined || last === '' || keys.includes('')) throw new TypeError(`update-settings: bad key ${JSON.stringify(dotted)}`)
  let node: { [key: string]: Json } = settings
  for (const key of keys) {
    const child = node[key]
    if (typeof child === 'object' && child !== null && !Array.isArray(child)) node = child
    else node = node[key] = {}
  }
  node[last] = value
  return settings
}

/** Reads `file` (none yet: `{}`), sets `key` to `rawValue`, and replaces or creates the file atomically. */
export async function updateSettings(file: string, key: string, rawValue: string, hooks: UpdateHooks = {}): Promise<Json> {
  // No file yet: `suppress` swallows the ENOENT of opening it, and the block's result is undefined.
  const text = await withAsyncContext([suppress('ENOENT'), openFile(file, 'r')], ([, handle]) => handle.readFile('utf8'))
  const settings = setKey(text === undefined ? {} : (JSON.parse(text) as Json), key, parseValue(rawValue))
  const json = `${JSON.stringify(settings, null, 2)}\n`
  await withAsyncContext(atomicWrite(file), async (handle) => {
    // Written in two parts, so that a failure in between really leaves a half-written temp file.
    const half = Math.floor(json.length / 2)
    await handle.writeFile(json.slice(0, half))
    await hooks.afterWrite?.()
    await handle.writeFile(json.slice(half))
  })
  return settings
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href
if (isMain) {
  const [file, key, value] = process.argv.slice(2)
  if (file === undefined || key === undefined || value === undefined || file === '--help') {
    process.stdout.write('usage: update-settings FILE KEY VALUE   (KEY may be dotted; VALUE is JSON or a string)\n')
    process.exitCode = file === '--help' ? 0 : 2
  } else {
    // `npm run` starts scripts in the repository root; INIT_CWD is where it was typed.
    const target = resolve(process.env.INIT_CWD ?? process.cwd(), file)
    try {
      const created = !existsSync(target)
      await updateSettings(target, key, value)
      process.stdout.write(`${file}: ${created ? 'created, ' : ''}set ${key}\n`)
    } catch (e) {
      process.stderr.write(`update-settings: ${e instanceof Error ? e.message : String(e)} (the file is unchanged)\n`)
      process.exitCode = 1
    }
  }
}
