/**
 * Python's `functools.wraps` for the generator-manager factories: the
 * returned function takes the original's `name` and `length`, a copy of its
 * own enumerable properties (Python updates `__dict__`), and keeps the
 * original as `.wrapped` (Python's `__wrapped__`), set last so that a copied
 * `wrapped` never hides it.
 */
export function wraps<F extends (...args: never[]) => unknown, W extends (...args: never[]) => unknown>(
  original: F,
  wrapper: W,
): W & { readonly wrapped: F } {
  // Values, as Python copies `__dict__` entries: a getter is read once, here.
  for (const key of Reflect.ownKeys(original)) {
    if (Object.prototype.propertyIsEnumerable.call(original, key)) {
      Object.defineProperty(wrapper, key, {
        value: (original as unknown as Record<PropertyKey, unknown>)[key],
        writable: true,
        enumerable: true,
        configurable: true,
      })
    }
  }
  Object.defineProperty(wrapper, 'name', { value: original.name, configurable: true })
  Object.defineProperty(wrapper, 'length', { value: original.length, configurable: true })
  Object.defineProperty(wrapper, 'wrapped', { value: original, writable: true, enumerable: false, configurable: true })
  return wrapper as W & { readonly wrapped: F }
}
