/** The values of one drawn column: the buckets it covers and their extremes. */
export interface ColumnSummary {
  /** First bucket of the column. */
  readonly first: number;
  /** One past the last bucket of the column. */
  readonly end: number;
  readonly min: number;
  readonly max: number;
  /** Mean of the present values. */
  readonly mean: number;
}

/**
 * A long series reduced for drawing: the n buckets split into k = min(n, columns) runs of
 * consecutive buckets (bucket i goes to column floor(i x k / n)), each summarised by its minimum,
 * maximum and mean, so every peak stays visible however long the series; null for a column
 * with no present value (a gap). With n <= columns each bucket is its own column. O(n).
 *
 * @example
 * reduceToColumns([1, 5, 2, null, 3, 9], 3)
 * // => [{ first: 0, end: 2, min: 1, max: 5, mean: 3 }, { first: 2, end: 4, min: 2, max: 2, mean: 2 }, { first: 4, end: 6, min: 3, max: 9, mean: 6 }]
 */
export function reduceToColumns(values: readonly (number | null)[], columns: number): (ColumnSummary | null)[] {
  if (!Number.isInteger(columns) || columns < 1) throw new RangeError(`invalid columns: ${columns}`);
  const n = values.length;
  const count = Math.min(n, columns);
  const out: (ColumnSummary | null)[] = [];
  let i = 0;
  for (let c = 0; c < count; c++) {
    const first = i;
    // the first bucket of column c + 1 is ceil((c + 1) x n / columns)
    const end = c === count - 1 ? n : Math.ceil(((c + 1) * n) / count);
    let lo = Infinity;
    let hi = -Infinity;
    let sum = 0;
    let present = 0;
    for (; i < end; i++) {
      const v = values[i];
      if (v === null || v === undefined || !Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
      sum += v;
      present++;
    }
    out.push(present ? { first, end, min: lo, max: hi, mean: sum / present } : null);
  }
  return out;
}
