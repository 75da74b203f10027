// Lesson 6: closing() for objects that have close() but are not context managers.
import { closing, withContext } from '../../src/index.js'

class Connection {
  constructor(readonly name: string) {
    console.log(`connect ${name}`)
  }

  query(q: string): string {
    return `${this.name} answered ${q}`
  }

  close(): void {
    console.log(`close ${this.name}`)
  }
}

withContext(closing(new Connection('db')), (conn) => {
  console.log(conn.query('1+1'))
})

try {
  withContext(closing(new Connection('cache')), () => {
    throw new Error('lost')
  })
} catch (e) {
  console.log(`caught: ${(e as Error).message}`)
}
