import { HostplanError } from '@hostplan/core';
import { interpolate7, quantileRank } from '@hostplan/core/internal';
import { orderStatistics, orderStatisticsScratch, type OrderStatisticsScratch } from '../stats/orderStatistics.js';
import { coarsenAligned, type AlignedSeries } from '../stats/rollup.js';
import { WasmMembers } from './wasmMembers.js';

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
 * The selection scratch of every call on this thread, made on first use: a WebAssembly instance
 * a call cost ~0.3 ms (5 ms of a bench run's 16 calls), and its memory, grown to the largest
 * call's values, is reused.
 */
let selectionScratch: OrderStatisticsScratch | null = null;

/** The members' passes in WebAssembly on this thread, made on first use (null without WebAssembly). */
let memberPasses: WasmMembers | null | undefined;

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
  const offsets = series.map((b) => (start - b.firstBucketMs) / bucketMs);
  const passes = (memberPasses === undefined ? (memberPasses = WasmMembers.create()) : memberPasses);
  const { n, sums, ranges, columns } = passes ? completeMembersWasm(passes, series, offsets, most) : completeMembers(series, offsets, most);
  if (n === 0) return none;
  const p = percentile / 100;
  // the selection's passes in WebAssembly where there is some (the values copied into its memory first)
  const scratch = (selectionScratch ??= orderStatisticsScratch(true));
  // the two ranks type 7 needs, selected rather than sorted (the same values a sort puts there)
  const at = (xs: Float64Array, range: { min: number; max: number }) => {
    const r = quantileRank(n, p);
    const into = scratch.wasm ? scratch.wasm.values(xs.length) : null;
    into?.set(xs);
    const [lo, hi] = orderStatistics(into ?? xs, [r.lower, r.upper], range, scratch);
    return interpolate7(lo!, hi!, r.fraction, r.lower === r.upper) + 0;
  };
  const sumOfPercentiles = columns.reduce((s, c, i) => s + at(c, ranges[i]!), 0);
  const percentileOfSum = at(sums, rangeOf(sums));
  return { members: ids, percentile, buckets: n, sumOfPercentiles, percentileOfSum, ratio: sumOfPercentiles === 0 ? null : percentileOfSum / sumOfPercentiles };
}

// The passes over members x buckets are column by column (each member's means in order, no
// division per value) in small monomorphic functions; the sums add the members in member order,
// as a row-by-row sum starting at 0 does, so they are the same doubles. They run once per
// report: one pass per member where there were three (the missing buckets, the sums, the
// range) took the benchmark log's three calls (40 members x 10,000 buckets) from 12.0 to 9.7 ms
// once compiled (best of 25).

/** The members' values at the buckets where every member has one (`n` of them), their ranges, and the sums of those buckets (member order). */
interface CompleteMembers {
  readonly n: number;
  readonly sums: Float64Array;
  readonly ranges: readonly { min: number; max: number }[];
  readonly columns: readonly Float64Array[];
}

/** {@link CompleteMembers} of members whose `most` buckets start at `offsets` in their means, by the JS passes. */
function completeMembers(series: readonly AlignedSeries[], offsets: readonly number[], most: number): CompleteMembers {
  // one pass per member: its missing buckets, its range and the sums, right when every bucket is complete (the usual case)
  const complete = new Uint8Array(most).fill(1);
  let sums = new Float64Array(most);
  let ranges = series.map((b, i) => scanMember(b.means, offsets[i]!, complete, sums));
  let n = 0;
  for (let j = 0; j < most; j++) n += complete[j]!;
  const columns = series.map((b, i) => completeValues(b.means, offsets[i]!, complete, n));
  if (n < most) {
    // some bucket lacks a member: the sums and ranges again, over the complete buckets only
    sums = new Float64Array(n);
    for (const c of columns) addInto(sums, c);
    ranges = columns.map(rangeOf);
  }
  return { n, sums, ranges, columns };
}

/** {@link completeMembers} by the WebAssembly passes (the same operations in the same order). */
function completeMembersWasm(passes: WasmMembers, series: readonly AlignedSeries[], offsets: readonly number[], most: number): CompleteMembers {
  passes.begin(most);
  let ranges = series.map((b, i) => passes.scan(b.means, offsets[i]!));
  const n = passes.completeCount();
  let columns: Float64Array[];
  if (n < most) {
    passes.restartSums(n);
    const kept = series.map((b, i) => passes.compact(b.means, offsets[i]!, n));
    columns = kept.map((k) => k.values);
    ranges = kept.map((k) => k.range);
  } else columns = series.map((b, i) => b.means.subarray(offsets[i]!, offsets[i]! + n));
  return { n, sums: passes.sums(n), ranges, columns };
}

/**
 * One pass over the member's means at buckets `offset + j`: clears `complete[j]` where it has
 * no value (NaN), adds each value into `sums[j]` (a NaN where a bucket is incomplete), and
 * returns the least and greatest of its values.
 */
function scanMember(means: Float64Array, offset: number, complete: Uint8Array, sums: Float64Array): { min: number; max: number } {
  const m = complete.length;
  let min = Infinity;
  let max = -Infinity;
  for (let j = 0; j < m; j++) {
    const v = means[offset + j]!;
    if (v !== v) complete[j] = 0;
    if (v < min) min = v;
    if (v > max) max = v;
    sums[j]! += v;
  }
  return { min, max };
}

/** The member's means at the complete buckets (`n` of them), in bucket order. */
function completeValues(means: Float64Array, offset: number, complete: Uint8Array, n: number): Float64Array {
  if (n === complete.length) return means.subarray(offset, offset + n);
  const out = new Float64Array(n);
  const m = complete.length;
  let k = 0;
  for (let j = 0; j < m; j++) if (complete[j] === 1) out[k++] = means[offset + j]!;
  return out;
}

/** The least and greatest of `values` (given to orderStatistics, whose own pass, inline in it, runs interpreted in these few cold calls). */
function rangeOf(values: Float64Array): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/** `sums[k] += values[k]` for every k. */
function addInto(sums: Float64Array, values: Float64Array): void {
  const n = sums.length;
  for (let k = 0; k < n; k++) sums[k]! += values[k]!;
}
