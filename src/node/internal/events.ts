import type { EventEmitter } from 'node:events'

/**
 * Resolves when `emitter` emits `event`, rejects with the error when it
 * emits `'error'` first; either way both listeners are removed. `start`, if
 * given, runs once both listeners are attached (a synchronous throw from it
 * rejects), so that nothing it triggers can be missed.
 */
export function eventOrError(emitter: EventEmitter, event: string, start?: () => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onEvent = (): void => {
      emitter.off('error', onError)
      resolve()
    }
    const onError = (e: Error): void => {
      emitter.off(event, onEvent)
      reject(e)
    }
    emitter.once(event, onEvent)
    emitter.once('error', onError)
    start?.()
  })
}
