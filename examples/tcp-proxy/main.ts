/**
 * tcp-proxy: a TCP forwarding proxy with optional traffic dumps.
 * Run `npm run example:proxy -- --help` for usage.
 */
import { runProxy } from './proxy.js'
import { HELP, UsageError, parseOptions } from './options.js'

function main(argv: readonly string[]): Promise<number> | number {
  let options
  try {
    options = parseOptions(argv)
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    process.stderr.write(`tcp-proxy: ${e.message}\nRun with --help for usage.\n`)
    return 2
  }
  if (options === 'help') {
    process.stdout.write(HELP)
    return 0
  }
  const stop = new Promise<string>((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      resolve(signal)
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
  })
  const io = {
    log: (line: string) => process.stderr.write(`proxy: ${line}\n`),
    dump: (text: string) => process.stdout.write(text),
  }
  return runProxy(options, io, stop).then(
    () => 0,
    (e: unknown) => {
      io.log(`fatal: ${e instanceof Error ? e.message : String(e)}`)
      return 1
    },
  )
}

process.exitCode = await main(process.argv.slice(2))
