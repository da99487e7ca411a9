// AssemblyScript: the two passes of src/stats/orderStatistics.ts (countBuckets, copyTargets) over
// values in this module's memory. Compiled by `npm run wasm` (scripts/wasm.mjs) into
// src/stats/_internals/bucketPassesWasm.generated.ts (base64), run by src/stats/wasmBuckets.ts.
// The same operations as the JS loops, in the same order: a bucket is `(v - min) * scale`
// truncated toward zero (i32.trunc_sat_f64_s, or i32x4.trunc_sat_f64x2_s_zero for two values at a
// time; JS's `| 0` gives the same integer for every value in 0..buckets, the only ones a value of
// the range can give), so the counts and the copied values are the JS passes' exactly. Nothing is
// allocated: every pointer is the caller's, into this module's memory (laid out by wasmBuckets.ts).

/** Adds the `n` values at `values` (f64) per bucket into the i32 `counts` (one per bucket 0..buckets). */
export function countBuckets(values: usize, n: i32, min: f64, scale: f64, counts: usize): void {
  // two values at a time: their buckets computed with SIMD (i32x4.trunc_sat_f64x2_s_zero truncates
  // each lane as i32.trunc_sat_f64_s does), then counted one after the other
  const vmin = f64x2.splat(min);
  const vscale = f64x2.splat(scale);
  const pairs = values + (<usize>(n >> 1) << 4);
  let p = values;
  for (; p < pairs; p += 16) {
    const b = i32x4.trunc_sat_f64x2_s_zero(f64x2.mul(f64x2.sub(v128.load(p), vmin), vscale));
    const a0 = counts + (<usize>i32x4.extract_lane(b, 0) << 2);
    store<i32>(a0, load<i32>(a0) + 1);
    const a1 = counts + (<usize>i32x4.extract_lane(b, 1) << 2);
    store<i32>(a1, load<i32>(a1) + 1);
  }
  if (n & 1) {
    const at = counts + (<usize>(<i32>((load<f64>(p) - min) * scale)) << 2);
    store<i32>(at, load<i32>(at) + 1);
  }
}

/**
 * Copies each of the `n` values at `values` whose bucket has a segment (the i32 `slot` of its
 * bucket >= 0) to that segment of the f64 `pool`, at the segment's next free index (the i32
 * `fill` of the segment, advanced), in the order of `values`.
 */
export function copyTargets(values: usize, n: i32, min: f64, scale: f64, slot: usize, pool: usize, fill: usize): void {
  // two values at a time, as countBuckets: most pairs have no segment and are passed over at once
  const vmin = f64x2.splat(min);
  const vscale = f64x2.splat(scale);
  const pairs = values + (<usize>(n >> 1) << 4);
  let p = values;
  for (; p < pairs; p += 16) {
    const x = v128.load(p);
    const b = i32x4.trunc_sat_f64x2_s_zero(f64x2.mul(f64x2.sub(x, vmin), vscale));
    const t0 = load<i32>(slot + (<usize>i32x4.extract_lane(b, 0) << 2));
    const t1 = load<i32>(slot + (<usize>i32x4.extract_lane(b, 1) << 2));
    if ((t0 & t1) < 0) continue; // both -1
    if (t0 >= 0) copyTo(f64x2.extract_lane(x, 0), t0, pool, fill);
    if (t1 >= 0) copyTo(f64x2.extract_lane(x, 1), t1, pool, fill);
  }
  if (n & 1) {
    const v = load<f64>(p);
    const t = load<i32>(slot + (<usize>(<i32>((v - min) * scale)) << 2));
    if (t >= 0) copyTo(v, t, pool, fill);
  }
}

/** Appends `v` to segment `t` of `pool` (at the segment's `fill` index, advanced). */
@inline
function copyTo(v: f64, t: i32, pool: usize, fill: usize): void {
  const at = fill + (<usize>t << 2);
  const f = load<i32>(at);
  store<f64>(pool + (<usize>f << 3), v);
  store<i32>(at, f + 1);
}

// peakCoincidence's passes over its members' aligned means (src/demand/coincidence.ts, driven by
// src/demand/wasmMembers.ts): the JS loops' operations in their order, so the same sums, ranges
// and kept values. A mean is NaN where the member has no value in that bucket.

/**
 * One member's `m` means at `means` (f64): clears the byte at `complete + j` where mean j is NaN,
 * adds mean j into the f64 at `sums + 8j`, and stores at `range` and `range + 8` the least and
 * greatest mean as `if (v < min) min = v; if (v > max) max = v;` from Infinity and -Infinity
 * finds them (NaN passed over, the first of two equal values kept).
 */
export function scanMember(means: usize, m: i32, complete: usize, sums: usize, range: usize): void {
  let min = Infinity;
  let max = -Infinity;
  for (let j: usize = 0; j < <usize>m; j++) {
    const v = load<f64>(means + (j << 3));
    if (v != v) store<u8>(complete + j, 0);
    min = select<f64>(v, min, v < min);
    max = select<f64>(v, max, v > max);
    const s = sums + (j << 3);
    store<f64>(s, load<f64>(s) + v);
  }
  store<f64>(range, min);
  store<f64>(range, max, 8);
}

/**
 * One member's means at the complete buckets (the byte at `complete + j` is not 0), in order: copied
 * to `into` (f64) and added into the f64 `sums` (one per complete bucket), their least and greatest
 * stored at `range` as {@link scanMember} finds them.
 */
export function compactMember(means: usize, m: i32, complete: usize, into: usize, sums: usize, range: usize): void {
  let min = Infinity;
  let max = -Infinity;
  let k: usize = 0;
  for (let j: usize = 0; j < <usize>m; j++) {
    if (load<u8>(complete + j) == 0) continue;
    const v = load<f64>(means + (j << 3));
    store<f64>(into + (k << 3), v);
    const s = sums + (k << 3);
    store<f64>(s, load<f64>(s) + v);
    min = select<f64>(v, min, v < min);
    max = select<f64>(v, max, v > max);
    k++;
  }
  store<f64>(range, min);
  store<f64>(range, max, 8);
}
