import { selectRanks } from '../math/selectRanks.js';

/**
 * The type-7 quantile (R's default, numpy's `linear`, simple-statistics' `quantileSorted`) of
 * unsorted values by selection instead of sorting: h = (n - 1) p, x(floor h) + (h - floor h)
 * (x(ceil h) - x(floor h)), with the same floating-point steps as simple-statistics, so the
 * result equals `quantileSorted(sorted copy, p)` bit for bit. Reorders `scratch` (pass a copy);
 * a multiselect of the two ranks (`selectRanks`), deterministic. O(n) expected.
 *
 * Reference: Hyndman and Fan, "Sample quantiles in statistical packages" (1996), definition 7.
 *
 * @example
 * quantileSelect7(Float64Array.of(20, 3, 16, 6, 7, 8, 8, 9, 10, 13, 15), 0.95) // => 18 (h = 9.5: 16 + 0.5 x (20 - 16))
 */
export function quantileSelect7(scratch: Float64Array, p: number): number {
  const n = scratch.length;
  if (n === 0) throw new RangeError('quantile requires at least one value');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile p must be in 0..1, got ${p}`);
  const h = (n - 1) * p;
  const lower = p === 1 ? n - 1 : Math.floor(h);
  const exact = p === 1 || p === 0 || h % 1 === 0;
  selectRanks(scratch, exact ? [lower] : [lower, lower + 1]);
  const lo = scratch[lower]!;
  return exact ? lo : lo + (h - lower) * (scratch[lower + 1]! - lo);
}
