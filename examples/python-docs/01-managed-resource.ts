// contextlib docs: @contextmanager, the managed_resource example.
import { contextManager, withContext } from '../../src/index.js'

interface Resource {
  readonly timeout: number
}

// Stand-ins for the docs' acquire_resource / release_resource.
function acquireResource(options: { timeout: number }): Resource {
  console.log(`acquire resource (timeout=${options.timeout})`)
  return { timeout: options.timeout }
}

function releaseResource(resource: Resource): void {
  console.log(`release resource (timeout=${resource.timeout})`)
}

const managedResource = contextManager(function* (options: { timeout: number }) {
  // Code to acquire resource, e.g.:
  const resource = acquireResource(options)
  try {
    yield resource
  } finally {
    // Code to release resource, e.g.:
    releaseResource(resource)
  }
})

withContext(managedResource({ timeout: 3600 }), (resource) => {
  // Resource is released at the end of this block,
  // even if code in the block throws
  console.log(`use resource (timeout=${resource.timeout})`)
})

try {
  withContext(managedResource({ timeout: 5 }), () => {
    throw new Error('the block failed')
  })
} catch (e) {
  console.log(`caught: ${(e as Error).message}`)
}
