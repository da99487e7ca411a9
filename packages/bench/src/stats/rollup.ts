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

/**
 * A series as means per aligned bucket: `means[i]` covers [firstBucketMs + i x bucketMs,
 * + bucketMs) and averages `counts[i]` samples; NaN (count 0) = no data.
 */
export interface AlignedSeries {
  readonly firstBucketMs: number;
  readonly bucketMs: number;
  readonly means: Float64Array;
  readonly counts: Float64Array;
}

/**
 * Mean per aligned time bucket (multiples of `bucketMs` since the epoch), to line up series
 * sampled at slightly different instants (peak coincidence). Buckets are dense arrays from the
 * first bucket seen; when the span would need more than `maxBuckets`, the bucket length
 * doubles (adjacent buckets merge exactly: sums and counts add), so memory stays under
 * 16 x maxBuckets bytes per series whatever the span (16,384 buckets = 57 days at 5 minutes,
 * 256 KB). Buckets stay aligned to multiples of the (doubled) length since the epoch.
 *
 * @example
 * const a = new BucketMeanTracker(300_000);
 * a.add(0, 10); a.add(60_000, 20); a.add(600_000, 5);
 * a.aligned() // => { firstBucketMs: 0, bucketMs: 300000, means: Float64Array [15, NaN, 5], counts: Float64Array [2, 0, 1] }
 */
export class BucketMeanTracker {
  private first = NaN;
  private sums = new Float64Array(0);
  private counts = new Float64Array(0);
  private used = 0;
  /** The current bucket length: the initial one times a power of two. */
  bucketMs: number;

  constructor(bucketMs: number, readonly maxBuckets = 16_384) {
    this.bucketMs = bucketMs;
  }

  /**
   * Adds sample `v` (in the counter's unit) taken at `t` (ms since the epoch, UTC) to the mean of
   * its bucket. Samples may come in any order; a sample before the first bucket extends the
   * series backwards. O(1) amortised (a doubling of the bucket length is O(maxBuckets)).
   *
   * @example
   * const a = new BucketMeanTracker(300_000);
   * a.add(300_000, 4); a.add(0, 2);
   * a.aligned().means // => Float64Array [2, 4]
   */
  add(t: number, v: number): void {
    let b = Math.floor(t / this.bucketMs);
    if (Number.isNaN(this.first)) this.first = b;
    while (b - this.first >= this.maxBuckets || this.used + Math.max(0, this.first - b) > this.maxBuckets) {
      this.coarsen();
      b = Math.floor(t / this.bucketMs);
    }
    let i = b - this.first;
    if (i < 0) {
      this.resize(this.used - i, -i);
      this.first = b;
      this.used -= i;
      i = 0;
    } else if (i >= this.sums.length) this.resize(Math.min(this.maxBuckets, Math.max(i + 1, this.sums.length * 2, 64)), 0);
    if (i >= this.used) this.used = i + 1;
    this.sums[i]! += v;
    this.counts[i]!++;
  }

  /** Adds `ts[i], vs[i]` for i in 0..count-1, as `count` {@link add} calls. */
  addAll(ts: Float64Array, vs: Float64Array, count: number): void {
    // a sample in a bucket already in use needs no coarsening nor growing: add() in locals;
    // anything else goes through add() itself, and the locals are read again
    let sums = this.sums;
    let counts = this.counts;
    let bucketMs = this.bucketMs;
    let first = this.first;
    let used = this.used;
    for (let k = 0; k < count; k++) {
      const t = ts[k]!;
      const i = Math.floor(t / bucketMs) - first;
      if (i >= 0 && i < used) {
        sums[i] = sums[i]! + vs[k]!;
        counts[i] = counts[i]! + 1;
        continue;
      }
      this.add(t, vs[k]!);
      sums = this.sums;
      counts = this.counts;
      bucketMs = this.bucketMs;
      first = this.first;
      used = this.used;
    }
  }

