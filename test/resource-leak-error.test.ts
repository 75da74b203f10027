import { describe, expect, it } from 'vitest'
import { ResourceLeakError } from '../src/index.js'

describe('ResourceLeakError', () => {
  const leaks = [
    { type: 'TCPServer', stack: '    at listenOn (/app/server.ts:3:10)\n    at main (/app/main.ts:9:1)' },
    { type: 'Timeout', stack: '' },
  ]

  it('names itself, counts the leaks and gives each one’s type and first user frame', () => {
    const error = new ResourceLeakError(leaks)
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('ResourceLeakError')
    expect(Object.keys(error)).not.toContain('name')
    expect(error.message).toBe('2 resources left open:\n  TCPServer created at listenOn (/app/server.ts:3:10)\n  Timeout created at no user frame')
    expect(new ResourceLeakError(leaks.slice(0, 1)).message).toBe('1 resource left open:\n  TCPServer created at listenOn (/app/server.ts:3:10)')
  })

  it('keeps a frozen copy of the leaks, and takes a cause', () => {
    const cause = new Error('body')
    const error = new ResourceLeakError(leaks, { cause })
    expect(error.leaks).toEqual(leaks)
    expect(error.leaks).not.toBe(leaks)
    expect(Object.isFrozen(error.leaks) && Object.isFrozen(error.leaks[0])).toBe(true)
    expect(error.cause).toBe(cause)
  })
})
