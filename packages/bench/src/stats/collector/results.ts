import type { ResolvedStatsOptions } from '../options.js';
import type { OrderStatisticRequest } from '../selectOrderStatistics.js';
import type { ThresholdAlert } from '../thresholds.js';
import type { SeriesStats } from '../types.js';
import type { KeptValues } from './keptValues.js';
import type { MirrorBook } from './mirrors.js';
import { ranksOf, seriesResult, type PercentileSource } from './seriesResult.js';
import type { SeriesState } from './seriesState.js';

/**
 * The order statistics a replay must find for every series of `states` with values (the
 * collector's values were dropped): each one's ranks of the reported percentiles.
 *
 * @example
 * pendingRanksOf(collectorStates, options) // => [{ series: 0, rank: 49, count: 100, min: 1, max: 100 }, ...]
 */
export function pendingRanksOf(states: readonly (SeriesState | undefined)[], o: ResolvedStatsOptions): OrderStatisticRequest[] {
  const out: OrderStatisticRequest[] = [];
  for (const s of states) {
    if (s === undefined) continue;
    const m = s.moments.summary();
    if (m.count === 0) continue;
    for (const rank of ranksOf(o.percentiles, m.count)) out.push({ series: s.index, rank, count: m.count, min: m.min, max: m.max });
  }
  return out;
}

/**
 * Closes the threshold runs and builds the statistics of every series of `states` (folded and
 * derived), their percentiles from the kept values, `exact` (by `series:rank`) or the sketch.
 *
 * @example
 * const { series, alerts } = collectResults(states, options, kept, book, null);
 */
export function collectResults(states: readonly (SeriesState | undefined)[], o: ResolvedStatsOptions, kept: KeptValues, book: MirrorBook, exact: ReadonlyMap<string, number> | null): { series: SeriesStats[]; alerts: ThresholdAlert[] } {
  const alerts: ThresholdAlert[] = [];
  const series: SeriesStats[] = [];
  // the mirrors' values in memory, taken before their source's are released with its result
  const mirrored = new Map<SeriesState, Float64Array>();
  const percentileSource = (s: SeriesState): PercentileSource => {
    if (!kept.dropped && !kept.spillFile) {
      const mirror = s.mirror;
      if (mirror === null) return { method: 'in-memory', kept: kept.gather(s) };
      return { method: 'in-memory', kept: mirrored.get(s) ?? book.mapped(s, kept.gather(mirror.source)) };
    }
    if (exact) return { method: kept.spillFile ? 'spilled' : 'two-pass', exact };
    return { method: 'sketch' };
  };
  for (const s of states) {
    if (s === undefined) continue;
    for (const th of s.thresholds) {
      th.finish();
      alerts.push(...th.alerts);
    }
    const from = percentileSource(s);
    if (from.method === 'in-memory') for (const x of s.mirroredBy) mirrored.set(x, book.mapped(x, from.kept));
    series.push(seriesResult(s, o, from));
  }
  return { series, alerts };
}
