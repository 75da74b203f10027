// Lesson 5: ExitStack, and popAll (Python's pop_all) to keep resources past the block.
import { ExitStack, withContext } from '../../src/index.js'

class Resource {
  constructor(readonly name: string) {
    console.log(`open ${name}`)
  }

  close(): void {
    console.log(`close ${this.name}`)
  }
}

function openAll(names: string[], failAt?: string): [Resource[], ExitStack] {
  const resources: Resource[] = []
  let keep = new ExitStack()
  withContext(new ExitStack(), (stack) => {
    for (const name of names) {
      if (name === failAt) throw new Error(`cannot open ${name}`)
      const resource = new Resource(name)
      stack.callback(() => resource.close())
      resources.push(resource)
    }
    // Everything opened: hand the closing over to the caller.
    keep = stack.popAll()
  })
  return [resources, keep]
}

const [resources, keep] = openAll(['a', 'b', 'c'])
console.log(`using ${resources.map((r) => r.name).join(', ')}`)
keep.close()

try {
  openAll(['x', 'y', 'z'], 'z')
} catch (e) {
  console.log(`failed: ${(e as Error).message}`)
}
