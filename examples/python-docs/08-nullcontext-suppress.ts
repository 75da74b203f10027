// contextlib docs: nullContext() standing in for an optional suppress().
import { nullContext, suppress, withContext } from '../../src/index.js'

function myfunction(arg: number, ignoreExceptions = false): void {
  // Use suppress to ignore all errors; else nullContext, which has no effect.
  const cm = ignoreExceptions ? suppress(Error) : nullContext()
  withContext(cm, () => {
    // Do something
    if (arg < 0) throw new RangeError(`negative: ${arg}`)
    console.log(`processed ${arg}`)
  })
}

myfunction(1)
myfunction(-1, true)
console.log('the error was suppressed')
try {
  myfunction(-2)
} catch (e) {
  console.log(`caught: ${(e as Error).message}`)
}
