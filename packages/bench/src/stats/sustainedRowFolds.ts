import type { RowWindows } from './sustainedRows.js';

/*
 * The sums of a row block's windows for one series, by the plan of {@link RowWindows} and the
 * series' history laid out there (RowWindows.carry, carryAll, mark): prefix sums of the rows'
 * values (sums[x] over extended rows 0..x-1), a window's sum the difference of two. The hottest
 * loops of the statistics worker: the state lives in locals for the whole block.
 */

/**
 * The mean a later window must exceed to replace the sustained peak `peak`: higher by more than
 * 1e-13 of it (-Infinity before any), so that windows whose means are equal up to the rounding
 * of their sums keep the first of them whichever way the sums were rounded (sample by sample,
 * by blocks of rows, on any thread).
 *
 * @example
 * beatOf(50) // => 50.000000000005
 */
export function beatOf(peak: number): number {
  return peak === -Infinity ? -Infinity : peak + Math.abs(peak) * 1e-13;
}

/**
 * Every row present, and every history row (no missing rows: a window's count is its rows'):
 * the windows of rows `from`.. (the covered ones) against `peak`. Sets the plan's peak, peakRow
 * (-1: none beat `peak`) and windows.
 *
 * @example
 * const w = new RowWindows(30_000, 60_000);
 * w.plan(Float64Array.of(0, 15_000, 30_000, 45_000), 4);
 * w.carryAll(new Float64Array(1), 0, 0); // nothing before the block
 * foldAll(w, Float64Array.of(1, 2, 3, 4), 2, -Infinity); // rows 0 and 1 not covered
 * [w.peak, w.peakRow, w.windows] // => [3.5, 3, 2] (rows 2 and 3 at 30 and 45 s)
 */
export function foldAll(w: RowWindows, values: Float64Array, from: number, peak: number): void {
  const hist = w.hist;
  const rows = w.rows;
  const heads = w.heads;
  const sums = w.sums;
  let p = sums[hist]!;
  let peakRow = -1;
  let low = peak - Math.abs(peak) * 1e-12;
  let beat = beatOf(peak);
  let r = 0;
  for (; r < from; r++) sums[hist + r + 1] = p += values[r]!;
  for (; r < rows; r++) {
    sums[hist + r + 1] = p += values[r]!;
    const h = heads[r]!;
    const s = p - sums[h]!;
    const n = hist + r + 1 - h;
    // the mean is computed only when the window may beat the peak: its sum reaches n x (the
    // peak less 1e-12 of it), a bar below every sum whose mean beats the peak (-Infinity first)
    if (s >= low * n) {
      const mean = s / n;
      if (mean > beat) {
        peak = mean;
        low = peak - Math.abs(peak) * 1e-12;
        beat = beatOf(peak);
        peakRow = r;
      }
    }
  }
  w.peak = peak;
  w.peakRow = peakRow;
  w.windows = rows - from;
}

/**
 * {@link foldAll} with missing rows (RowWindows.carry, RowWindows.mark): the present values
 * `values[0..)` in row order, a missing row adding 0 and not counted. A window's count is its
 * rows less the missing rows in it, which change only where a missing row comes (the row
 * itself) or leaves the windows (RowWindows.past): between those points the rows fold as in
 * foldAll, with the count less a constant.
 *
 * @example
 * const w = new RowWindows(30_000, 60_000);
 * const times = Float64Array.of(0, 15_000, 30_000, 45_000);
 * w.plan(times, 4);
 * w.carryAll(new Float64Array(1), 0, 0);
 * w.mark(Float64Array.of(0, 30_000, 45_000), 3); // row 1 missing
 * foldSome(w, Float64Array.of(1, 3, 4), 2, -Infinity);
 * [w.peak, w.peakRow, w.windows] // => [3.5, 3, 2] (windows 3 / 1 and (3 + 4) / 2)
 */
export function foldSome(w: RowWindows, values: Float64Array, from: number, peak: number): void {
  const { hist, rows, heads, sums, miss, missCount, past } = w;
  let p = sums[hist]!;
  let peakRow = -1;
  let low = peak - Math.abs(peak) * 1e-12;
  let beat = beatOf(peak);
  // missing rows come in order (those of the history have come) and leave in order: the next
  // to come, the next to leave; block rows missed so far
  let come = 0;
  while (come < missCount && miss[come]! < hist) come++;
  let leave = 0;
  let missed = 0;
  let r = 0;
  for (; r < from; r++) {
    if (come < missCount && miss[come] === hist + r) {
      missed++;
      come++;
    } else p += values[r - missed]!;
    sums[hist + r + 1] = p;
  }
  const missedBefore = missed;
  while (r < rows) {
    while (leave < come && past[miss[leave]!]! <= r) leave++;
    const comes = come < missCount ? miss[come]! - hist : rows;
    const stop = Math.min(comes, leave < come ? past[miss[leave]!]! : rows);
    const inside = come - leave;
    for (; r < stop; r++) {
      const x = hist + r + 1;
      sums[x] = p += values[r - missed]!;
      const h = heads[r]!;
      const s = p - sums[h]!;
      const n = x - h - inside;
      if (s >= low * n) {
        const mean = s / n;
        if (mean > beat) {
          peak = mean;
          low = peak - Math.abs(peak) * 1e-12;
          beat = beatOf(peak);
          peakRow = r;
        }
      }
    }
    if (r === comes && r < rows) {
      // row r is missing
      sums[hist + r + 1] = p;
      missed++;
      come++;
      r++;
    }
  }
  w.peak = peak;
  w.peakRow = peakRow;
  w.windows = rows - from - (missed - missedBefore);
}
