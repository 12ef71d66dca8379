/**
 * Minimal SVG charts for the benchmark report, generated from the numbers
 * (no hand-edited figures): grouped bars and lines with a labelled y axis.
 */
export interface Series {
  readonly name: string
  readonly values: readonly number[]
}

const WIDTH = 760
const HEIGHT = 400
const MARGIN = { left: 56, right: 16, top: 36, bottom: 150 }
const COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#1f77b4', '#8c564b']

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

function niceMax(value: number): number {
  if (!(value > 0)) return 1
  const power = 10 ** Math.floor(Math.log10(value))
  return [1, 2, 2.5, 5, 10].map((step) => step * power).find((candidate) => candidate >= value)!
}

function frame(title: string, yLabel: string, max: number, body: string[], legend: readonly string[]): string {
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="11">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="18" text-anchor="middle" font-size="14">${escape(title)}</text>`,
    `<text transform="translate(14,${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">${escape(yLabel)}</text>`,
  ]
  for (let i = 0; i <= 5; i++) {
    const value = (max * i) / 5
    const y = MARGIN.top + plotHeight - (plotHeight * i) / 5
    parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y}" y2="${y}" stroke="#ddd"/>`)
    parts.push(`<text x="${MARGIN.left - 4}" y="${y + 4}" text-anchor="end">${Number(value.toPrecision(3))}</text>`)
  }
  parts.push(...body)
  const legendRows = Math.ceil(legend.length / 4)
  legend.forEach((name, i) => {
    const x = MARGIN.left + (i % 4) * 175
    const y = HEIGHT - 8 - (legendRows - 1 - Math.floor(i / 4)) * 14
    parts.push(`<rect x="${x}" y="${y - 9}" width="10" height="10" fill="${COLORS[i % COLORS.length]}"/><text x="${x + 14}" y="${y}">${escape(name)}</text>`)
  })
  parts.push('</svg>')
  return parts.join('\n') + '\n'
}

/** Grouped bars: one group per category, one bar per series. A dashed line marks `reference` (e.g. 1× speedup). */
export function barChart(options: { title: string; yLabel: string; categories: readonly string[]; series: readonly Series[]; reference?: number }): string {
  const { categories, series } = options
  const max = niceMax(Math.max(options.reference ?? 0, ...series.flatMap((s) => s.values.filter(Number.isFinite))))
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom
  const group = plotWidth / Math.max(1, categories.length)
  const bar = (group * 0.8) / Math.max(1, series.length)
  const y = (value: number) => MARGIN.top + plotHeight - (plotHeight * Math.max(0, value)) / max
  const body: string[] = []
  categories.forEach((category, c) => {
    series.forEach((s, i) => {
      const value = s.values[c] ?? 0
      const x = MARGIN.left + c * group + group * 0.1 + i * bar
      body.push(`<rect x="${x.toFixed(1)}" y="${y(value).toFixed(1)}" width="${(bar - 1).toFixed(1)}" height="${(MARGIN.top + plotHeight - y(value)).toFixed(1)}" fill="${COLORS[i % COLORS.length]}"><title>${escape(`${category} — ${s.name}: ${value.toFixed(2)}`)}</title></rect>`)
    })
    const cx = MARGIN.left + c * group + group / 2
    body.push(`<text transform="translate(${cx.toFixed(1)},${MARGIN.top + plotHeight + 8}) rotate(35)" font-size="10">${escape(category)}</text>`)
  })
  if (options.reference !== undefined) {
    body.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(options.reference)}" y2="${y(options.reference)}" stroke="#333" stroke-dasharray="4 3"/>`)
  }
  return frame(options.title, options.yLabel, max, body, series.map((s) => s.name))
}

/** Lines over x positions (e.g. worker counts), one per series. */
export function lineChart(options: { title: string; yLabel: string; xs: readonly number[]; xLabel: string; series: readonly Series[] }): string {
  const { xs, series } = options
  const max = niceMax(Math.max(...series.flatMap((s) => s.values.filter(Number.isFinite))))
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom
  const x = (i: number) => MARGIN.left + (plotWidth * i) / Math.max(1, xs.length - 1)
  const y = (value: number) => MARGIN.top + plotHeight - (plotHeight * Math.max(0, value)) / max
  const body: string[] = []
  xs.forEach((value, i) => body.push(`<text x="${x(i)}" y="${MARGIN.top + plotHeight + 14}" text-anchor="middle">${value}</text>`))
  body.push(`<text x="${MARGIN.left + plotWidth / 2}" y="${MARGIN.top + plotHeight + 30}" text-anchor="middle">${escape(options.xLabel)}</text>`)
  series.forEach((s, i) => {
    // A missing value (NaN: not projected) leaves a gap in the line.
    const points = s.values.flatMap((value, j) => (Number.isFinite(value) ? [`${x(j).toFixed(1)},${y(value).toFixed(1)}`] : [])).join(' ')
    body.push(`<polyline points="${points}" fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="2"/>`)
    s.values.forEach((value, j) => Number.isFinite(value) && body.push(`<circle cx="${x(j).toFixed(1)}" cy="${y(value).toFixed(1)}" r="3" fill="${COLORS[i % COLORS.length]}"><title>${escape(`${s.name}, ${xs[j]}: ${value.toFixed(2)}`)}</title></circle>`))
  })
  return frame(options.title, options.yLabel, max, body, series.map((s) => s.name))
}
