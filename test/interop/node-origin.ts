/**
 * Disposables that Node makes itself: timers (`Symbol.dispose` clears them)
 * and file handles (`Symbol.asyncDispose` closes them, emitting 'close').
 */
import type { EventEmitter } from 'node:events'
import { open } from 'node:fs/promises'

import type { Origin } from './scenarios.js'

export function nodeOrigin(file: string): Origin {
  const fired: string[] = []
  return {
    logs: false,
    throws: false,
    sync(name) {
      return setTimeout(() => fired.push(name), 0)
    },
    async async(name, log) {
      const handle = await open(file)
      // A FileHandle is an EventEmitter (Node's typings for 20 do not say so).
      ;(handle as unknown as EventEmitter).on('close', () => log.push(`dispose ${name}`))
      return handle
    },
    async settle(log) {
      // A 0 ms timer that was not cleared fires before this later, longer one.
      await new Promise((resolve) => setTimeout(resolve, 5))
      log.push(fired.length === 0 ? 'no disposed timer fired' : `timers fired: ${fired.join(', ')}`)
    },
  }
}
