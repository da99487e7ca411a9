import { beatOf, foldAll, foldSome } from './sustainedRowFolds.js';
import type { RowWindows } from './sustainedRows.js';

/**
 * The highest mean over a rolling time window, streaming, with gaps handled.
 *
 * Definition (time-based): the window ending at a present sample i holds the present samples j
 * of the same run with t(i) - W < t(j) <= t(i); it counts only when it is *covered*, i.e. the
 * run it belongs to started at or before t(i) - W. A run is a stretch of present samples with
 * no gap longer than `maxGapMs` between consecutive ones and timestamps that never go back.
 * The window mean is the arithmetic mean of its samples. Missing (NaN) samples are not
 * samples; they only make gaps. When no window is covered (the data span less than W),
 * there is no sustained peak (null). The sustained peak is the highest covered window's mean:
 * a later window replaces it only when its mean is higher by more than 1e-13 of it, so of
 * windows whose means are equal up to the rounding of their sums the first gives
 * {@link peakEndMs}, however the sums were rounded ({@link beatOf}).
 *
 * Invariants: min <= sustained peak <= max. It is >= the overall mean when the samples are
 * regular and their count is a whole number of windows (the disjoint windows' means average
 * to the overall mean); in general it is not (values 10, 0, 10 at 1-minute steps with W = 2
 * minutes: windows 5 and 5, overall mean 6.67).
 *
 * Memory: the samples of one window (W / interval). O(1) amortised per sample.
 *
 * @example
 * const s = new SustainedPeakTracker(120_000, 120_000);
 * [[0, 10], [60_000, 20], [120_000, 30], [180_000, 0]].forEach(([t, v]) => s.add(t!, v!));
 * s.peak // => 25 (window ending at 120 s: samples at 60 s and 120 s, (20 + 30) / 2)
 */
export class SustainedPeakTracker {
  private ts = new Float64Array(64);
  private vs = new Float64Array(64);
  private mask = 63;
  /** Ring buffer indices: samples head..tail-1 (mod capacity) are in the window. */
  private head = 0;
  private tail = 0;
  private sum = 0;
  private evictions = 0;
  private runStart = NaN;
  private prev = NaN;
  /** Highest covered-window mean so far, or null. */
  peak: number | null = null;
  /** End time of the window that gave {@link peak}. */
  peakEndMs: number | null = null;
  /** Covered windows seen. */
  windows = 0;
  /** The plan and block {@link addRows} last folded (-1: another update since), and whether every row of them was in the window. */
  private rowsPlan: RowWindows | null = null;
  private rowsSeq = -1;
  private rowsAligned = false;

  constructor(
    readonly windowMs: number,
    readonly maxGapMs: number,
  ) {}

  /** Adds a present sample (finite value). */
  add(t: number, v: number): void {
    this.rowsSeq = -1;
    if (!(t >= this.prev) || t - this.prev > this.maxGapMs) {
      this.head = this.tail = 0;
      this.sum = 0;
      this.runStart = t;
    }
    this.prev = t;
    if (this.tail - this.head > this.mask) this.grow();
    const at = this.tail++ & this.mask;
    this.ts[at] = t;
    this.vs[at] = v;
    this.sum += v;
    const cut = t - this.windowMs;
    while (this.ts[this.head & this.mask]! <= cut) {
      this.sum -= this.vs[this.head & this.mask]!;
      this.head++;
      // re-add the window exactly now and then, so rounding cannot drift
      if (++this.evictions === 4096) this.resum();
    }
    if (this.runStart <= cut) {
      this.windows++;
      const n = this.tail - this.head;
      // divide only when the window may beat the peak (the comparison itself is on the mean)
      if (this.peak === null || this.sum >= this.peak * n - Math.abs(this.peak * n) * 1e-12) {
        const mean = this.sum / n;
        if (this.peak === null || mean > beatOf(this.peak)) {
          this.peak = mean;
          this.peakEndMs = t;
        }
      }
    }
  }

