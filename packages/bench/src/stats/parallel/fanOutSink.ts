import type { Worker } from 'node:worker_threads';
import type { ReadIssue, SeriesKey, SeriesSink } from '../../series/types.js';
import type { ResolvedStatsOptions } from '../options.js';
import { BLOCK_VALUES, FAILED, RECORD_ROW, RECORD_SAMPLE, SLOTS, type ToWorker } from './protocol.js';

/** How long one wait for a free block lasts before the failure flag is looked at again, ms. */
const WAIT_MS = 1000;

/**
 * The calling thread's side of a parallel run: a {@link SeriesSink} that writes every call into
 * blocks of shared memory, in order, and posts each full block to every worker. Series keys
 * go as messages with the option functions' answers (functions cannot cross threads). Issues
 * stay here. When every block is still being read, the stream waits (Atomics.wait) until one
 * is free: memory stays at SLOTS blocks however fast the source is.
 */
export class FanOutSink implements SeriesSink {
  readonly issues: ReadIssue[] = [];
  private readonly blocks: Float64Array;
  private readonly control: Int32Array;
  /** The slot being filled, or -1; its first value and the next free position. */
  private slot = -1;
  private base = 0;
  private at = 0;
  private nextSlot = 0;

  constructor(
    private readonly workers: readonly Worker[],
    blocks: SharedArrayBuffer,
    control: SharedArrayBuffer,
    private readonly o: ResolvedStatsOptions,
  ) {
    this.blocks = new Float64Array(blocks);
    this.control = new Int32Array(control);
  }

  series(index: number, key: SeriesKey): void {
    this.flush();
    const message: ToWorker = { type: 'series', index, key, aligned: this.o.align ? this.o.align(key) : false, canonical: this.o.canonicalKey(key) };
    for (const w of this.workers) w.postMessage(message);
  }

  sample(index: number, t: number, v: number): void {
    const at = this.room(4);
    const b = this.blocks;
    b[at] = RECORD_SAMPLE;
    b[at + 1] = index;
    b[at + 2] = t;
    b[at + 3] = v;
  }

  row(t: number, values: Float64Array, count: number): void {
    if (count + 3 > BLOCK_VALUES) {
      this.flush();
      const message: ToWorker = { type: 'row', timestampMs: t, values: values.slice(0, count) };
      for (const w of this.workers) w.postMessage(message);
      return;
    }
    const at = this.room(count + 3);
    const b = this.blocks;
    b[at] = RECORD_ROW;
    b[at + 1] = t;
    b[at + 2] = count;
    if (values.length === count) b.set(values, at + 3);
    else b.set(values.subarray(0, count), at + 3);
  }

  issue(issue: ReadIssue): void {
    this.issues.push(issue);
  }

  /** Posts the block being filled, if any, to every worker. */
  flush(): void {
    if (this.slot < 0) return;
    const length = this.at - this.base;
    const slot = this.slot;
    this.slot = -1;
    if (length === 0) {
      Atomics.store(this.control, slot, 0);
      return;
    }
    const message: ToWorker = { type: 'block', slot, length };
    for (const w of this.workers) w.postMessage(message);
  }

  /** The position of `n` free values in the current block, after posting it and taking the next free one when it is full. */
  private room(n: number): number {
    if (this.slot >= 0 && this.at + n <= this.base + BLOCK_VALUES) {
      const at = this.at;
      this.at = at + n;
      return at;
    }
    this.flush();
    const slot = this.nextSlot;
    this.nextSlot = (slot + 1) % SLOTS;
    this.waitFree(slot);
    Atomics.store(this.control, slot, this.workers.length);
    this.slot = slot;
    this.base = slot * BLOCK_VALUES;
    this.at = this.base + n;
    return this.base;
  }

  /** Blocks until no worker still reads `slot`; throws when a worker failed. */
  private waitFree(slot: number): void {
    const control = this.control;
    for (;;) {
      if (Atomics.load(control, FAILED) !== 0) throw new Error('a statistics worker failed');
      const readers = Atomics.load(control, slot);
      if (readers === 0) return;
      Atomics.wait(control, slot, readers, WAIT_MS);
    }
  }
}
