import { selectRanks } from './selectRanks.js';

/**
 * Where the type-7 quantile `p` of `n` sorted values falls: h = (n - 1) p, between the order
 * statistics `lower` = floor(h) and `upper` = ceil(h) (0-based), with weight `fraction` on
 * `upper`. O(1).
 *
 * @example
 * quantileRank(11, 0.95) // => { lower: 9, upper: 10, fraction: 0.5 } (h = 10 x 0.95 = 9.5)
 */
export function quantileRank(n: number, p: number): { lower: number; upper: number; fraction: number } {
  if (p === 1) return { lower: n - 1, upper: n - 1, fraction: 0 };
  if (p === 0) return { lower: 0, upper: 0, fraction: 0 };
  const h = (n - 1) * p;
  const lower = Math.floor(h);
  const upper = Math.ceil(h);
  return { lower, upper, fraction: h - lower };
}

/**
 * The type-7 quantile (R's default, numpy's `linear`): linear interpolation between the closest
 * ranks, h = (n - 1) p, x[floor h] + (h - floor h) (x[ceil h] - x[floor h]). Computes exactly
 * what simple-statistics 7.12 `quantileSorted` computes, with the same floating-point steps,
 * but takes any array-like (a `Float64Array` too). `sorted` must be ascending. O(1).
 * Not PAL's "percentile", which is a trimmed mean.
 *
 * Reference: Hyndman and Fan, "Sample quantiles in statistical packages" (1996), definition 7.
 *
 * @example
 * quantileSorted7([3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20], 0.95) // => 18 (h = 9.5: 16 + 0.5 x (20 - 16))
 */
export function quantileSorted7(sorted: ArrayLike<number>, p: number): number {
  const { lower, upper, fraction } = checkedRank(sorted.length, p);
  return interpolate7(sorted[lower]!, sorted[upper]!, fraction, lower === upper);
}

/**
 * The type-7 interpolation step: x_lo + f (x_hi - x_lo), or x_lo alone when h is a whole
 * number (as simple-statistics does, so results match it bit for bit). O(1).
 *
 * @example
 * interpolate7(16, 20, 0.5, false) // => 18
 */
export function interpolate7(lo: number, hi: number, fraction: number, whole: boolean): number {
  return whole || fraction === 0 ? lo : lo + fraction * (hi - lo);
}

function checkedRank(n: number, p: number): { lower: number; upper: number; fraction: number } {
  if (n === 0) throw new RangeError('quantile requires at least one value');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile p must be in 0..1, got ${p}`);
  return quantileRank(n, p);
}

/**
 * {@link quantileSorted7} of unsorted values, by selection instead of sorting: the same result
 * bit for bit. Reorders `scratch` (pass a copy); a multiselect of the one or two ranks
 * ({@link selectRanks}), deterministic. O(n) expected.
 *
 * @example
 * quantileSelect7(Float64Array.of(20, 3, 16, 6, 7, 8, 8, 9, 10, 13, 15), 0.95) // => 18 (h = 9.5: 16 + 0.5 x (20 - 16))
 */
export function quantileSelect7(scratch: Float64Array, p: number): number {
  const { lower, upper, fraction } = checkedRank(scratch.length, p);
  selectRanks(scratch, lower === upper ? [lower] : [lower, upper]);
  return interpolate7(scratch[lower]!, scratch[upper]!, fraction, lower === upper);
}
