// contextlib docs recipe: supporting a variable number of context managers,
// with an optional callback.
import { type ContextManager, ExitStack, withContext } from '../../src/index.js'

// A stand-in for the docs' resources: managers that say when they run.
class Resource implements ContextManager<Resource> {
  constructor(readonly name: string) {}

  enter(): this {
    console.log(`enter ${this.name}`)
    return this
  }

  exit(): void {
    console.log(`exit ${this.name}`)
  }
}

function acquireSpecialResource(): string {
  console.log('acquire special')
  return 'special'
}

function releaseSpecialResource(special: string): void {
  console.log(`release ${special}`)
}

function run(resources: Resource[], needSpecialResource: () => boolean): void {
  withContext(new ExitStack(), (stack) => {
    for (const resource of resources) stack.enterContext(resource)
    if (needSpecialResource()) {
      const special = acquireSpecialResource()
      stack.callback(releaseSpecialResource, special)
    }
    // Perform operations that use the acquired resources
    console.log(`working with ${resources.length} resources`)
  })
}

run([new Resource('a'), new Resource('b')], () => false)
run([new Resource('a'), new Resource('b'), new Resource('c')], () => true)
