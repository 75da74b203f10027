/** Property definitions with the attributes built-ins and class syntax give. */

/**
 * Defines a non-enumerable, configurable data property, like a built-in's
 * (read-only unless `writable`; a method as class syntax defines it is writable).
 */
export function define(target: object, key: PropertyKey, value: unknown, writable = false): void {
  Object.defineProperty(target, key, { value, writable, configurable: true })
}

/** Defines a method as class syntax would: writable, configurable, not enumerable. */
export function defineMethod(target: object, key: PropertyKey, fn: (...args: never[]) => unknown): void {
  define(target, key, fn, true)
}
