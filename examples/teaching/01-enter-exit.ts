// Lesson 1: a class-based context manager: enter and exit (Python's __enter__ and __exit__).
// exit receives no argument when the block completed, and the error when it threw.
import { type ContextManager, withContext } from '../../src/index.js'

class Tag implements ContextManager<Tag> {
  constructor(readonly name: string) {}

  enter(): this {
    console.log(`<${this.name}>`)
    return this
  }

  exit(...thrown: [] | [error: unknown]): boolean {
    console.log(`</${this.name}> exit saw: ${thrown.length === 0 ? 'no error' : (thrown[0] as Error).message}`)
    return false // do not suppress
  }
}

withContext(new Tag('p'), (tag) => {
  console.log(`inside ${tag.name}`)
})

try {
  withContext(new Tag('div'), () => {
    throw new Error('broken')
  })
} catch (e) {
  console.log(`caught: ${(e as Error).message}`)
}
