// contextlib docs: suppress(FileNotFoundError) around os.remove; Node's
// FileNotFoundError is an error whose code is 'ENOENT'.
import * as fs from 'node:fs'
import { suppress, withContext } from '../../src/index.js'
import { chdir, tempDirSync } from '../../src/node/index.js'

withContext(tempDirSync('python-docs-'), (tmp) => {
  withContext(chdir(tmp), () => {
    fs.writeFileSync('somefile.tmp', 'scratch')

    withContext(suppress('ENOENT'), () => {
      fs.unlinkSync('somefile.tmp')
      console.log('removed somefile.tmp')
    })

    withContext(suppress('ENOENT'), () => {
      fs.unlinkSync('someotherfile.tmp')
      console.log('never printed: there was no such file')
    })
    console.log('no someotherfile.tmp: suppressed, carried on')

    // suppress is equivalent to try / catch that re-throws all but ENOENT
    try {
      fs.unlinkSync('somefile.tmp')
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
    }
    console.log('the same without suppress')
  })
})
