import { trackMade, trackReleased } from '../../internal/track.js'

/**
 * The life of a single-use manager: entered at most once, exited at most once,
 * and only after it was entered.
 */
export class SingleUse {
  readonly #api: string
  #state: 'new' | 'entered' | 'exited' = 'new'

  constructor(api: string) {
    this.#api = api
  }

  /** Throws unless this is the first enter. */
  enter(): void {
    if (this.#state !== 'new') {
      throw new TypeError(`${this.#api}: this manager was already entered; call ${this.#api}() again for a new one`)
    }
    this.#state = 'entered'
    trackMade(this, this.#api)
  }

  /** Throws unless the manager is entered and not yet exited. */
  exit(): void {
    if (this.#state !== 'entered') {
      throw new TypeError(
        this.#state === 'new' ? `${this.#api}: exit called before enter` : `${this.#api}: exit called twice`,
      )
    }
    this.#state = 'exited'
    trackReleased(this)
  }

  /** Enter failed: the manager holds nothing and cannot be used again. */
  fail(): void {
    this.#state = 'exited'
    trackReleased(this)
  }

  /** Enters and returns what `acquire` took; when it throws, the enter failed ({@link fail}). */
  enterWith<T>(acquire: () => T): T {
    this.enter()
    try {
      return acquire()
    } catch (e) {
      this.fail()
      throw e
    }
  }

  /** The async twin of {@link enterWith}: a rejection of `acquire` fails the enter. */
  async enterWithAsync<T>(acquire: () => Promise<T>): Promise<T> {
    this.enter()
    try {
      return await acquire()
    } catch (e) {
      this.fail()
      throw e
    }
  }
}
