import { quantileSorted7 } from '../stats/quantile.js';

/** Percentile of the summed series against the sum of each member's percentile. */
export interface PeakCoincidence {
  readonly members: readonly string[];
  readonly percentile: number;
  /** Aligned buckets where every member has data (both figures use only these). */
  readonly buckets: number;
  /** Sum over members of each one's own percentile: what sizing each VM alone reserves. */
  readonly sumOfPercentiles: number | null;
  /** The percentile of the sum at each bucket: what the shared host sees. */
  readonly percentileOfSum: number | null;
  /** percentileOfSum / sumOfPercentiles, <= 1 when peaks do not coincide (null if the sum is 0). */
  readonly ratio: number | null;
}

/**
 * Peak coincidence (HP Capacity Advisor's point, domain.md section 6): aligns the members'
 * bucketed series by bucket start, keeps the buckets where all members have a value, and
 * compares the type-7 percentile of the summed series with the sum of the members'
 * percentiles over the same buckets. Values are bucket means (see `StatsOptions.alignMs`).
 * O(buckets x members + buckets log buckets).
 *
 * @example
 * // two VMs busy at different times: A = 4, 0; B = 0, 4 cores
 * peakCoincidence([{ id: 'A', buckets: [{ bucketMs: 0, mean: 4 }, { bucketMs: 1, mean: 0 }] },
 *                  { id: 'B', buckets: [{ bucketMs: 0, mean: 0 }, { bucketMs: 1, mean: 4 }] }], 100)
 * // => { sumOfPercentiles: 8, percentileOfSum: 4, ratio: 0.5, buckets: 2, ... }
 */
export function peakCoincidence(
  members: readonly { readonly id: string; readonly buckets: readonly { readonly bucketMs: number; readonly mean: number }[] }[],
  percentile: number,
): PeakCoincidence {
  const maps = members.map((m) => new Map(m.buckets.map((b) => [b.bucketMs, b.mean])));
  const common = members.length === 0 ? [] : [...maps[0]!.keys()].filter((b) => maps.every((m) => m.has(b))).sort((a, b) => a - b);
  const ids = members.map((m) => m.id);
  if (common.length === 0) return { members: ids, percentile, buckets: 0, sumOfPercentiles: null, percentileOfSum: null, ratio: null };
  const p = percentile / 100;
  const sorted = (xs: number[]) => Float64Array.from(xs).sort();
  const sumOfPercentiles = maps.reduce((s, m) => s + quantileSorted7(sorted(common.map((b) => m.get(b)!)), p), 0);
  const percentileOfSum = quantileSorted7(sorted(common.map((b) => maps.reduce((s, m) => s + m.get(b)!, 0))), p);
  return { members: ids, percentile, buckets: common.length, sumOfPercentiles, percentileOfSum, ratio: sumOfPercentiles === 0 ? null : percentileOfSum / sumOfPercentiles };
}
