// Renders a run's numbers as text tables.

export function ns(x) {
  if (x === undefined || !Number.isFinite(x)) return '—'
  if (x < 10) return x.toFixed(2)
  if (x < 100) return x.toFixed(1)
  return Math.round(x).toLocaleString('en-US')
}

const ratio = (x) => (x === undefined || !Number.isFinite(x) ? '' : x >= 100 ? `${x.toFixed(0)}×` : x >= 10 ? `${x.toFixed(1)}×` : `${x.toFixed(2)}×`)
const spread = (c) => (c ? `±${Math.round(((c.high - c.low) / 2 / c.median) * 100)}%` : '')
const pad = (s, n) => (s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length))
const lpad = (s, n) => (s.length >= n ? s : ' '.repeat(n - s.length) + s)

/**
 * The ratio of a case to its reference: the median of the per-round ratios.
 * Both were measured in the same process, round after round, next to each
 * other, so a slow period of this shared machine slows both sides of a pair
 * and cancels out, which a ratio of the two overall medians does not do.
 */
export function pairedRatio(c, ref) {
  const ratios = c.rounds.map((r, i) => r.p50 / (ref.rounds[i]?.p50 ?? NaN)).filter(Number.isFinite)
  if (ratios.length === 0) return { ratio: c.median / ref.median, low: NaN, high: NaN }
  ratios.sort((a, b) => a - b)
  const m = ratios.length >> 1
  const ratio = ratios.length % 2 ? ratios[m] : (ratios[m - 1] + ratios[m]) / 2
  return { ratio, low: ratios[0], high: ratios.at(-1) }
}

/** The reference a case is compared with on a runtime: its first ref id that was measured there. */
export function refOf(group, c) {
  for (const id of c.ref) {
    const r = group.cases.find((x) => x.id === id)
    if (r) return r
  }
  return undefined
}

export function renderTable(results) {
  const runtimes = results.runtimes
  const py = results.python
  const lines = []
  const W = 60
  const head =
    pad('case (median ns per scope; B = bytes allocated per scope)', W) +
    pad(' ref', 22) +
    runtimes.map((r) => lpad(r.label.replace(/^node /, 'node '), 14) + lpad('±', 6) + lpad('×ref', 8) + lpad('B', 6)).join('') +
    (py ? lpad(`CPython ${py.runtime.version}`, 15) + lpad('×faster', 9) : '')
  lines.push(head)
  lines.push('─'.repeat(head.length))
  const groupNames = [...new Set(runtimes.flatMap((r) => Object.keys(r.groups)))]
  for (const g of groupNames) {
    if (g === 'scaling') continue
    const title = runtimes.map((r) => r.groups[g]?.title).find(Boolean)
    lines.push(`${title}`)
    const ids = []
    for (const r of runtimes) for (const c of r.groups[g]?.cases ?? []) if (!ids.includes(c.id)) ids.push(c.id)
    for (const id of ids) {
      const any = runtimes.map((r) => r.groups[g]?.cases.find((c) => c.id === id)).find(Boolean)
      let refId = ''
      let row = ''
      for (const r of runtimes) {
        const group = r.groups[g]
        const c = group?.cases.find((x) => x.id === id)
        const ref = c && refOf(group, c)
        if (ref && !refId) refId = ref.id
        row += lpad(c ? ns(c.median) : '—', 14) + lpad(spread(c), 6) + lpad(ref ? ratio(pairedRatio(c, ref).ratio) : '', 8) + lpad(c && Number.isFinite(c.bytes) ? String(Math.round(c.bytes)) : '', 6)
      }
      if (py) {
        const p = any.py ? py.cases[any.py] : undefined
        const first = runtimes.map((r) => r.groups[g]?.cases.find((c) => c.id === id)).find(Boolean)
        row += lpad(p ? ns(p.median) : '', 15) + lpad(p ? ratio(p.median / first.median) : '', 9)
      }
      lines.push(pad(`  ${any.label}`, W) + pad(` ${refId}`, 22) + row)
    }
    const skipped = runtimes.flatMap((r) => (r.groups[g]?.skipped ?? []).map((s) => `${s.id} on ${r.label} (needs ${s.missing.join(', ')})`))
    if (skipped.length) lines.push(`  skipped: ${skipped.join('; ')}`)
    const notes = [...new Set(runtimes.flatMap((r) => r.groups[g]?.notes ?? []))]
    for (const n of notes) lines.push(`  note: ${n}`)
  }
  if (py) {
    lines.push('')
    lines.push(`CPython ${py.runtime.version} (timeit, median of ${py.cases['class-manager']?.repeats.length ?? '?'} repeats): ` +
      Object.entries(py.cases).map(([k, v]) => `${k} ${ns(v.median)}`).join(' · ') + ' ns')
    lines.push('  ×faster = CPython ns / ctxlib ns on the first runtime')
  }
  return lines.join('\n')
}

export function renderScaling(results) {
  const lines = ['scaling (ns per entry = median ns per scope / entries; flat = linear total):']
  for (const r of results.runtimes) {
    const group = r.groups.scaling
    if (!group) continue
    const series = new Map()
    for (const c of group.cases) {
      if (!c.scale) continue
      if (!series.has(c.scale.series)) series.set(c.scale.series, [])
      series.get(c.scale.series).push({ n: c.scale.n, per: c.median / c.scale.n, total: c.median })
    }
    for (const [name, points] of series) {
      points.sort((a, b) => a.n - b.n)
      const cells = points.map((p) => `${p.n}: ${ns(p.per)}`).join(' · ')
      const p10 = points.find((p) => p.n === 10)
      const last = points.at(-1)
      const growth = p10 && last && last !== p10 ? last.per / p10.per : undefined
      const verdict =
        growth === undefined
          ? ''
          : growth <= 1.5
            ? `linear (per-entry ×${growth.toFixed(2)} from 10 to ${last.n})`
            : `SUPERLINEAR (per-entry ×${growth.toFixed(2)} from 10 to ${last.n})`
      lines.push(`  ${pad(`${name} [${r.label}]`, 58)} ${cells}  → ${verdict}`)
    }
  }
  return lines.join('\n')
}
