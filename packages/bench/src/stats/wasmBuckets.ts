import { BUCKET_PASSES_WASM } from './_internals/bucketPassesWasm.generated.js';
import { growMemory, wasmInstances, type WasmMemory } from '../wasmInstances.js';

/** What the compiled bucket passes (assembly/bucketPasses.ts) export. */
interface BucketPassesExports {
  readonly memory: WasmMemory;
  readonly countBuckets: (values: number, n: number, min: number, scale: number, counts: number) => void;
  readonly copyTargets: (values: number, n: number, min: number, scale: number, slot: number, pool: number, fill: number) => void;
}

/** A new instance of the bucket passes (about 500 bytes of module), or null without WebAssembly (`node --jitless`). */
const newPasses = wasmInstances<BucketPassesExports>(BUCKET_PASSES_WASM);

/**
 * The two passes of `orderStatistics` (count the values per bucket, copy the target buckets'
 * values) in WebAssembly (assembly/bucketPasses.ts, two values at a time with SIMD), about three
 * times as fast as the JS loops, over values read into this object's memory ({@link values}): the
 * same counts and copies, so the same order statistics. The memory holds, one after the other,
 * the values (from byte 0), the bucket counts, the buckets' segment numbers, the segments' fill
 * indices and the pool of copied values; it grows as a call needs (never shrinks: it goes with
 * this object) and growing detaches every view handed out before.
 *
 * @example
 * const w = WasmBuckets.create(); // null without WebAssembly
 * const into = w!.values(n); // read a series' n values into it, then orderStatistics(into, ranks, range, { ...scratch, wasm: w })
 */
export class WasmBuckets {
  private constructor(private readonly e: BucketPassesExports) {}

  /**
   * A new one with its own memory, or null without WebAssembly.
   *
   * @example
   * WasmBuckets.create()?.values(3) // => Float64Array [0, 0, 0] (or stale values), in wasm memory
   */
  static create(): WasmBuckets | null {
    const e = newPasses();
    return e === null ? null : new WasmBuckets(e);
  }

  /**
   * A view of the first `n` values of the memory, for a series to be read into and selected; the
   * memory is grown first for a selection's buckets too, so that one usually needs no growth.
   *
   * @example
   * const into = w.values(task.count); readTask(fd, task, into);
   */
  values(n: number): Float64Array {
    const buckets = bucketsFor(n);
    this.room(poolAt(n, buckets, 16) + 8 * (4096 + (n >>> 4)));
    return new Float64Array(this.e.memory.buffer, 0, n);
  }

  /**
   * Whether `values` is this memory's first values (a view {@link values} gave, still attached).
   *
   * @example
   * w.holds(w.values(10)) // => true
   */
  holds(values: Float64Array): boolean {
    return values.buffer === this.e.memory.buffer && values.byteOffset === 0;
  }

  /**
   * Counts the first `n` values of the memory per bucket `((v - min) * scale) | 0`, 0..buckets:
   * the counts, a view valid until the memory grows.
   *
   * @example
   * w.countBuckets(n, min, scale, buckets)[0] // => the values in bucket 0
   */
  countBuckets(n: number, min: number, scale: number, buckets: number): Int32Array {
    const at = countsAt(n);
    this.room(slotsAt(n, buckets) + 4 * (buckets + 1));
    const counts = new Int32Array(this.e.memory.buffer, at, buckets + 1).fill(0);
    this.e.countBuckets(0, n, min, scale, at);
    return counts;
  }

  /**
   * Each bucket's segment (-1: none), all -1 to start with: a view valid until the memory grows,
   * which {@link copyTargets} reads.
   *
   * @example
   * const slot = w.slots(n, buckets); slot[b] = 0; // bucket b's values go to segment 0
   */
  slots(n: number, buckets: number): Int32Array {
    return new Int32Array(this.e.memory.buffer, slotsAt(n, buckets), buckets + 1).fill(-1);
  }

  /**
   * Copies each of the first `n` values whose bucket has a segment ({@link slots}) to its
   * segment of a pool of `collected` values, segment t from `starts[t]` on: the pool.
   *
   * @example
   * const pool = w.copyTargets(n, min, scale, buckets, [0], counts[b]); // bucket b's values
   */
  copyTargets(n: number, min: number, scale: number, buckets: number, starts: readonly number[], collected: number): Float64Array {
    const fillAt = slotsAt(n, buckets) + 4 * (buckets + 1);
    const at = poolAt(n, buckets, starts.length);
    this.room(at + 8 * collected);
    const buffer = this.e.memory.buffer;
    new Int32Array(buffer, fillAt, starts.length).set(starts);
    this.e.copyTargets(0, n, min, scale, slotsAt(n, buckets), at, fillAt);
    return new Float64Array(buffer, at, collected);
  }

  /** Grows the memory to at least `bytes`. */
  private room(bytes: number): void {
    growMemory(this.e.memory, bytes);
  }
}

/**
 * orderStatistics' bucket count for `n` values: n / 64, at least 16 and at most 65,536.
 *
 * @example
 * bucketsFor(200_000) // => 3125
 */
export function bucketsFor(n: number): number {
  return Math.max(16, Math.min(65_536, n >>> 6));
}

/** Where the counts start, after `n` values. */
function countsAt(n: number): number {
  return 8 * n;
}

/** Where the buckets' segment numbers start. */
function slotsAt(n: number, buckets: number): number {
  return countsAt(n) + 4 * (buckets + 1);
}

/** Where the pool starts, after the fill indices of `segments` segments (8-byte aligned). */
function poolAt(n: number, buckets: number, segments: number): number {
  return (slotsAt(n, buckets) + 4 * (buckets + 1) + 4 * segments + 7) & ~7;
}
