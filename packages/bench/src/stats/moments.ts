/**
 * Mergeable moments of a sample: count, compensated sum, mean, sum of squared deviations
 * (`m2`), min and max. The running form uses Welford's update; two summaries merge with
 * Chan, Golub and LeVeque's parallel formula, so a fleet-wide summary built by merging
 * per-file or per-host summaries equals the batch summary up to floating-point rounding.
 *
 * Reference: Chan, Golub, LeVeque, "Algorithms for computing the sample variance" (1983);
 * https://en.wikipedia.org/wiki/Algorithms_for_calculating_variance#Parallel_algorithm
 */
export interface MomentsSummary {
  readonly count: number;
  /** Sum of the values (Neumaier-compensated while accumulating). */
  readonly sum: number;
  /** Arithmetic mean; 0 when `count` is 0. */
  readonly mean: number;
  /** Sum of squared deviations from the mean; population variance = m2 / count. */
  readonly m2: number;
  /** +Infinity when `count` is 0. */
  readonly min: number;
  /** -Infinity when `count` is 0. */
  readonly max: number;
}

/** The summary of no values. */
export const EMPTY_MOMENTS: MomentsSummary = Object.freeze({ count: 0, sum: 0, mean: 0, m2: 0, min: Infinity, max: -Infinity });

/**
 * A running accumulator of {@link MomentsSummary}: O(1) memory, O(1) per value.
 *
 * @example
 * const m = new MomentsAccumulator();
 * for (const x of [2, 4, 4, 4, 5, 5, 7, 9]) m.add(x);
 * momentsStandardDeviation(m.summary()) // => 2
 */
export class MomentsAccumulator {
  private n = 0;
  private mu = 0;
  private sq = 0;
  private s = 0;
  private c = 0;
  private lo = Infinity;
  private hi = -Infinity;

  /** Adds one finite value. */
  add(x: number): void {
    const n = ++this.n;
    const d = x - this.mu;
    this.mu += d / n;
    this.sq += d * (x - this.mu);
    const t = this.s + x;
    this.c += Math.abs(this.s) >= Math.abs(x) ? this.s - t + x : x - t + this.s;
    this.s = t;
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
  }

