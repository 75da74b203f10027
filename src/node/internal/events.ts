import { type EventEmitter, once } from 'node:events'

/**
 * Resolves when `emitter` emits `event`, rejects with the error when it
 * emits `'error'` first (`events.once`'s rule); either way its listeners are
 * removed. `start`, if given, runs once the listeners are attached, so that
 * nothing it triggers can be missed; if it throws synchronously, the
 * listeners are removed and the error is thrown.
 */
export async function eventOrError(emitter: EventEmitter, event: string, start?: () => void): Promise<void> {
  const controller = new AbortController()
  const happened = once(emitter, event, { signal: controller.signal })
  try {
    start?.()
  } catch (e) {
    controller.abort()
    // The abort rejects `happened`; nobody waits for it any more.
    happened.catch(() => undefined)
    throw e
  }
  await happened
}

/**
 * Resolves once `emitter` emits `event`, whatever it emitted before. For
 * `'close'` and `'exit'`: `events.once` would reject on an `'error'`, which
 * comes before them, and so settle while the descriptor is still held.
 */
export function nextEvent(emitter: EventEmitter, event: string): Promise<void> {
  return new Promise((resolve) => {
    emitter.once(event, () => {
      resolve()
    })
  })
}