  /**
   * Adds the present samples `ts[i], vs[i]` for i in 0..count-1, as `count` {@link add} calls.
   * One function of about 90 lines on purpose: it is the statistics worker's hottest loop (a
   * sixth of its time), and its state lives in locals for the whole block; split into calls, V8
   * would write it back to the object and reload it around each one.
   */
  addAll(ts: Float64Array, vs: Float64Array, count: number): void {
    this.rowsSeq = -1;
    // add() with the state in locals; written back around the rare grow() and resum()
    const windowMs = this.windowMs;
    const maxGapMs = this.maxGapMs;
    let wt = this.ts;
    let wv = this.vs;
    let mask = this.mask;
    let head = this.head;
    let tail = this.tail;
    let sum = this.sum;
    let runStart = this.runStart;
    let prev = this.prev;
    // no peak yet: -Infinity, which every window mean beats (the means are finite)
    let peak = this.peak ?? -Infinity;
    let beat = beatOf(peak);
    let peakEndMs = this.peakEndMs;
    let windows = this.windows;
    let evictions = this.evictions;
    let barN = -1;
    let bar = -Infinity;
    for (let k = 0; k < count; k++) {
      const t = ts[k]!;
      const v = vs[k]!;
      if (!(t >= prev) || t - prev > maxGapMs) {
        head = tail = 0;
        sum = 0;
        runStart = t;
      }
      prev = t;
      if (tail - head > mask) {
        this.head = head;
        this.tail = tail;
        this.grow();
        wt = this.ts;
        wv = this.vs;
        mask = this.mask;
        head = this.head;
        tail = this.tail;
      }
      const at = tail++ & mask;
      wt[at] = t;
      wv[at] = v;
      sum += v;
      const cut = t - windowMs;
      // a regular run evicts one sample per sample: that one first, then any more (the loop
      // peeled once on purpose: 273 -> 229 ms per 25 M regular samples, measured in session 6)
      if (wt[head & mask]! <= cut) {
        sum -= wv[head & mask]!;
        head++;
        if (++evictions === 4096) {
          this.head = head;
          this.tail = tail;
          this.resum();
          sum = this.sum;
          evictions = 0;
        }
        while (wt[head & mask]! <= cut) {
          sum -= wv[head & mask]!;
          head++;
          if (++evictions === 4096) {
            this.head = head;
            this.tail = tail;
            this.resum();
            sum = this.sum;
            evictions = 0;
          }
        }
      }
      if (runStart <= cut) {
        windows++;
        const n = tail - head;
        // the bar a window of n samples must reach, computed again only when n or the peak
        // changes; -Infinity * n - |...| is -Infinity: the first covered window always computes its mean
        if (n !== barN) {
          barN = n;
          bar = peak * n - Math.abs(peak * n) * 1e-12;
        }
        if (sum >= bar) {
          const mean = sum / n;
          if (mean > beat) {
            peak = mean;
            beat = beatOf(peak);
            peakEndMs = t;
            barN = -1;
          }
        }
      }
    }
    this.head = head;
    this.tail = tail;
    this.sum = sum;
    this.runStart = runStart;
    this.prev = prev;
    this.evictions = evictions;
    this.peak = peak === -Infinity ? null : peak;
    this.peakEndMs = peakEndMs;
    this.windows = windows;
  }

  /**
   * Adds the present samples of a block of rows planned by `rows` (their times `ts[0..count)`:
   * the rows' times, all or some of them; values `vs`) as {@link addAll} would, up to the
   * rounding of the window sums ({@link RowWindows}: prefix sums per block). False, adding
   * nothing, when the plan does not serve the block or this series' state: then addAll.
   */
  addRows(rows: RowWindows, ts: Float64Array, vs: Float64Array, count: number): boolean {
    if (!rows.ok || count === 0) return false;
    const t0 = ts[0]!;
    // a new run at the block's first sample: nothing carried
    const fresh = !(t0 >= this.prev) || t0 - this.prev > this.maxGapMs;
    // the previous block's rows all this series' window (its last, every row present): no times to compare
    if (!fresh && this.rowsAligned && this.rowsPlan === rows && this.rowsSeq === rows.seq - 1) rows.carryAll(this.vs, this.tail, this.mask);
    else if (!rows.carry(this.ts, this.vs, this.head, this.tail, this.mask, fresh)) return false;
    const runStart = fresh ? t0 : this.runStart;
    const times = rows.times;
    let from = 0;
    while (from < rows.rows && !(runStart <= times[from]! - this.windowMs)) from++;
    if (count < rows.rows && !rows.mark(ts, count)) return false;
    if (rows.missCount === 0) foldAll(rows, vs, from, this.peak ?? -Infinity);
    else foldSome(rows, vs, from, this.peak ?? -Infinity);
    this.windows += rows.windows;
    if (rows.peakRow >= 0) {
      this.peak = rows.peak;
      this.peakEndMs = times[rows.peakRow]!;
    }
    this.runStart = runStart;
    // the last sample's window becomes the carried one
    let last = rows.rows - 1;
    while (times[last] !== ts[count - 1]) last--;
    this.prev = times[last]!;
    const n = rows.windowCount(last);
    if (n > this.mask + 1) {
      const size = 2 ** Math.ceil(Math.log2(n));
      this.ts = new Float64Array(size);
      this.vs = new Float64Array(size);
      this.mask = size - 1;
    }
    this.sum = rows.windowOf(last, ts, vs, count, this.ts, this.vs);
    this.head = 0;
    this.tail = n;
    this.evictions = 0;
    this.rowsPlan = rows;
    this.rowsSeq = rows.seq;
    // every row of the last row's window present: the next block's history rows are this window's samples
    this.rowsAligned = last === rows.rows - 1 && n === rows.hist + last + 1 - rows.heads[last]!;
    return true;
  }

