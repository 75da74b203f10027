/**
 * The hooks through which ctxlib's classes tell `trackUnclosed` that an
 * object now holds something (`trackMade`) and that it let go
 * (`trackReleased`). While tracking is off, each is a call that finds
 * `tracker` null and returns: the classes pay nothing measurable.
 */

/** What `trackUnclosed` installs while it is on. */
export interface Tracker {
  made(target: object, kind: string | undefined): void
  released(target: object): void
}

let tracker: Tracker | null = null

/** Installs `next` (or none) and returns the tracker it replaces. */
export function setTracker(next: Tracker | null): Tracker | null {
  const previous = tracker
  tracker = next
  return previous
}

/**
 * `target` now holds something that only its exit, close or dispose
 * releases. `kind` names it in the warning (default: its class's name).
 */
export function trackMade(target: object, kind?: string): void {
  if (tracker !== null) tracker.made(target, kind)
}

/** `target` released what it held: being collected now is no leak. */
export function trackReleased(target: object): void {
  if (tracker !== null) tracker.released(target)
}
