import type { ReadIssue, SeriesKey } from '../../series/types.js';
import type { ThresholdAlert } from '../thresholds.js';
import type { SeriesStats, StatsOptions } from '../types.js';
import type { SpillHandOver } from '../collector/spillSelection.js';

/**
 * How the calling thread and the statistics workers of a parallel run talk. The stream of
 * sink calls goes into blocks of shared memory (no copy per worker): records `ROWS width
 * rowCount t0..t(rowCount-1) values (rowCount x width, row after row)` for consecutive rows of
 * one width, and `SAMPLE index t v`, in call order; a block is posted to every worker,
 * each counts down the block's slot when done with it, and the stream waits for a free slot
 * (Atomics.wait) so memory stays at `SLOTS` blocks. Series announcements are messages between
 * blocks, in order.
 */
export const RECORD_ROWS = 1;
export const RECORD_SAMPLE = 2;
/** Doubles per block (1 MiB): fewer, larger blocks halve the time the parsing thread spends posting them (profiled: 0.54 s -> 0.24 s of postMessage at 256 KiB -> 1 MiB). */
export const BLOCK_VALUES = 1 << 17;
/** Blocks in flight: 8 MiB, so the parsing thread may run about 4,000 rows of 250 series ahead of the slowest worker and neither waits on the other's turn on a busy machine. */
export const SLOTS = 8;
/** Index, in the control array after the slot counters, of the flag a failing worker raises. */
export const FAILED = SLOTS;

/** What a worker computes: its run's first message (`setup`). */
export interface WorkerSetup {
  /** The statistics options without functions (align and canonicalKey answer per series instead). */
  readonly options: Omit<StatsOptions, 'align' | 'canonicalKey'>;
  /** This worker keeps the series whose `series` message names shard `shard` (the calling thread's `ShardPlan`). */
  readonly shard: number;
  /** SLOTS blocks of BLOCK_VALUES doubles. */
  readonly blocks: SharedArrayBuffer;
  /** Int32 per slot: workers still reading it; then the FAILED flag. */
  readonly control: SharedArrayBuffer;
}

/** From the calling thread to a worker, in stream order. */
export type ToWorker =
  /** The run, first (a worker may have started before it: warmStart.ts). */
  | { readonly type: 'setup'; readonly setup: WorkerSetup }
  /** A series; `aligned` and `canonical` are the option functions' answers for it, `shard` the shard that computes it. */
  | { readonly type: 'series'; readonly index: number; readonly key: SeriesKey; readonly aligned: boolean; readonly canonical: SeriesKey; readonly shard: number }
  /** A mirror hint for the series `index` announced next (`SeriesSink.mirrors`). */
  | { readonly type: 'mirrors'; readonly index: number; readonly sourceIndex: number; readonly scale: number; readonly offset: number }
  /** The series `index` announced next is declared, not sent (`SeriesSink.declares`). */
  | { readonly type: 'declares'; readonly index: number; readonly sourceIndex: number; readonly scale: number; readonly offset: number }
  /** The declaration of series `index` ends (`SeriesSink.revokes`). */
  | { readonly type: 'revokes'; readonly index: number }
  | { readonly type: 'block'; readonly slot: number; readonly length: number }
  /** A row too wide for a block. */
  | { readonly type: 'row'; readonly timestampMs: number; readonly values: Float64Array }
  /** The stream ended: answer `ranks` (sharing the spill file's series with the calling thread) and `alerts`, then select from the spill file. */
  | { readonly type: 'end' }
  /**
   * Build the results with the order statistics a replay selected (by `series:rank`), if any,
   * and those the calling thread `selected` of the series this worker handed over.
   */
  | { readonly type: 'finish'; readonly exact: ReadonlyMap<string, number> | null; readonly selected: ReadonlyMap<string, number> | null };

/** From a worker. */
export type FromWorker =
  /**
   * The order statistics this shard needs from a replay (none when it kept or spilled every
   * value); with a spill file, the series both this worker and the calling thread select from
   * it meanwhile, each claiming the next (`handOver`, sent before this worker selects).
   */
  | { readonly type: 'ranks'; readonly pending: readonly { series: number; rank: number; count: number; min: number; max: number }[]; readonly spilled: boolean; readonly handOver: SpillHandOver | null }
  /** This shard's threshold alerts, series by series: sent right after `ranks` (they do not wait for the percentiles). */
  | { readonly type: 'alerts'; readonly alerts: ThresholdAlert[] }
  | { readonly type: 'results'; readonly series: SeriesStats[]; readonly issues: ReadIssue[] }
  | { readonly type: 'error'; readonly message: string; readonly stack?: string };

