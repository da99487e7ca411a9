import { selectRanks } from '@hostplan/core/internal';
import { bucketsFor, WasmBuckets } from './wasmBuckets.js';

/**
 * The values a full ascending sort of `values` would put at each of `ranks` (0-based), without
 * sorting or reordering `values`. Exact: a first pass counts the values per bucket of
 * `floor((v - min) x scale)` (monotone in v, so bucket order is value order), the buckets
 * holding the ranks follow from the running counts, a second pass copies only those buckets'
 * values and they are sorted. Both passes are branch-light, which beats a quickselect (whose
 * comparisons the processor cannot predict) by several times on real counters. When a target
 * bucket is large (many equal or clustered values) its values are selected instead of sorted;
 * when the range cannot be scaled (infinite or subnormal width) it falls back to
 * {@link selectRanks} on a copy. `values` must be finite (no NaN); a rank outside 0..n-1 gives
 * NaN. `range`, when the caller knows the exact min and max (the moments do), saves a pass.
 * Memory: about n / 64 buckets (at most 65,536) plus the copied values; with `scratch`, the
 * bucket arrays are reused from call to call (a thread selecting series after series). When
 * `values` are the first values of `scratch.wasm`'s memory ({@link WasmBuckets.values}), the two
 * passes run in WebAssembly there (the same counts and copies).
 *
 * @example
 * orderStatistics(Float64Array.of(5, 1, 4, 2, 3), [0, 2, 4]) // => Float64Array [1, 3, 5]
 */
export function orderStatistics(values: Float64Array, ranks: readonly number[], range?: { readonly min: number; readonly max: number }, scratch?: OrderStatisticsScratch): Float64Array {
  // one element kind whoever built `ranks` (see validRanks)
  const wantedRanks = Float64Array.from(ranks);
  const out = new Float64Array(wantedRanks.length).fill(NaN);
  const valid = validRanks(wantedRanks, values.length);
  if (valid.length === 0) return out;
  const found = range ? selectValid(values, valid, range.min, range.max, scratch) : selectValid(values, valid, minOf(values), maxOf(values), scratch);
  for (let i = 0; i < wantedRanks.length; i++) {
    const at = valid.indexOf(wantedRanks[i]!);
    if (at >= 0) out[i] = found[at]!;
  }
  return out;
}

// orderStatistics is a few small functions rather than one: each thread optimizes it while it
// selects its series at the end of a run, on a core the other thread needs too, and one function
// with every path inlined took TurboFan ~40 ms a compile, three compiles a run (--trace-opt).

/** The values at the sorted, distinct, in-range ranks `valid` of `values`, whose least and greatest are `min` and `max`. */
function selectValid(values: Float64Array, valid: readonly number[], min: number, max: number, scratch?: OrderStatisticsScratch): Float64Array {
  // n / 64 buckets: their counts (4 bytes each) stay in the level-1 cache up to 500,000 values,
  // where n / 16 spilled to level 2 from 130,000 on; the target buckets, about 64 values each, sort as fast
  const buckets = bucketsFor(values.length);
  const scale = buckets / (max - min);
  if (min === max) return new Float64Array(valid.length).fill(min);
  if (!(scale > 0 && Number.isFinite(scale) && Number.isFinite(max - min))) return selectByCopy(values, valid);
  return selectInBuckets(values, valid, min, scale, buckets, scratch);
}

/** {@link selectValid} where the range cannot be scaled: {@link selectRanks} on a copy. */
function selectByCopy(values: Float64Array, valid: readonly number[]): Float64Array {
  const copy = values.slice();
  selectRanks(copy, valid);
  return Float64Array.from(valid, (k) => copy[k]!);
}

/**
 * {@link selectValid} by buckets `((v - min) * scale) | 0` (0..buckets): counted, the buckets
 * holding the ranks found from the running counts, only their values copied (a segment each)
 * and sorted, or selected in a large one.
 */
function selectInBuckets(values: Float64Array, valid: readonly number[], min: number, scale: number, buckets: number, scratch?: OrderStatisticsScratch): Float64Array {
  const n = values.length;
  const wasm = scratch?.wasm?.holds(values) ? scratch.wasm : null;
  let counts: Int32Array;
  if (wasm) counts = wasm.countBuckets(n, min, scale, buckets);
  else countBuckets(values, min, scale, (counts = scratch ? scratchOf(scratch, 'counts', buckets + 1, 0) : new Int32Array(buckets + 1)));
  // the bucket of each rank (its segment), and how many values lie below it
  const slot = wasm ? wasm.slots(n, buckets) : scratch ? scratchOf(scratch, 'slot', buckets + 1, -1) : new Int32Array(buckets + 1).fill(-1);
  const segments = targetSegments(counts, slot, valid);
  // (the wasm copy may grow its memory: `values`, `counts` and `slot` are not read after it)
  const pool = wasm ? wasm.copyTargets(n, min, scale, buckets, segments.starts, segments.collected) : new Float64Array(segments.collected);
  if (!wasm) copyTargets(values, min, scale, slot, pool, Int32Array.from(segments.starts));
  const found = new Float64Array(valid.length);
  for (let t = 0; t < segments.starts.length; t++) {
    const start = segments.starts[t]!;
    const below = segments.belows[t]!;
    const segment = pool.subarray(start, start + segments.sizes[t]!);
    const wanted: number[] = [];
    for (let r = 0; r < valid.length; r++) if (segments.targetOf[r] === t) wanted.push(valid[r]! - below);
    if (segment.length <= 4096) segment.sort();
    else selectRanks(segment, wanted);
    for (let r = 0; r < valid.length; r++) if (segments.targetOf[r] === t) found[r] = segment[valid[r]! - below]!;
  }
  return found;
}

