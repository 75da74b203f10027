// Small stand-ins shared by the TypeScript twins (the Python ones use the
// standard library's own).

/** Python's io.StringIO, as far as redirect_stdout needs it. */
export class StringIO {
  #text = ''

  write(chunk: string | Uint8Array): boolean {
    this.#text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
    return true
  }

  getvalue(): string {
    return this.#text
  }
}

/** A stand-in for Python's help(pow): the same few lines on every version. */
export function help(fn: { name: string }): void {
  console.log(`Help on built-in function ${fn.name} in module builtins:`)
  console.log('')
  console.log(`${fn.name}(base, exp, mod=None)`)
  console.log('    Equivalent to base**exp with 2 arguments or base**exp % mod with 3 arguments')
}
