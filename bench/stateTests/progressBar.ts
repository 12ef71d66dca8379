/**
 * A one-line progress bar on stderr: redrawn in place at most four times a
 * second on a terminal; elsewhere (CI logs) one plain line every 30 s.
 */
export class ProgressBar {
  private lastDraw = 0
  private readonly tty = process.stderr.isTTY === true
  private readonly started = performance.now()

  update(done: number, total: number, details: string, force = false): void {
    const now = performance.now()
    if (!force && now - this.lastDraw < (this.tty ? 250 : 30_000)) return
    this.lastDraw = now
    const fraction = total === 0 ? 1 : done / total
    const width = 24
    const filled = Math.round(fraction * width)
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled)
    const elapsed = (now - this.started) / 1000
    const eta = fraction > 0.02 && fraction < 1 ? ` eta ${formatSeconds((elapsed / fraction) * (1 - fraction))}` : ''
    const line = `${bar} ${(fraction * 100).toFixed(1).padStart(5)}% ${done}/${total} ${formatSeconds(elapsed)}${eta}  ${details}`
    if (this.tty) process.stderr.write(`\r\x1b[K${line.slice(0, (process.stderr.columns ?? 160) - 1)}`)
    else process.stderr.write(line + '\n')
  }

  end(): void {
    if (this.tty) process.stderr.write('\r\x1b[K')
  }
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(0)} s`
  const minutes = Math.floor(seconds / 60)
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`
}
