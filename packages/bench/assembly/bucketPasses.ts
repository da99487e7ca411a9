// AssemblyScript: the two passes of src/stats/orderStatistics.ts (countBuckets, copyTargets) over
// values in this module's memory. Compiled by `npm run wasm` (scripts/wasm.mjs) into
// src/stats/_internals/bucketPassesWasm.generated.ts (base64), run by src/stats/wasmBuckets.ts.
// The same operations as the JS loops, in the same order: a bucket is `(v - min) * scale`
// truncated toward zero (i32.trunc_sat_f64_s; JS's `| 0` gives the same integer for every value
// in 0..buckets, the only ones a value of the range can give), so the counts and the copied
// values are the JS passes' exactly. Nothing is allocated: every pointer is the caller's, into this
// module's memory (laid out by wasmBuckets.ts).

/** Adds the `n` values at `values` (f64) per bucket into the i32 `counts` (one per bucket 0..buckets). */
export function countBuckets(values: usize, n: i32, min: f64, scale: f64, counts: usize): void {
  const end = values + (<usize>n << 3);
  for (let p = values; p < end; p += 8) {
    const at = counts + (<usize>(<i32>((load<f64>(p) - min) * scale)) << 2);
    store<i32>(at, load<i32>(at) + 1);
  }
}

/**
 * Copies each of the `n` values at `values` whose bucket has a segment (the i32 `slot` of its
 * bucket >= 0) to that segment of the f64 `pool`, at the segment's next free index (the i32
 * `fill` of the segment, advanced).
 */
export function copyTargets(values: usize, n: i32, min: f64, scale: f64, slot: usize, pool: usize, fill: usize): void {
  const end = values + (<usize>n << 3);
  for (let p = values; p < end; p += 8) {
    const v = load<f64>(p);
    const t = load<i32>(slot + (<usize>(<i32>((v - min) * scale)) << 2));
    if (t >= 0) {
      const at = fill + (<usize>t << 2);
      const f = load<i32>(at);
      store<f64>(pool + (<usize>f << 3), v);
      store<i32>(at, f + 1);
    }
  }
}
