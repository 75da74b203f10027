/**
 * tcp-proxy: a TCP forwarding proxy with optional traffic dumps.
 * Run `npm run example:proxy -- --help` for usage.
 */
import { shutdownSignal } from '../../src/node/index.js'
import { runProxy } from './proxy.js'
import { HELP, UsageError, parseOptions } from './options.js'

async function main(argv: readonly string[]): Promise<number> {
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
  const io = {
    log: (line: string) => process.stderr.write(`proxy: ${line}\n`),
    dump: (text: string) => process.stdout.write(text),
  }
  // The first SIGINT/SIGTERM aborts the signal and starts the graceful
  // shutdown; a second one ends the process at once (status 130/143). Its
  // listeners are removed when main returns, whichever way.
  using shutdown = shutdownSignal()
  try {
    await runProxy(options, io, shutdown.signal)
    return 0
  } catch (e) {
    io.log(`fatal: ${e instanceof Error ? e.message : String(e)}`)
    return 1
  }
}

process.exitCode = await main(process.argv.slice(2))
