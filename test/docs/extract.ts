/**
 * Finds the fenced code blocks of a Markdown file, with what a doc-test
 * needs: the info string (` ```ts no-run reason `), the line, and the
 * `<!-- doc-test: … -->` comment right above the fence, if any. Such a
 * comment holds code run before the block (its prelude: the names the
 * snippet assumes) and optionally a line `throws: <text>`, meaning the block
 * must fail with an error whose message contains that text.
 */
export interface CodeBlock {
  readonly file: string
  readonly line: number
  readonly lang: string
  readonly flags: readonly string[]
  readonly code: string
  readonly prelude: string
  readonly throws: string | undefined
}

const FENCE = /^```(.*)$/

export function codeBlocks(file: string, markdown: string): CodeBlock[] {
  const lines = markdown.split('\n')
  const blocks: CodeBlock[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] ?? '')
    if (open === null) continue
    const [lang = '', ...flags] = (open[1] ?? '').trim().split(/\s+/)
    let end = i + 1
    while (end < lines.length && lines[end] !== '```') end++
    if (end === lines.length) throw new Error(`${file}:${String(i + 1)}: a code block is not closed`)
    const { prelude, throws } = directive(lines, i)
    blocks.push({ file, line: i + 1, lang, flags, code: lines.slice(i + 1, end).join('\n'), prelude, throws })
    i = end
  }
  return blocks
}

/** The `<!-- doc-test: … -->` comment ending on the line above the fence. */
function directive(lines: readonly string[], fence: number): { prelude: string; throws: string | undefined } {
  if (lines[fence - 1] !== '-->') return { prelude: '', throws: undefined }
  let start = fence - 1
  while (start > 0 && !(lines[start] ?? '').startsWith('<!-- doc-test')) start--
  const body = lines.slice(start + 1, fence - 1)
  const throwsLine = body.find((line) => line.startsWith('throws: '))
  return {
    prelude: body.filter((line) => line !== throwsLine).join('\n'),
    throws: throwsLine?.slice('throws: '.length),
  }
}
