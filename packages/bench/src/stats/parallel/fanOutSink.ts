import type { Worker } from 'node:worker_threads';
import type { ReadIssue, SeriesKey, SeriesSink } from '../../series/types.js';
import type { ResolvedStatsOptions } from '../options.js';
import type { StatsCollector } from '../collector.js';
import { seriesLoad, type ShardPlan } from './shardPlan.js';
import { replayBlock } from './replayBlock.js';
import { BLOCK_VALUES, FAILED, RECORD_ROWS, RECORD_SAMPLE, SLOTS, type ToWorker } from './protocol.js';

/** How long one wait for a free block lasts before the failure flag is looked at again, ms. */
const WAIT_MS = 1000;

/**
 * The calling thread's side of a parallel run: a {@link SeriesSink} that writes every call into
 * blocks of shared memory, in order, and posts each full block to every worker. Series keys
 * go as messages with the option functions' answers (functions cannot cross threads). Issues
 * stay here. When every block is still being read, the stream waits (Atomics.wait) until one
 * is free: memory stays at SLOTS blocks however fast the source is. Each series goes to the shard
 * `plan` gives it (told to the workers with its announcement). With a `local` collector (the
 * calling thread's shard, `StatsOptions.callingThreadShare`) every call also goes to it: each
 * block right after it is posted (folded where it lies, as a worker folds it: no copy of the
 * rows of its own), announcements and rows too wide for a block directly.
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
  /** The open ROWS record: its position (-1: none), width, rows written and room for rows. */
  private rowsAt = -1;
  private rowsWidth = 0;
  private rowsCount = 0;
  private rowsCapacity = 0;

  constructor(
    private readonly workers: readonly Worker[],
    blocks: SharedArrayBuffer,
    control: SharedArrayBuffer,
    private readonly o: ResolvedStatsOptions,
    private readonly plan: ShardPlan,
    private readonly local: StatsCollector | null = null,
  ) {
    this.blocks = new Float64Array(blocks);
    this.control = new Int32Array(control);
  }

  series(index: number, key: SeriesKey): void {
    this.flush();
    const aligned = this.o.align ? this.o.align(key) : false;
    const shard = this.plan.shardOf(index, seriesLoad(key, this.o, !this.plan.follows(index), aligned));
    const message: ToWorker = { type: 'series', index, key, aligned, canonical: this.o.canonicalKey(key), shard };
    for (const w of this.workers) w.postMessage(message);
    this.local?.series(index, key);
  }

  mirrors(index: number, sourceIndex: number, scale: number, offset: number): void {
    this.flush();
    this.plan.hint(index, sourceIndex); // it goes where its source went
    const message: ToWorker = { type: 'mirrors', index, sourceIndex, scale, offset };
    for (const w of this.workers) w.postMessage(message);
    this.local?.mirrors(index, sourceIndex, scale, offset);
  }

  /** A declared series (`SeriesSink.declares`): the workers derive its values from the rows. */
  declares(index: number, sourceIndex: number, scale: number, offset: number): void {
    this.flush();
    this.plan.hint(index, sourceIndex); // it goes where its source went
    const message: ToWorker = { type: 'declares', index, sourceIndex, scale, offset };
    for (const w of this.workers) w.postMessage(message);
    this.local?.declares(index, sourceIndex, scale, offset);
  }

  revokes(index: number): void {
    this.flush();
    const message: ToWorker = { type: 'revokes', index };
    for (const w of this.workers) w.postMessage(message);
    this.local?.revokes(index);
  }

  sample(index: number, t: number, v: number): void {
    this.closeRows();
    const at = this.room(4);
    const b = this.blocks;
    b[at] = RECORD_SAMPLE;
    b[at + 1] = index;
    b[at + 2] = t;
    b[at + 3] = v;
  }

  row(t: number, values: Float64Array, count: number): void {
    if (count + 5 > BLOCK_VALUES) {
      this.flush();
      this.local?.row(t, values, count);
      const message: ToWorker = { type: 'row', timestampMs: t, values: values.slice(0, count) };
      for (const w of this.workers) w.postMessage(message);
      return;
    }
    if (this.rowsAt < 0 || count !== this.rowsWidth || this.rowsCount === this.rowsCapacity) this.openRows(count);
    const b = this.blocks;
    const at = this.rowsAt;
    const r = this.rowsCount++;
    b[at + 4 + r] = t;
    const into = at + 4 + this.rowsCapacity + r * count;
    if (values.length === count) b.set(values, into);
    else for (let i = 0; i < count; i++) b[into + i] = values[i]!;
  }

  /** Starts a ROWS record of `width` with room for as many rows as the block has left (at least one). */
  private openRows(width: number): void {
    this.closeRows();
    let free = this.slot < 0 ? 0 : this.base + BLOCK_VALUES - this.at;
    if (free < 5 + width) free = BLOCK_VALUES; // a new block
    const capacity = Math.floor((free - 4) / (width + 1));
    const at = this.room(4 + capacity * (width + 1));
    this.rowsAt = at;
    this.rowsWidth = width;
    this.rowsCount = 0;
    this.rowsCapacity = capacity;
  }

  /** Ends the open ROWS record: its header says how many rows it holds, and the values move up to right after their times. */
  private closeRows(): void {
    const at = this.rowsAt;
    if (at < 0) return;
    this.rowsAt = -1;
    const b = this.blocks;
    const rows = this.rowsCount;
    const width = this.rowsWidth;
    b[at] = RECORD_ROWS;
    b[at + 1] = width;
    b[at + 2] = rows;
    b[at + 3] = rows; // room for times, after compaction
    const values = at + 4 + this.rowsCapacity;
    if (rows < this.rowsCapacity) b.copyWithin(at + 4 + rows, values, values + rows * width);
    this.at = at + 4 + rows * (width + 1);
  }

  issue(issue: ReadIssue): void {
    this.issues.push(issue);
  }

  /** Posts the block being filled, if any, to every worker. */
  flush(): void {
    this.closeRows();
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
    // the calling thread's shard folds the block as a worker does, while the workers do (the slot is not reused before this returns)
    if (this.local !== null) replayBlock(this.local, this.blocks, slot, length);
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
