/**
 * Peak per fixed time window (Azure Migrate keeps the peak of each 10-minute window, then
 * takes a percentile of those peaks). Windows are aligned to multiples of `windowMs` since
 * the epoch (UTC). Memory: one number per window that holds data. O(1) per sample.
 *
 * @example
 * const r = new WindowPeakTracker(600_000);
 * r.add(0, 5); r.add(300_000, 9); r.add(600_000, 2);
 * r.peaks() // => [9, 2]
 */
export class WindowPeakTracker {
  private values: number[] = [];
  private bucket = NaN;
  private max = -Infinity;

  constructor(readonly windowMs: number) {}

  /**
   * Records sample `v` (in the counter's unit) taken at `t` (ms since the epoch, UTC). Samples
   * come in time order: a sample in an earlier window than the previous one starts a new entry.
   *
   * @example
   * const r = new WindowPeakTracker(600_000);
   * r.add(0, 5); r.add(60_000, 7);
   * r.peaks() // => [7]
   */
  add(t: number, v: number): void {
    const b = Math.floor(t / this.windowMs);
    if (b !== this.bucket) {
      if (this.max !== -Infinity) this.values.push(this.max);
      this.bucket = b;
      this.max = v;
    } else if (v > this.max) this.max = v;
  }

  /** Adds `ts[i], vs[i]` for i in 0..count-1, as `count` {@link add} calls. */
  addAll(ts: Float64Array, vs: Float64Array, count: number): void {
    for (let i = 0; i < count; i++) this.add(ts[i]!, vs[i]!);
  }

  /**
   * Makes this tracker hold `source`'s window peaks (same window length) mapped by
   * v -> 0 + v x scale + offset (scale > 0): exactly the peaks the mapped values give, since a
   * rounded monotonic map keeps each window's maximum. O(windows).
   *
   * @example
   * const a = new WindowPeakTracker(600_000);
   * a.add(0, 5); a.add(600_000, 2);
   * const b = new WindowPeakTracker(600_000);
   * b.assignMapped(a, 10, 1);
   * b.peaks() // => [51, 21]
   */
  assignMapped(source: WindowPeakTracker, scale: number, offset: number): void {
    this.values = source.values.map((v) => 0 + v * scale + offset);
    this.bucket = source.bucket;
    this.max = source.max === -Infinity ? -Infinity : 0 + source.max * scale + offset;
  }

  /** The window peaks in time order (the open window included). */
  peaks(): number[] {
    return this.max === -Infinity ? [...this.values] : [...this.values, this.max];
  }
}

/**
 * Highest value per UTC day, for growth trends. Memory: one entry per day.
 *
 * @example
 * const d = new DailyPeakTracker();
 * d.add(Date.UTC(2024, 0, 1, 9), 40); d.add(Date.UTC(2024, 0, 1, 15), 60); d.add(Date.UTC(2024, 0, 2, 9), 50);
 * d.peaks() // => [{ dayMs: Date.UTC(2024, 0, 1), peak: 60 }, { dayMs: Date.UTC(2024, 0, 2), peak: 50 }]
 */
export class DailyPeakTracker {
  private readonly days = new Map<number, number>();
  private day = NaN;
  private dayStart = Infinity;
  private dayEnd = -Infinity;
  private max = -Infinity;

  /**
   * Records sample `v` (in the counter's unit) taken at `t` (ms since the epoch, UTC); the day is
   * the UTC day of `t`. Samples may come in any order.
   *
   * @example
   * const d = new DailyPeakTracker();
   * d.add(Date.UTC(2024, 0, 2, 9), 50); d.add(Date.UTC(2024, 0, 1, 9), 40);
   * d.peaks().map((p) => p.peak) // => [40, 50]
   */
  add(t: number, v: number): void {
    if (!(t >= this.dayStart && t < this.dayEnd)) {
      const day = Math.floor(t / 86_400_000);
      this.flush();
      this.day = day;
      this.dayStart = day * 86_400_000;
      this.dayEnd = this.dayStart + 86_400_000;
      this.max = this.days.get(day) ?? -Infinity;
    }
    if (v > this.max) this.max = v;
  }

  /** Adds `ts[i], vs[i]` for i in 0..count-1, as `count` {@link add} calls (the day's bounds and peak in locals). */
  addAll(ts: Float64Array, vs: Float64Array, count: number): void {
    let dayStart = this.dayStart;
    let dayEnd = this.dayEnd;
    let max = this.max;
    for (let i = 0; i < count; i++) {
      const t = ts[i]!;
      const v = vs[i]!;
      if (!(t >= dayStart && t < dayEnd)) {
        this.max = max;
        this.add(t, v);
        dayStart = this.dayStart;
        dayEnd = this.dayEnd;
        max = this.max;
      } else if (v > max) max = v;
    }
    this.max = max;
  }

  /**
   * Makes this tracker hold `source`'s daily peaks mapped by v -> 0 + v x scale + offset
   * (scale > 0): exactly the peaks the mapped values give (a rounded monotonic map keeps each
   * day's maximum). O(days).
   *
   * @example
   * const a = new DailyPeakTracker();
   * a.add(Date.UTC(2024, 0, 1, 9), 4);
   * const b = new DailyPeakTracker();
   * b.assignMapped(a, 10, 1);
   * b.peaks() // => [{ dayMs: Date.UTC(2024, 0, 1), peak: 41 }]
   */
  assignMapped(source: DailyPeakTracker, scale: number, offset: number): void {
    this.days.clear();
    for (const [day, peak] of source.days) this.days.set(day, 0 + peak * scale + offset);
    this.day = source.day;
    this.dayStart = source.dayStart;
    this.dayEnd = source.dayEnd;
    this.max = source.max === -Infinity ? -Infinity : 0 + source.max * scale + offset;
  }

  /**
   * The peak of every day that has samples, in day order: `dayMs` is the day's UTC midnight (ms
   * since the epoch), `peak` the highest value recorded that day.
   *
   * @example
   * const d = new DailyPeakTracker();
   * d.add(Date.UTC(2024, 0, 1, 23, 59), 7);
   * d.peaks() // => [{ dayMs: Date.UTC(2024, 0, 1), peak: 7 }]
   */
  peaks(): { dayMs: number; peak: number }[] {
    this.flush();
    return [...this.days.entries()].sort((a, b) => a[0] - b[0]).map(([d, peak]) => ({ dayMs: d * 86_400_000, peak }));
  }

  private flush(): void {
    if (this.max !== -Infinity) this.days.set(this.day, this.max);
  }
}

export { BucketMeanTracker, coarsenAligned, type AlignedSeries } from './buckets.js';
