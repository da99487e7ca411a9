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
 * Scratch for {@link BucketMeanTracker.addAll}'s bucket numbers, shared by the trackers of a
 * thread (they fold one at a time; a call that re-enters addAll after a coarsening no longer
 * reads the numbers it was given).
 */
let numberScratch = new Float64Array(0);

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
    } else if (i >= this.sums.length) {
      // grown fourfold (never beyond maxBuckets): fewer copies into fresh memory than doubling
      this.resize(Math.min(this.maxBuckets, Math.max(i + 1, this.sums.length * 4, 64)), 0);
    }
    if (i >= this.used) this.used = i + 1;
    this.sums[i]! += v;
    this.counts[i]!++;
  }

  /** Adds `ts[i], vs[i]` for i in 0..count-1, as `count` {@link add} calls. */
  addAll(ts: Float64Array, vs: Float64Array, count: number): void {
    // each sample's bucket number at the current length, then the numbered path
    const bucketMs = this.bucketMs;
    if (numberScratch.length < count) numberScratch = new Float64Array(Math.max(count, 2 * numberScratch.length));
    const numbers = numberScratch;
    for (let k = 0; k < count; k++) numbers[k] = Math.floor(ts[k]! / bucketMs);
    this.addAllNumbered(ts, numbers, bucketMs, vs, count);
  }

  /**
   * {@link addAll} given each sample's bucket number at `numbersMs`, `numbers[k]` =
   * Math.floor(ts[k] / numbersMs), computed once for the rows many series share: the division
   * is saved while this tracker's bucket length is `numbersMs` (it is `addAll` otherwise).
   *
   * @example
   * const a = new BucketMeanTracker(300_000);
   * a.addAllNumbered(Float64Array.of(0, 60_000), Float64Array.of(0, 0), 300_000, Float64Array.of(10, 20), 2);
   * a.aligned().means // => Float64Array [15]
   */
  addAllNumbered(ts: Float64Array, numbers: Float64Array, numbersMs: number, vs: Float64Array, count: number): void {
    if (numbersMs !== this.bucketMs) return this.addAll(ts, vs, count);
    // a sample in a bucket the arrays hold, within maxBuckets of the first, needs no coarsening
    // nor growing: add() in locals (`used` moved past a bucket after the last in use: the arrays
    // are zero beyond it); anything else goes through add() itself, and the locals are read
    // again. Consecutive samples of one bucket add up in a register (the same additions in the
    // same order), stored when the bucket changes: no store-to-load chain through the array per
    // sample
    let sums = this.sums;
    let counts = this.counts;
    let first = this.first;
    let used = this.used;
    let held = Math.min(sums.length, this.maxBuckets);
    let open = NaN; // no bucket open (NaN equals no index)
    let sum = 0;
    let n = 0;
    for (let k = 0; k < count; k++) {
      const i = numbers[k]! - first;
      if (i === open) {
        sum += vs[k]!;
        n += 1;
        continue;
      }
      if (open >= 0) {
        sums[open] = sum;
        counts[open] = n;
      }
      if (i >= 0 && i < held) {
        if (i >= used) used = i + 1;
        open = i;
        sum = sums[i]! + vs[k]!;
        n = counts[i]! + 1;
        continue;
      }
      open = NaN;
      this.used = used;
      this.add(ts[k]!, vs[k]!);
      // a coarsening changes the bucket length: the numbers no longer apply
      if (this.bucketMs !== numbersMs) return this.addAll(ts.subarray(k + 1), vs.subarray(k + 1), count - k - 1);
      sums = this.sums;
      counts = this.counts;
      first = this.first;
      used = this.used;
      held = Math.min(sums.length, this.maxBuckets);
    }
    if (open >= 0) {
      sums[open] = sum;
      counts[open] = n;
    }
    this.used = used;
  }

  /**
   * Makes this tracker hold `source`'s buckets (same maximum count) with its values mapped by
   * v -> 0 + v x scale + offset (scale > 0): the same buckets and counts, each sum as
   * scale x sum + offset x count, so each mean is the mapped mean up to floating-point rounding.
   * O(buckets).
   *
   * @example
   * const a = new BucketMeanTracker(300_000);
   * a.add(0, 1); a.add(60_000, 3);
   * const b = new BucketMeanTracker(300_000);
   * b.assignMapped(a, 10, 1);
   * b.aligned().means // => Float64Array [21]
   */
  assignMapped(source: BucketMeanTracker, scale: number, offset: number): void {
    const used = source.used;
    if (this.sums.length !== source.sums.length) {
      this.sums = new Float64Array(source.sums.length);
      this.counts = new Float64Array(source.sums.length);
    }
    this.counts.set(source.counts);
    this.sums.fill(0, used);
    for (let i = 0; i < used; i++) this.sums[i] = source.sums[i]! * scale + offset * source.counts[i]!;
    this.first = source.first;
    this.used = used;
    this.bucketMs = source.bucketMs;
  }

  /**
   * Maps the values added so far by v -> 0 + v x scale + offset, in place (each sum becomes
   * scale x sum + offset x count): as if the mapped values had been added, up to rounding. O(buckets).
   *
   * @example
   * const a = new BucketMeanTracker(300_000);
   * a.add(0, 1); a.add(60_000, 3);
   * a.mapInPlace(10, 1);
   * a.aligned().means // => Float64Array [21]
   */
  mapInPlace(scale: number, offset: number): void {
    for (let i = 0; i < this.used; i++) this.sums[i] = this.sums[i]! * scale + offset * this.counts[i]!;
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
    meansOfSums(means, counts, used);
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

/**
 * Turns the bucket sums `sums[0..used)` into means, in place (NaN where `counts` is 0). Its own
 * function: inside take(), called once per series at the end of a run, the loop was compiled on
 * stack replacement and thrown away at take()'s colder lines after it (13 deoptimizations a
 * benchmark run, --trace-deopt), on both threads while they select their percentiles.
 */
function meansOfSums(sums: Float64Array, counts: Float64Array, used: number): void {
  for (let i = 0; i < used; i++) sums[i] = counts[i]! > 0 ? sums[i]! / counts[i]! : NaN;
}
