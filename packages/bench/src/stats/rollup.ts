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
  private day = NaN;
  private max = -Infinity;

  add(t: number, v: number): void {
    const day = Math.floor(t / 86_400_000);
    if (day !== this.day) {
      this.flush();
      this.day = day;
      this.max = this.days.get(day) ?? -Infinity;
    }
    if (v > this.max) this.max = v;
  }

  peaks(): { dayMs: number; peak: number }[] {
    this.flush();
    return [...this.days.entries()].sort((a, b) => a[0] - b[0]).map(([d, peak]) => ({ dayMs: d * 86_400_000, peak }));
  }

  private flush(): void {
    if (this.max !== -Infinity) this.days.set(this.day, this.max);
  }
}

/** Dense buckets allowed (about 95 years of 5-minute buckets). */
const MAX_DENSE = 10_000_000;

/** A series as means per aligned bucket: `means[i]` covers [firstBucketMs + i x bucketMs, + bucketMs); NaN = no data. */
export interface AlignedSeries {
  readonly firstBucketMs: number;
  readonly bucketMs: number;
  readonly means: Float64Array;
}

/**
 * Mean per aligned time bucket (multiples of `bucketMs` since the epoch), to line up series
 * sampled at slightly different instants (peak coincidence). Buckets are dense arrays (16
 * bytes per bucket while accumulating, 8 in the result: 2.3 KB per series-day at 5 minutes);
 * memory grows with the time span, not the sample count. Samples that would stretch the span
 * beyond 10 million buckets are counted in `dropped`, not kept.
 *
 * @example
 * const a = new BucketMeanTracker(300_000);
 * a.add(0, 10); a.add(60_000, 20); a.add(600_000, 5);
 * a.aligned() // => { firstBucketMs: 0, bucketMs: 300000, means: Float64Array [15, NaN, 5] }
 */
export class BucketMeanTracker {
  private first = NaN;
  private sums = new Float64Array(0);
  private counts = new Float64Array(0);
  private used = 0;
  /** Samples outside the 10-million-bucket span. */
  dropped = 0;

  constructor(readonly bucketMs: number) {}

  add(t: number, v: number): void {
    const b = Math.floor(t / this.bucketMs);
    if (Number.isNaN(this.first)) this.first = b;
    let i = b - this.first;
    if (i < 0) {
      if (this.used - i > MAX_DENSE) {
        this.dropped++;
        return;
      }
      this.rebase(-i);
      i = 0;
    } else if (i >= MAX_DENSE) {
      this.dropped++;
      return;
    }
    if (i >= this.sums.length) this.grow(i + 1, 0);
    if (i >= this.used) this.used = i + 1;
    this.sums[i]! += v;
    this.counts[i]!++;
  }

  aligned(): AlignedSeries {
    const means = new Float64Array(this.used);
    for (let i = 0; i < this.used; i++) means[i] = this.counts[i]! > 0 ? this.sums[i]! / this.counts[i]! : NaN;
    return { firstBucketMs: Number.isNaN(this.first) ? 0 : this.first * this.bucketMs, bucketMs: this.bucketMs, means };
  }

  private rebase(shift: number): void {
    this.grow(this.used + shift, shift);
    this.first -= shift;
    this.used += shift;
  }

  private grow(size: number, shift: number): void {
    const cap = Math.max(size, shift ? this.sums.length + shift : this.sums.length * 2, 64);
    const sums = new Float64Array(cap);
    const counts = new Float64Array(cap);
    sums.set(this.sums.subarray(0, this.used), shift);
    counts.set(this.counts.subarray(0, this.used), shift);
    this.sums = sums;
    this.counts = counts;
  }
}
