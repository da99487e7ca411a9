import { BUCKET_PASSES_WASM } from '../stats/_internals/bucketPassesWasm.generated.js';
import { growMemory, wasmInstances, type WasmMemory } from '../wasmInstances.js';

/** What the compiled passes (assembly/bucketPasses.ts) export for the members. */
interface MemberPassesExports {
  readonly memory: WasmMemory;
  readonly scanMember: (means: number, m: number, complete: number, sums: number, range: number) => void;
  readonly compactMember: (means: number, m: number, complete: number, into: number, sums: number, range: number) => void;
}

/** A new instance of the bucket passes' module, with its own memory, or null without WebAssembly. */
const newPasses = wasmInstances<MemberPassesExports>(BUCKET_PASSES_WASM);

/**
 * peakCoincidence's passes over its members' means in WebAssembly (assembly/bucketPasses.ts
 * scanMember, compactMember): the JS loops' operations in their order, so the same sums, ranges
 * and values, without running a few million iterations of JS code once at the end of a run (where
 * it is still cold). The memory holds, for a grid of `m` buckets: a member's means (copied in),
 * the sums, the compacted values, the range (2 doubles) and the complete flags (a byte a bucket).
 *
 * @example
 * const w = WasmMembers.create()!; // null without WebAssembly
 * w.begin(3);
 * w.scan(Float64Array.of(1, NaN, 3), 0) // => { min: 1, max: 3 }; w.completeCount() => 2
 */
export class WasmMembers {
  private m = 0;
  private constructor(private readonly e: MemberPassesExports) {}

  /**
   * A new one with its own memory, or null without WebAssembly.
   *
   * @example
   * WasmMembers.create() // => a WasmMembers, or null under node --jitless
   */
  static create(): WasmMembers | null {
    const e = newPasses();
    return e === null ? null : new WasmMembers(e);
  }

  /**
   * Starts a grid of `m` buckets: the sums at 0, every bucket complete.
   *
   * @example
   * w.begin(10_000);
   */
  begin(m: number): void {
    this.m = m;
    growMemory(this.e.memory, this.completeAt() + m);
    const buffer = this.e.memory.buffer;
    new Float64Array(buffer, this.sumsAt(), m).fill(0);
    new Uint8Array(buffer, this.completeAt(), m).fill(1);
  }

  /**
   * A member's means at buckets `offset .. offset + m`: NaN ones mark their bucket incomplete,
   * each is added into the sums; returns their least and greatest (NaN passed over).
   *
   * @example
   * w.begin(2); w.scan(Float64Array.of(4, 0), 0) // => { min: 0, max: 4 }
   */
  scan(means: Float64Array, offset: number): { min: number; max: number } {
    const m = this.m;
    const buffer = this.e.memory.buffer;
    new Float64Array(buffer, 0, m).set(means.subarray(offset, offset + m));
    this.e.scanMember(0, m, this.completeAt(), this.sumsAt(), this.rangeAt());
    const range = new Float64Array(buffer, this.rangeAt(), 2);
    return { min: range[0]!, max: range[1]! };
  }

  /**
   * The buckets every member scanned so far has a value in.
   *
   * @example
   * w.begin(2); w.scan(Float64Array.of(NaN, 1), 0); w.completeCount() // => 1
   */
  completeCount(): number {
    const complete = new Uint8Array(this.e.memory.buffer, this.completeAt(), this.m);
    let n = 0;
    for (let j = 0; j < complete.length; j++) n += complete[j]!;
    return n;
  }

  /**
   * The sums of the first `n` buckets (a copy).
   *
   * @example
   * w.begin(2); w.scan(Float64Array.of(1, 2), 0); w.scan(Float64Array.of(3, 4), 0); w.sums(2) // => Float64Array [4, 6]
   */
  sums(n: number): Float64Array {
    return new Float64Array(this.e.memory.buffer, this.sumsAt(), n).slice();
  }

  /**
   * Starts the sums over the `n` complete buckets only: at 0, for {@link compact}.
   *
   * @example
   * w.restartSums(w.completeCount());
   */
  restartSums(n: number): void {
    new Float64Array(this.e.memory.buffer, this.sumsAt(), n).fill(0);
  }

  /**
   * A member's means at its complete buckets (those {@link completeCount} counts), in bucket order
   * (a new array of `n`), each added into the sums; with their least and greatest.
   *
   * @example
   * w.begin(2); w.scan(Float64Array.of(NaN, 1), 0); w.restartSums(1); w.compact(Float64Array.of(5, 7), 0, 1) // => { values: Float64Array [7], range: { min: 7, max: 7 } }
   */
  compact(means: Float64Array, offset: number, n: number): { values: Float64Array; range: { min: number; max: number } } {
    const m = this.m;
    const buffer = this.e.memory.buffer;
    new Float64Array(buffer, 0, m).set(means.subarray(offset, offset + m));
    this.e.compactMember(0, m, this.completeAt(), this.intoAt(), this.sumsAt(), this.rangeAt());
    const range = new Float64Array(buffer, this.rangeAt(), 2);
    return { values: new Float64Array(buffer, this.intoAt(), n).slice(), range: { min: range[0]!, max: range[1]! } };
  }

  private sumsAt(): number {
    return 8 * this.m;
  }

  private intoAt(): number {
    return 16 * this.m;
  }

  private rangeAt(): number {
    return 24 * this.m;
  }

  private completeAt(): number {
    return 24 * this.m + 16;
  }
}