  /**
   * The means so far as an {@link AlignedSeries} (copies: the tracker can keep adding). An empty
   * tracker gives `firstBucketMs` 0 and empty arrays.
   *
   * @example
   * new BucketMeanTracker(300_000).aligned().means.length // => 0
   */
  aligned(): AlignedSeries {
    const means = new Float64Array(this.used);
    for (let i = 0; i < this.used; i++) means[i] = this.counts[i]! > 0 ? this.sums[i]! / this.counts[i]! : NaN;
    return { firstBucketMs: Number.isNaN(this.first) ? 0 : this.first * this.bucketMs, bucketMs: this.bucketMs, means, counts: this.counts.slice(0, this.used) };
  }

  /**
   * The means as an {@link AlignedSeries} computed in place, without the copies {@link aligned}
   * makes (for final results: a long series' buckets are not held twice); the tracker starts
   * empty again.
   *
   * @example
   * const a = new BucketMeanTracker(300_000);
   * a.add(0, 10); a.add(60_000, 20);
   * a.take().means // => Float64Array [15]
   */
  take(): AlignedSeries {
    const used = this.used;
    const means = this.sums.subarray(0, used);
    const counts = this.counts.subarray(0, used);
    for (let i = 0; i < used; i++) means[i] = counts[i]! > 0 ? means[i]! / counts[i]! : NaN;
    const taken = { firstBucketMs: Number.isNaN(this.first) ? 0 : this.first * this.bucketMs, bucketMs: this.bucketMs, means, counts };
    this.sums = new Float64Array(0);
    this.counts = new Float64Array(0);
    this.used = 0;
    this.first = NaN;
    return taken;
  }

  private coarsen(): void {
    const first = Math.floor(this.first / 2);
    const used = this.used === 0 ? 0 : Math.floor((this.first + this.used - 1) / 2) - first + 1;
    const sums = new Float64Array(Math.max(used, 64));
    const counts = new Float64Array(Math.max(used, 64));
    for (let i = 0; i < this.used; i++) {
      const j = Math.floor((this.first + i) / 2) - first;
      sums[j]! += this.sums[i]!;
      counts[j]! += this.counts[i]!;
    }
    this.sums = sums;
    this.counts = counts;
    this.first = first;
    this.used = used;
    this.bucketMs *= 2;
  }

  private resize(size: number, shift: number): void {
    const sums = new Float64Array(Math.max(size, this.used + shift));
    const counts = new Float64Array(sums.length);
    sums.set(this.sums.subarray(0, this.used), shift);
    counts.set(this.counts.subarray(0, this.used), shift);
    this.sums = sums;
    this.counts = counts;
  }
}

/**
 * Re-buckets an aligned series to a multiple `bucketMs` of its own bucket length (weighted by
 * counts: exact). O(buckets).
 *
 * @example
 * coarsenAligned({ firstBucketMs: 0, bucketMs: 1, means: Float64Array.of(2, 4), counts: Float64Array.of(1, 3) }, 2).means // => Float64Array [3.5]
 */
export function coarsenAligned(a: AlignedSeries, bucketMs: number): AlignedSeries {
  if (bucketMs === a.bucketMs) return a;
  const first = Math.floor(a.firstBucketMs / bucketMs);
  const last = Math.floor((a.firstBucketMs + (a.means.length - 1) * a.bucketMs) / bucketMs);
  const n = a.means.length === 0 ? 0 : last - first + 1;
  const sums = new Float64Array(n);
  const counts = new Float64Array(n);
  for (let i = 0; i < a.means.length; i++) {
    if (!(a.counts[i]! > 0)) continue;
    const j = Math.floor((a.firstBucketMs + i * a.bucketMs) / bucketMs) - first;
    sums[j]! += a.means[i]! * a.counts[i]!;
    counts[j]! += a.counts[i]!;
  }
  const means = sums.map((s, j) => (counts[j]! > 0 ? s / counts[j]! : NaN));
  return { firstBucketMs: first * bucketMs, bucketMs, means, counts };
}
