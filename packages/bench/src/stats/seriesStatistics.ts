import { StatsCollector } from './collector.js';
import { resolveStatsOptions, statsAssumptions } from './options.js';
import { selectOrderStatistics } from './selectOrderStatistics.js';
import type { SampleSource, StatsOptions, StatsResult } from './types.js';

/**
 * Per-series statistics of everything a source streams: count, missing, min, max, mean,
 * population standard deviation, type-7 percentiles (50/90/95/99 and any asked), sustained
 * peak over a rolling window, time over thresholds with alerts, and optionally the Azure
 * Migrate roll-up, daily peaks, aligned buckets and a mergeable sketch.
 *
 * Exact by default. While all values fit `memoryBudgetBytes` they are kept and sorted
 * (`method: 'in-memory'`, one pass). Beyond it the first pass keeps only streaming state, and
 * the needed ranks are selected exactly by replaying the source (`method: 'two-pass'`,
 * `passes` says how many calls were made). With `replay: false` the over-budget percentiles
 * come from the sketch (`method: 'sketch'`, `exact: false`). Memory grows with the number of
 * series, not samples, beyond the budget.
 *
 * @example
 * const stats = await seriesStatistics((sink) => readPerfFile('host.csv', sink));
 * stats.series[0].p95 // => 42.7
 */
export async function seriesStatistics(source: SampleSource, options: StatsOptions = {}): Promise<StatsResult> {
  const o = resolveStatsOptions(options);
  const collector = new StatsCollector(o);
  await source(collector);
  let passes = 1;
  let exact: Map<string, number> | null = null;
  const pending = collector.pendingRanks();
  if (pending.length > 0 && o.replay) {
    const selected = await selectOrderStatistics(source, pending, Math.floor(o.memoryBudgetBytes / 8));
    passes += selected.passes;
    exact = new Map(pending.map((r, i) => [`${r.series}:${r.rank}`, selected.values[i]!]));
  }
  const { series, alerts } = collector.finish(exact);
  return { series, alerts, issues: collector.issues, passes, assumptions: statsAssumptions(options) };
}
