/**
 * How messages describe values: by type, never by value (a message must not
 * print a secret it was handed), and errors by `name: message`.
 */

/** The type of a value as error messages name it: never the value itself. */
export function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value
}

/** `name: message` for errors, the value's type for anything else. */
export function describeError(value: unknown): string {
  return value instanceof Error ? (value.message ? `${value.name}: ${value.message}` : value.name) : typeName(value)
}

/** A `TypeError` in the library's message shape: `api: expected X, got <type>`. */
export function badArgument(api: string, expected: string, received: unknown): TypeError {
  return new TypeError(`${api}: expected ${expected}, got ${typeName(received)}`)
}