  /**
   * Adds `values[from..to)` (all finite) as one block: the block's compensated sum, min and max
   * in one loop, then its deviations d from its plain mean in a second, with four independent
   * accumulators of d and of d^2 (no dependent chain per value): the mean corrected by their
   * sum, m2 = sum(d^2) - (sum d)^2 / k (the corrected two-pass formula), then Chan's merge into
   * the running state. No division per value (Welford's update divides once per value), so a
   * block costs a fraction of as many {@link add} calls; the figures equal theirs up to
   * floating-point rounding (the sum and min/max exactly as `add` gives them).
   *
   * @example
   * const m = new MomentsAccumulator();
   * m.addAll(Float64Array.of(1, 2, 3), 0, 3);
   * m.summary().mean // => 2
   */
  addAll(values: Float64Array, from: number, to: number): void {
    const k = to - from;
    if (k <= 0) return;
    let s = this.s;
    let c = this.c;
    let lo = this.lo;
    let hi = this.hi;
    // the block's own sum, for its mean (plain summation is enough for the deviations' centre)
    let blockSum = 0;
    for (let i = from; i < to; i++) {
      const x = values[i]!;
      blockSum += x;
      const t = s + x;
      c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
      s = t;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    const centre = blockSum / k;
    let d0 = 0, d1 = 0, d2 = 0, d3 = 0;
    let q0 = 0, q1 = 0, q2 = 0, q3 = 0;
    let i = from;
    for (; i + 3 < to; i += 4) {
      const a = values[i]! - centre;
      const b = values[i + 1]! - centre;
      const e = values[i + 2]! - centre;
      const f = values[i + 3]! - centre;
      d0 += a;
      d1 += b;
      d2 += e;
      d3 += f;
      q0 += a * a;
      q1 += b * b;
      q2 += e * e;
      q3 += f * f;
    }
    for (; i < to; i++) {
      const a = values[i]! - centre;
      d0 += a;
      q0 += a * a;
    }
    const d = d0 + d1 + (d2 + d3);
    const q = q0 + q1 + (q2 + q3);
    const mean = centre + d / k;
    // >= 0 in exact arithmetic (Cauchy-Schwarz), and (d / k) x d <= q does not overflow; a
    // constant block gives 0 exactly (its deviations are one short number); squares beyond the
    // largest double give Infinity, as summing them does
    const m2 = q < Infinity ? Math.max(0, q - (d / k) * d) : q;
    const n = this.n + k;
    if (this.n === 0) {
      this.mu = mean;
      this.sq = m2;
    } else {
      const d = mean - this.mu;
      this.mu += (d * k) / n;
      this.sq += m2 + (d * d * this.n * k) / n;
    }
    this.n = n;
    this.s = s;
    this.c = c;
    this.lo = lo;
    this.hi = hi;
  }

  /**
   * Makes this accumulator hold the moments of `source`'s values mapped by
   * v -> 0 + v x scale + offset (scale > 0, so the order is kept): the same count, min, max and
   * mean mapped, m2 x scale^2, the compensated sum as scale x sum + offset x count. These equal
   * the moments of adding the mapped values one by one up to floating-point rounding (min and
   * max exactly: a rounded monotonic map keeps the extremes, and never gives -0). O(1); values
   * added afterwards fold into the mapped state.
   *
   * @example
   * const a = new MomentsAccumulator();
   * a.addAll(Float64Array.of(1, 2, 3), 0, 3);
   * const b = new MomentsAccumulator();
   * b.assignMapped(a, 10, 5);
   * b.summary() // => { count: 3, sum: 75, mean: 25, m2: 200, min: 15, max: 35 }
   */
  assignMapped(source: MomentsAccumulator, scale: number, offset: number): void {
    const n = source.n;
    this.n = n;
    this.mu = n === 0 ? 0 : 0 + source.mu * scale + offset;
    // scale twice, not scale^2: a huge scale of a zero spread stays 0 (0 x Infinity is NaN)
    this.sq = source.sq * scale * scale;
    this.s = source.s * scale + offset * n;
    this.c = source.c * scale;
    this.lo = n === 0 ? Infinity : 0 + source.lo * scale + offset;
    this.hi = n === 0 ? -Infinity : 0 + source.hi * scale + offset;
  }

  get count(): number {
    return this.n;
  }

  /**
   * The moments of the values added so far, as a plain, mergeable {@link MomentsSummary}
   * ({@link EMPTY_MOMENTS} before the first value). O(1); the accumulator can keep adding.
   *
   * @example
   * const m = new MomentsAccumulator();
   * m.add(1); m.add(3);
   * m.summary() // => { count: 2, sum: 4, mean: 2, m2: 2, min: 1, max: 3 }
   */
  summary(): MomentsSummary {
    return { count: this.n, sum: this.s + this.c, mean: this.mu, m2: this.sq, min: this.lo, max: this.hi };
  }
}

/**
 * Merges two moment summaries (Chan et al.). Commutative; associative up to rounding. O(1).
 *
 * @example
 * mergeMoments(momentsOf([1, 2]), momentsOf([3, 4])).mean // => 2.5
 */
export function mergeMoments(a: MomentsSummary, b: MomentsSummary): MomentsSummary {
  if (a.count === 0) return b;
  if (b.count === 0) return a;
  const n = a.count + b.count;
  const d = b.mean - a.mean;
  return {
    count: n,
    sum: a.sum + b.sum,
    mean: a.mean + (d * b.count) / n,
    m2: a.m2 + b.m2 + (d * d * a.count * b.count) / n,
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
  };
}

/**
 * The moments of an array of finite values, in one pass. O(n).
 *
 * @example
 * momentsOf([1, 2, 3]) // => { count: 3, sum: 6, mean: 2, m2: 2, min: 1, max: 3 }
 */
export function momentsOf(values: ArrayLike<number>): MomentsSummary {
  const m = new MomentsAccumulator();
  for (let i = 0; i < values.length; i++) m.add(values[i]!);
  return m.summary();
}

/**
 * Population variance (divide by n, as simple-statistics `variance`), or null for no values.
 *
 * @example
 * momentsVariance(momentsOf([2, 4, 4, 4, 5, 5, 7, 9])) // => 4
 */
export function momentsVariance(m: MomentsSummary): number | null {
  return m.count === 0 ? null : Math.max(0, m.m2 / m.count);
}

/**
 * Population standard deviation (as simple-statistics `standardDeviation`), or null for no values.
 *
 * @example
 * momentsStandardDeviation(momentsOf([2, 4, 4, 4, 5, 5, 7, 9])) // => 2
 */
export function momentsStandardDeviation(m: MomentsSummary): number | null {
  const v = momentsVariance(m);
  return v === null ? null : Math.sqrt(v);
}
