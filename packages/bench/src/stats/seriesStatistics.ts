import { StatsCollector } from './collector.js';
import { resolveStatsOptions, statsAssumptions } from './options.js';
import { selectOrderStatistics } from './selectOrderStatistics.js';
import { parallelSeriesStatistics } from './parallel/pool.js';
import type { SampleSource, StatsOptions, StatsResult } from './types.js';

/**
 * Per-series statistics of everything a source streams: count, missing, min, max, mean,
 * population standard deviation, type-7 percentiles (50/90/95/99 and any asked), sustained
 * peak over a rolling window, time over thresholds with alerts, and optionally the Azure
 * Migrate roll-up, daily peaks, aligned buckets and a mergeable sketch.
 *
 * Exact by default, reading the source once. While all values fit `memoryBudgetBytes` they
 * are kept and selected in memory (`method: 'in-memory'`). Beyond it they go to a temporary
 * file in `spillDirectory` (8 bytes a value, removed when done) that is read back one series
 * at a time (`method: 'spilled'`). Without a spill file (`spillDirectory: false`, or the
 * file system refused it: an issue says so) the first pass keeps only streaming state and the
 * needed ranks are selected exactly by replaying the source (`method: 'two-pass'`, `passes`
 * says how many calls were made); with `replay: false` as well they come from the sketch
 * (`method: 'sketch'`, `exact: false`). Memory grows with the number of series, not samples,
 * beyond the budget. With `threads` > 1 the statistics run on `threads - 1` worker threads,
 * each for its share of the series, while the source streams on the calling thread: the same
 * results.
 *
 * @example
 * const stats = await seriesStatistics((sink) => readPerfFile('host.csv', sink));
 * stats.series[0].p95 // => 42.7
 */
export async function seriesStatistics(source: SampleSource, options: StatsOptions = {}): Promise<StatsResult> {
  const o = resolveStatsOptions(options);
  if (o.threads > 1) return parallelSeriesStatistics(source, options, o.threads - 1);
  const collector = new StatsCollector(o);
  try {
    await source(collector);
    let passes = 1;
    let exact = await collector.selectSpilled();
    const pending = exact ? [] : collector.pendingRanks();
    if (pending.length > 0 && o.replay) {
      const selected = await selectOrderStatistics(source, pending, Math.floor(o.memoryBudgetBytes / 8));
      passes += selected.passes;
      exact = new Map(pending.map((r, i) => [`${r.series}:${r.rank}`, selected.values[i]!]));
    }
    const { series, alerts } = collector.finish(exact);
    return { series, alerts, issues: collector.issues, passes, assumptions: statsAssumptions(options) };
  } finally {
    collector.close();
  }
}