/** The segments of the buckets holding the ranks `valid`: each bucket's start in the pool, the values below it and its size, numbered in `slot`; each rank's segment. */
function targetSegments(counts: Int32Array, slot: Int32Array, valid: readonly number[]): { starts: number[]; belows: number[]; sizes: number[]; targetOf: Int32Array; collected: number } {
  const targetOf = new Int32Array(valid.length);
  const starts: number[] = [];
  const belows: number[] = [];
  const sizes: number[] = [];
  let cum = 0;
  let b = 0;
  let collected = 0;
  for (let r = 0; r < valid.length; r++) {
    const k = valid[r]!;
    b = bucketOfRank(counts, k, b, cum);
    cum = bucketBelow;
    if (slot[b] === -1) {
      slot[b] = starts.length;
      starts.push(collected);
      belows.push(cum);
      sizes.push(counts[b]!);
      collected += counts[b]!;
    }
    targetOf[r] = slot[b]!;
  }
  return { starts, belows, sizes, targetOf, collected };
}

/** Values below the bucket {@link bucketOfRank} returned last (a second result without an allocation). */
let bucketBelow = 0;

/** The bucket holding rank `k`, walking up from bucket `b` with `cum` values below it; sets {@link bucketBelow}. */
function bucketOfRank(counts: Int32Array, k: number, b: number, cum: number): number {
  while (cum + counts[b]! <= k) cum += counts[b++]!;
  bucketBelow = cum;
  return b;
}

/** The least of `values` (finite). */
function minOf(values: Float64Array): number {
  let min = Infinity;
  for (let i = 0; i < values.length; i++) if (values[i]! < min) min = values[i]!;
  return min;
}

/** The greatest of `values` (finite). */
function maxOf(values: Float64Array): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  return max;
}

// `ranks` arrive as arrays of small integers built on this thread and as arrays copied from
// another (postMessage): two element kinds. Array builtins (filter, forEach) inlined for one
// were left at the other by a deoptimization on every call (95 in a benchmark run, each
// finishing the call interpreted); plain indexed loops over them still were (126 "wrong map"
// deoptimizations on the calling thread, which selects both its own series and the worker's),
// so orderStatistics copies them once into a Float64Array (Float64Array.from takes either kind).

/** The ranks in 0..n-1, ascending, without repeats. */
function validRanks(ranks: Float64Array, n: number): number[] {
  const valid: number[] = [];
  for (let i = 0; i < ranks.length; i++) {
    const k = ranks[i]!;
    if (Number.isInteger(k) && k >= 0 && k < n) valid.push(k + 0);
  }
  valid.sort((a, b) => a - b);
  let kept = 0;
  for (let i = 0; i < valid.length; i++) if (kept === 0 || valid[i] !== valid[kept - 1]) valid[kept++] = valid[i]!;
  valid.length = kept;
  return valid;
}

// The two passes over every value live in functions of their own: small and monomorphic, they
// are optimized after a few calls and stay so, where the same loops inside orderStatistics were
// compiled on stack replacement and thrown away again at its later, colder lines (about 40
// deoptimizations over a worker's series, the loops meanwhile interpreted, boxing each double).

/** Adds the values per bucket `((v - min) * scale) | 0` into `counts` (zeros, one per bucket 0..buckets). */
function countBuckets(values: Float64Array, min: number, scale: number, counts: Int32Array): void {
  const n = values.length;
  for (let i = 0; i < n; i++) counts[((values[i]! - min) * scale) | 0]!++;
}

/** Bucket arrays {@link orderStatistics} reuses from call to call instead of allocating them anew. */
export interface OrderStatisticsScratch {
  counts: Int32Array;
  slot: Int32Array;
  /** The WebAssembly passes, for values read into their memory ({@link WasmBuckets.values}); null: the JS passes only. */
  wasm?: WasmBuckets | null;
}

/**
 * An empty scratch for {@link orderStatistics}: its arrays grow to the largest call's. With
 * `wasm`, it has WebAssembly bucket passes (where there is WebAssembly), whose memory the caller
 * reads values into ({@link WasmBuckets.values}).
 *
 * @example
 * const scratch = orderStatisticsScratch();
 * for (const s of series) orderStatistics(s.values, s.ranks, s.range, scratch);
 */
export function orderStatisticsScratch(wasm = false): OrderStatisticsScratch {
  return { counts: new Int32Array(0), slot: new Int32Array(0), wasm: wasm ? WasmBuckets.create() : null };
}

/** The first `length` entries of a scratch array (grown when shorter), all set to `fill`. */
function scratchOf(scratch: OrderStatisticsScratch, which: 'counts' | 'slot', length: number, fill: number): Int32Array {
  if (scratch[which].length < length) scratch[which] = new Int32Array(length);
  return scratch[which].subarray(0, length).fill(fill);
}

/** Copies each value whose bucket has a segment (`slot` >= 0) to that segment of `pool`, from `fill[segment]` on. */
function copyTargets(values: Float64Array, min: number, scale: number, slot: Int32Array, pool: Float64Array, fill: Int32Array): void {
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const t = slot[((v - min) * scale) | 0]!;
    if (t >= 0) pool[fill[t]!++] = v;
  }
}
