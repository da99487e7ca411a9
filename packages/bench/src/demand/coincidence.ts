import { HostplanError } from '@hostplan/core';
import { interpolate7, quantileRank } from '@hostplan/core/internal';
import { orderStatistics } from '../stats/orderStatistics.js';
import { coarsenAligned, type AlignedSeries } from '../stats/rollup.js';

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
 * Peak coincidence (HP Capacity Advisor's point, domain.md section 6): lines the members'
 * aligned series up by bucket start, keeps the buckets where every member has a value, and
 * compares the type-7 percentile of the summed series with the sum of the members'
 * percentiles over the same buckets. Values are bucket means (see `StatsOptions.alignMs`);
 * members on different bucket lengths (a long capture coarsens) are re-bucketed to the longest. O(buckets x members).
 *
 * @example
 * // two VMs busy at different times: A = 4, 0; B = 0, 4 cores
 * peakCoincidence([{ id: 'A', buckets: { firstBucketMs: 0, bucketMs: 300_000, means: Float64Array.of(4, 0) } },
 *                  { id: 'B', buckets: { firstBucketMs: 0, bucketMs: 300_000, means: Float64Array.of(0, 4) } }], 100)
 * // => { sumOfPercentiles: 8, percentileOfSum: 4, ratio: 0.5, buckets: 2, ... }
 */
export function peakCoincidence(members: readonly { readonly id: string; readonly buckets: AlignedSeries }[], percentile: number): PeakCoincidence {
  const ids = members.map((m) => m.id);
  const none = { members: ids, percentile, buckets: 0, sumOfPercentiles: null, percentileOfSum: null, ratio: null };
  if (members.length === 0) return none;
  // a long capture may have coarsened some series: bring all to the longest bucket (exact, count-weighted)
  const bucketMs = Math.max(...members.map((m) => m.buckets.bucketMs));
  if (members.some((m) => bucketMs % m.buckets.bucketMs !== 0)) throw new HostplanError('invalid-value', 'members', 'expected bucket lengths that divide each other', String(bucketMs), members.map((m) => m.buckets.bucketMs));
  const series = members.map((m) => coarsenAligned(m.buckets, bucketMs));
  const start = Math.max(...series.map((b) => b.firstBucketMs));
  const end = Math.min(...series.map((b) => b.firstBucketMs + b.means.length * bucketMs));
  // the buckets where every member has a value: each member's values, and their sums (member order)
  const most = Math.max(0, Math.ceil((end - start) / bucketMs));
  const columns = members.map(() => new Float64Array(most));
  const sums = new Float64Array(most);
  let n = 0;
  for (let t = start; t < end; t += bucketMs) {
    let sum = 0;
    let complete = true;
    for (let i = 0; i < series.length; i++) {
      const b = series[i]!;
      const x = b.means[(t - b.firstBucketMs) / bucketMs]!;
      if (Number.isNaN(x)) {
        complete = false;
        break;
      }
      columns[i]![n] = x;
      sum += x;
    }
    if (complete) sums[n++] = sum;
  }
  if (n === 0) return none;
  const p = percentile / 100;
  // the two ranks type 7 needs, selected rather than sorted (the same values a sort puts there)
  const at = (xs: Float64Array) => {
    const r = quantileRank(n, p);
    const [lo, hi] = orderStatistics(xs.slice(0, n), [r.lower, r.upper]);
    return interpolate7(lo!, hi!, r.fraction, r.lower === r.upper) + 0;
  };
  const sumOfPercentiles = columns.reduce((s, c) => s + at(c), 0);
  const percentileOfSum = at(sums);
  return { members: ids, percentile, buckets: n, sumOfPercentiles, percentileOfSum, ratio: sumOfPercentiles === 0 ? null : percentileOfSum / sumOfPercentiles };
}
