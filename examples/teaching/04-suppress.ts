// Lesson 4: suppress (Python's contextlib.suppress). Matchers: an error class,
// an error code string such as 'ENOENT' (Node's spelling of FileNotFoundError), or a predicate.
import * as fs from 'node:fs'
import { suppress, withContext } from '../../src/index.js'

withContext(suppress('ENOENT'), () => {
  fs.unlinkSync('/nonexistent/ctxlib-lesson.txt')
  console.log('never printed')
})
console.log('no such file, carried on')

class ValueError2 extends Error {}

const ignore = suppress(ValueError2) // reusable
for (let attempt = 0; attempt < 2; attempt++) {
  withContext(ignore, () => {
    throw new ValueError2(`attempt ${attempt}`)
  })
}
console.log('both attempts suppressed')

console.log('--- TypeScript only ---')
// A predicate matcher, and an AggregateError split as Python 3.12 splits an exception group.
try {
  withContext(suppress(ValueError2), () => {
    throw new AggregateError([new ValueError2('a'), new RangeError('b')], 'two failures')
  })
} catch (e) {
  const rest = e as AggregateError
  console.log(`rest of the group: ${rest.errors.map((x: Error) => x.message).join(', ')}`)
}
withContext(suppress((e) => e instanceof Error && e.message.startsWith('retry')), () => {
  throw new Error('retry later')
})
console.log('predicate suppressed it')
