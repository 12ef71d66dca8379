export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of nothing')
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

export function geomean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('geomean of nothing')
  return Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length)
}

/** (max - min) / median: how much repeated measurements spread. */
export function spread(values: readonly number[]): number {
  return (Math.max(...values) - Math.min(...values)) / median(values)
}
