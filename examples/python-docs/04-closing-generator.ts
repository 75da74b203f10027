// contextlib docs: closing() is roughly equivalent to this generator.
import { type GeneratorContextManager, contextManager, withContext } from '../../src/index.js'

// contextManager gives the factory the generator function's own types; the
// generic signature (the block sees the thing's own type) is declared.
const closing = contextManager(function* (thing: { close(): unknown }) {
  try {
    yield thing
  } finally {
    thing.close()
  }
}) as <T extends { close(): unknown }>(thing: T) => GeneratorContextManager<T>

// A stand-in for something with a close() method.
class Page {
  constructor(readonly url: string) {
    console.log(`open ${url}`)
  }

  read(): string {
    return `contents of ${this.url}`
  }

  close(): void {
    console.log(`close ${this.url}`)
  }
}

withContext(closing(new Page('/index')), (page) => {
  console.log(page.read())
})

try {
  withContext(closing(new Page('/broken')), () => {
    throw new Error('read failed')
  })
} catch (e) {
  console.log(`caught: ${(e as Error).message}`)
}
