/**
 * Traffic dumps for the proxy: each chunk with a timestamp, its direction and
 * its size, then the bytes as a hex dump or as text with escapes.
 */

export type DumpFormat = 'hex' | 'text'

/** `offset  hex bytes (16 a line)  |ascii|`, the classic hex dump layout. */
export function hexDump(bytes: Uint8Array): string {
  const lines: string[] = []
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const row = bytes.subarray(offset, offset + 16)
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0'))
    const left = hex.slice(0, 8).join(' ')
    const right = hex.slice(8).join(' ')
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('')
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${left.padEnd(23)}  ${right.padEnd(23)}  |${ascii}|`)
  }
  return lines.join('\n')
}

const ESCAPES: Record<number, string> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r', 0x5c: '\\\\' }

/** Printable ASCII as is; `\t`, `\n`, `\r`, `\\` escaped; everything else `\xNN`. A line break follows each `\n`. */
export function textDump(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) {
    const escape = ESCAPES[b]
    if (escape !== undefined) out += b === 0x0a ? `${escape}\n` : escape
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b)
    else out += `\\x${b.toString(16).padStart(2, '0')}`
  }
  return out.endsWith('\n') ? out.slice(0, -1) : out
}

/** One dump record: a header line, then the formatted bytes. */
export function formatChunk(format: DumpFormat, when: Date, id: number, direction: string, bytes: Uint8Array): string {
  const header = `${when.toISOString()} #${String(id)} ${direction} ${String(bytes.length)} bytes`
  return `${header}\n${format === 'hex' ? hexDump(bytes) : textDump(bytes)}\n`
}
