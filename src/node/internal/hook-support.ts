/**
 * Whether the host's `async_hooks` really report resource creation. Bun
 * exports a `createHook` that never calls `init`; Deno's reports timers and
 * sockets but no `FileHandle`, watcher or child process. A leak check built
 * on either would pass with leaks, so the first check asks the host by making
 * a timer and watching for it, and refuses Deno by name.
 */

/** The part of `async_hooks.createHook` the probe uses. */
export type CreateHook = (callbacks: { init: (id: number, type: string) => void }) => { enable(): unknown; disable(): unknown }

const answers = new WeakMap<CreateHook, boolean>()

function probe(createHook: CreateHook): boolean {
  let seen = false
  try {
    const hook = createHook({
      init(_id, type) {
        if (type === 'Timeout') seen = true
      },
    })
    hook.enable()
    try {
      clearTimeout(setTimeout(() => undefined, 0))
    } finally {
      hook.disable()
    }
  } catch {
    return false
  }
  return seen
}

/**
 * Throws a `TypeError` naming `api` unless `createHook` is a function whose
 * hooks see a timer being made, on a host other than Deno (`versions` is
 * `process.versions`). The answer is kept per `createHook`.
 */
export function checkHookSupport(api: string, createHook: unknown, versions: Readonly<Record<string, unknown>>): void {
  if (typeof versions.deno === 'string') {
    throw new TypeError(`${api}: Deno's async_hooks do not report file handles, watchers or child processes, so a check here could pass with leaks`)
  }
  if (typeof createHook !== 'function') {
    throw new TypeError(`${api}: this runtime has no async_hooks.createHook, so it cannot see the resources a scope opens`)
  }
  const fn = createHook as CreateHook
  let supported = answers.get(fn)
  if (supported === undefined) {
    supported = probe(fn)
    answers.set(fn, supported)
  }
  if (!supported) {
    throw new TypeError(`${api}: this runtime's async_hooks.createHook does not report new resources, so it cannot see the resources a scope opens`)
  }
}
