import { HostplanError, interpolate7, quantileRank } from '@hostplan/core/internal';

/** The serialised form of a {@link QuantileSketch}: plain JSON, mergeable later. */
export interface QuantileSketchJson {
  readonly relativeAccuracy: number;
  readonly count: number;
  readonly zeroCount: number;
  readonly min: number | null;
  readonly max: number | null;
  /** [bucket index, count] for positive values, bucket i holding (gamma^(i-1), gamma^i]. */
  readonly positive: readonly (readonly [number, number])[];
  /** The same for the magnitudes of negative values. */
  readonly negative: readonly (readonly [number, number])[];
}

/**
 * A mergeable quantile sketch with a relative-error guarantee (DDSketch, Masson, Rim and Lee,
 * VLDB 2019): logarithmic buckets (gamma^(i-1), gamma^i] with gamma = (1 + a) / (1 - a), one set
 * for positive values, one for the magnitudes of negative values, and an exact count of zeros.
 * Every non-zero finite double is indexable (no collapsing), so memory is one map entry per
 * occupied bucket: at most ln(max/min) / ln(gamma) entries (about 1,150 for values from 0.001
 * to 1e7 at a = 1 %).
 *
 * **What is bounded.** For the exact sorted values x(0) <= ... <= x(n-1) and a 0-based rank k,
 * `orderStatistic(k)` returns e(k) with |e(k) - x(k)| <= a |x(k)| (zeros are exact). `quantile(p)`
 * interpolates like type 7: with h = (n-1) p, lo = floor h, hi = ceil h, f = h - lo, it returns
 * (1-f) e(lo) + f e(hi), so |quantile(p) - type7(p)| <= a ((1-f) |x(lo)| + f |x(hi)|), which
 * is a |type7(p)| whenever x(lo) and x(hi) have the same sign (every capacity counter is >= 0).
 * Up to floating-point rounding: of `Math.log` (a relative 1e-12 or so), and of the type-7
 * interpolation itself (a few ulps of the larger neighbour, 4 x 2^-52 x max(|x(lo)|, |x(hi)|),
 * which the exact figure carries too: with f near 1 it cancels), for normal doubles: subnormal
 * magnitudes (below 2.2e-308) hold too few bits for any relative bound.
 *
 * Merging adds bucket counts: exact, commutative and associative, so a fleet-wide sketch does
 * not depend on the order of the merges. add: O(1); quantile: O(b log b) for b buckets.
 *
 * @example
 * const s = new QuantileSketch(0.01);
 * for (let i = 1; i <= 1000; i++) s.add(i);
 * s.quantile(0.95) // => within 1 % of 950.05 (the exact type-7 figure)
 */
export class QuantileSketch {
  readonly relativeAccuracy: number;
  private readonly lnGamma: number;
  private readonly midFactor: number;
  private readonly positive = new Map<number, number>();
  private readonly negative = new Map<number, number>();
  private zeros = 0;
  private n = 0;
  private lo = Infinity;
  private hi = -Infinity;

  /** @param relativeAccuracy a, in (0, 1). @defaultValue 0.01 */
  constructor(relativeAccuracy = 0.01) {
    if (!(relativeAccuracy > 0 && relativeAccuracy < 1)) {
      throw new HostplanError('invalid-value', 'sketch.relativeAccuracy', `expected a number in (0, 1), got ${relativeAccuracy}`, 'a number in (0, 1)', relativeAccuracy);
    }
    this.relativeAccuracy = relativeAccuracy;
    const gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
    this.lnGamma = Math.log(gamma);
    this.midFactor = 2 / (gamma + 1);
  }

  get count(): number {
    return this.n;
  }

  /** Adds a finite value `weight` times (non-finite values are ignored). */
  add(value: number, weight = 1): void {
    if (!Number.isFinite(value)) return;
    this.n += weight;
    if (value < this.lo) this.lo = value;
    if (value > this.hi) this.hi = value;
    if (value === 0) {
      this.zeros += weight;
      return;
    }
    const store = value > 0 ? this.positive : this.negative;
    const i = Math.ceil(Math.log(Math.abs(value)) / this.lnGamma);
    store.set(i, (store.get(i) ?? 0) + weight);
  }

