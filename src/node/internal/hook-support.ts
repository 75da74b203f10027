/**
 * Whether the host's `async_hooks` really report resource creation. Bun and
 * Deno export `createHook` but (in some versions) never call its `init`: a
 * leak check built on such a stub would pass every time, so the first check
 * asks the host by making a timer and watching for it.
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
 * hooks see a timer being made. The answer is kept per `createHook`.
 */
export function checkHookSupport(api: string, createHook: unknown): void {
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
