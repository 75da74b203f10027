// contextlib docs recipe: cleaning up in an enter implementation.
import { type ContextManager, ExitStack, withContext } from '../../src/index.js'

class ResourceManager<R> implements ContextManager<R> {
  readonly #acquireResource: () => R
  readonly #releaseResource: () => void
  readonly #checkResourceOk: (resource: R) => boolean

  constructor(acquireResource: () => R, releaseResource: () => void, checkResourceOk: (resource: R) => boolean = () => true) {
    this.#acquireResource = acquireResource
    this.#releaseResource = releaseResource
    this.#checkResourceOk = checkResourceOk
  }

  // Python's @contextmanager `_cleanup_on_error` yields to a `with` block;
  // withContext takes the block as a function, so this helper takes it too.
  #cleanupOnError(block: () => void): void {
    withContext(new ExitStack(), (stack) => {
      stack.push(this)
      block()
      // The validation check passed and didn't throw. Accordingly, we want
      // to keep the resource, and pass it back to our caller
      stack.popAll()
    })
  }

  enter(): R {
    const resource = this.#acquireResource()
    this.#cleanupOnError(() => {
      if (!this.#checkResourceOk(resource)) {
        throw new Error(`Failed validation for '${String(resource)}'`)
      }
    })
    return resource
  }

  exit(): void {
    // We don't need to duplicate any of our resource release logic
    this.#releaseResource()
  }
}

function acquire(): string {
  console.log("acquire 'conn'")
  return 'conn'
}

function release(): void {
  console.log('release')
}

withContext(new ResourceManager(acquire, release), (resource) => {
  console.log(`using ${resource}`)
})

try {
  withContext(new ResourceManager(acquire, release, () => false), () => {
    console.log('never reached')
  })
} catch (e) {
  console.log(`caught: ${(e as Error).message}`)
}