  /** Adds every bucket of `other` into this sketch (same relative accuracy required). */
  merge(other: QuantileSketch): this {
    if (other.relativeAccuracy !== this.relativeAccuracy) {
      throw new HostplanError('invalid-value', 'sketch.relativeAccuracy', `cannot merge sketches of different accuracy (${this.relativeAccuracy} and ${other.relativeAccuracy})`, String(this.relativeAccuracy), other.relativeAccuracy);
    }
    for (const [i, c] of other.positive) this.positive.set(i, (this.positive.get(i) ?? 0) + c);
    for (const [i, c] of other.negative) this.negative.set(i, (this.negative.get(i) ?? 0) + c);
    this.zeros += other.zeros;
    this.n += other.n;
    this.lo = Math.min(this.lo, other.lo);
    this.hi = Math.max(this.hi, other.hi);
    return this;
  }

  /** The estimate e(k) of the order statistic x(k), 0-based; clamped to [min, max]. */
  orderStatistic(k: number): number {
    if (this.n === 0) throw new RangeError('quantile requires at least one value');
    if (!(k >= 0 && k < this.n)) throw new RangeError(`rank must be in 0..${this.n - 1}, got ${k}`);
    let seen = 0;
    const negKeys = [...this.negative.keys()].sort((a, b) => b - a);
    for (const i of negKeys) {
      seen += this.negative.get(i)!;
      if (k < seen) return this.clamp(-this.midpoint(i));
    }
    seen += this.zeros;
    if (k < seen) return 0;
    const posKeys = [...this.positive.keys()].sort((a, b) => a - b);
    for (const i of posKeys) {
      seen += this.positive.get(i)!;
      if (k < seen) return this.clamp(this.midpoint(i));
    }
    return this.hi;
  }

  /** The type-7-style quantile estimate; see the class comment for the bound. */
  quantile(p: number): number {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile p must be in 0..1, got ${p}`);
    const { lower, upper, fraction } = quantileRank(this.n, p);
    const lo = this.orderStatistic(lower);
    return interpolate7(lo, lower === upper ? lo : this.orderStatistic(upper), fraction, lower === upper);
  }

  /**
   * The sketch as plain JSON (buckets sorted by index; `min`/`max` null while empty), to store a
   * per-VM summary or send it to another process and merge it there with {@link QuantileSketch.fromJSON}.
   *
   * @example
   * const s = new QuantileSketch(0.01);
   * s.add(0);
   * s.add(5);
   * const json = s.toJSON();
   * [json.count, json.zeroCount, json.min, json.max] // => [2, 1, 0, 5]
   */
  toJSON(): QuantileSketchJson {
    const entries = (m: Map<number, number>) => [...m.entries()].sort((a, b) => a[0] - b[0]) as [number, number][];
    return {
      relativeAccuracy: this.relativeAccuracy,
      count: this.n,
      zeroCount: this.zeros,
      min: this.n ? this.lo : null,
      max: this.n ? this.hi : null,
      positive: entries(this.positive),
      negative: entries(this.negative),
    };
  }

  /**
   * Rebuilds a sketch from {@link QuantileSketch.toJSON} output.
   *
   * @example
   * QuantileSketch.fromJSON(sketch.toJSON()).quantile(0.5) // => sketch.quantile(0.5)
   */
  static fromJSON(json: QuantileSketchJson): QuantileSketch {
    const s = new QuantileSketch(json.relativeAccuracy);
    for (const [i, c] of json.positive) s.positive.set(i, c);
    for (const [i, c] of json.negative) s.negative.set(i, c);
    s.zeros = json.zeroCount;
    s.n = json.count;
    s.lo = json.min ?? Infinity;
    s.hi = json.max ?? -Infinity;
    return s;
  }

  /** Bucket midpoint 2 gamma^i / (gamma + 1): within a of every value in the bucket. */
  private midpoint(i: number): number {
    return Math.exp(i * this.lnGamma) * this.midFactor;
  }

  private clamp(x: number): number {
    return x < this.lo ? this.lo : x > this.hi ? this.hi : x;
  }
}