  /**
   * Makes this tracker hold the state `source` (same window and gap) has, its values mapped by
   * v -> 0 + v x scale + offset (scale > 0): the same run, window samples and times, eviction
   * count (so later re-sums come at the same points), and window structure; the window's values
   * mapped and re-summed in order; the peak mapped, with the same end time and window count.
   * Adding the mapped values one by one gives this up to floating-point rounding (a window mean
   * of mapped values is the mapped mean within a few ulps of the values' magnitude). O(window).
   *
   * @example
   * const a = new SustainedPeakTracker(120_000, 120_000);
   * [[0, 1], [60_000, 2], [120_000, 3]].forEach(([t, v]) => a.add(t!, v!));
   * const b = new SustainedPeakTracker(120_000, 120_000);
   * b.assignMapped(a, 10, 5);
   * [b.peak, b.peakEndMs, b.windows] // => [30, 120000, 1] (a's peak 2.5, mapped)
   */
  assignMapped(source: SustainedPeakTracker, scale: number, offset: number): void {
    if (this.ts.length !== source.ts.length) {
      this.ts = new Float64Array(source.ts.length);
      this.vs = new Float64Array(source.ts.length);
    }
    this.rowsSeq = -1;
    const mask = (this.mask = source.mask);
    this.ts.set(source.ts);
    this.head = source.head;
    this.tail = source.tail;
    for (let i = this.head; i < this.tail; i++) this.vs[i & mask] = 0 + source.vs[i & mask]! * scale + offset;
    this.resum();
    this.evictions = source.evictions;
    this.runStart = source.runStart;
    this.prev = source.prev;
    this.peak = source.peak === null ? null : 0 + source.peak * scale + offset;
    this.peakEndMs = source.peakEndMs;
    this.windows = source.windows;
  }

  private grow(): void {
    const n = this.mask + 1;
    const ts = new Float64Array(n * 2);
    const vs = new Float64Array(n * 2);
    for (let i = this.head, j = 0; i < this.tail; i++, j++) {
      ts[j] = this.ts[i & this.mask]!;
      vs[j] = this.vs[i & this.mask]!;
    }
    this.tail -= this.head;
    this.head = 0;
    this.ts = ts;
    this.vs = vs;
    this.mask = n * 2 - 1;
  }

  private resum(): void {
    this.evictions = 0;
    let s = 0;
    for (let i = this.head; i < this.tail; i++) s += this.vs[i & this.mask]!;
    this.sum = s;
  }
}

/**
 * Batch form of {@link SustainedPeakTracker}: the sustained peak of samples in time order
 * (NaN values are missing). O(n).
 *
 * @example
 * sustainedPeak([0, 60_000, 120_000], [10, 20, 30], 120_000) // => 25
 */
export function sustainedPeak(timestampsMs: ArrayLike<number>, values: ArrayLike<number>, windowMs: number, maxGapMs = windowMs): number | null {
  const s = new SustainedPeakTracker(windowMs, maxGapMs);
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) s.add(timestampsMs[i]!, values[i]!);
  return s.peak;
}
