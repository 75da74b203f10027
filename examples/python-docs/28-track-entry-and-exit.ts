// contextlib docs recipe: using a context manager as a function decorator
// (track_entry_and_exit, logging to stderr).
import { ContextDecorator, withContext } from '../../src/index.js'

// A stand-in for Python's logging.info after basicConfig(level=INFO): the
// same line format, on stderr.
const logging = {
  info(format: string, ...args: string[]): void {
    let i = 0
    console.error(`INFO:root:${format.replaceAll('%s', () => args[i++] ?? '')}`)
  },
}

class TrackEntryAndExit extends ContextDecorator {
  constructor(readonly name: string) {
    super()
  }

  enter(): void {
    logging.info('Entering: %s', this.name)
  }

  exit(): void {
    logging.info('Exiting: %s', this.name)
  }
}

function loadWidget(): void {
  console.log('widget loaded')
}

withContext(new TrackEntryAndExit('widget loader'), () => {
  console.log('Some time consuming activity goes here')
  loadWidget()
})

const activity = new TrackEntryAndExit('widget loader').wrap(function activity() {
  console.log('Some time consuming activity goes here')
  loadWidget()
})

activity()
