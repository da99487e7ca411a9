import type { StatsCollector } from '../collector.js';
import { BLOCK_VALUES, RECORD_ROWS } from './protocol.js';

/**
 * Feeds the records of one shared block (`length` values of slot `slot`, protocol.ts) to
 * `collector`, in order: ROWS records as {@link StatsCollector.rowsAt} (whole row matrices
 * folded where they lie, no copy), SAMPLE records as {@link StatsCollector.sample}. What a
 * statistics worker does with each block it is posted, and the calling thread's own shard
 * with each block it posts.
 *
 * @example
 * replayBlock(collector, blocks, message.slot, message.length);
 */
export function replayBlock(collector: StatsCollector, blocks: Float64Array, slot: number, length: number): void {
  const base = slot * BLOCK_VALUES;
  const end = base + length;
  for (let at = base; at < end;) {
    if (blocks[at] === RECORD_ROWS) {
      const width = blocks[at + 1]!;
      const rows = blocks[at + 2]!;
      collector.rowsAt(blocks, at + 4, at + 4 + rows, rows, width);
      at += 4 + rows * (width + 1);
    } else {
      collector.sample(blocks[at + 1]!, blocks[at + 2]!, blocks[at + 3]!);
      at += 4;
    }
  }
}
