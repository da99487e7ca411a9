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

  add(t: number, v: number): void {
    const b = Math.floor(t / this.windowMs);
    if (b !== this.bucket) {
      if (this.max !== -Infinity) this.values.push(this.max);
      this.bucket = b;
      this.max = v;
    } else if (v > this.max) this.max = v;
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

  add(t: number, v: number): void {
    const day = Math.floor(t / 86_400_000);
    const m = this.days.get(day);
    if (m === undefined || v > m) this.days.set(day, v);
  }

  peaks(): { dayMs: number; peak: number }[] {
    return [...this.days.entries()].sort((a, b) => a[0] - b[0]).map(([d, peak]) => ({ dayMs: d * 86_400_000, peak }));
  }
}

/**
 * Mean per aligned time bucket (multiples of `bucketMs` since the epoch), to line up series
 * sampled at slightly different instants (peak coincidence). Memory: one entry per bucket.
 *
 * @example
 * const a = new BucketMeanTracker(300_000);
 * a.add(0, 10); a.add(60_000, 20); a.add(300_000, 5);
 * a.buckets() // => [{ bucketMs: 0, mean: 15 }, { bucketMs: 300000, mean: 5 }]
 */
export class BucketMeanTracker {
  private readonly sums = new Map<number, [number, number]>();

  constructor(readonly bucketMs: number) {}

  add(t: number, v: number): void {
    const b = Math.floor(t / this.bucketMs);
    const s = this.sums.get(b);
    if (s) {
      s[0] += v;
      s[1]++;
    } else this.sums.set(b, [v, 1]);
  }

  buckets(): { bucketMs: number; mean: number }[] {
    return [...this.sums.entries()].sort((a, b) => a[0] - b[0]).map(([b, [s, n]]) => ({ bucketMs: b * this.bucketMs, mean: s / n }));
  }
}
