import type { SampleSource } from '../stats/types.js';
import type { CounterMap } from './counterMap.js';
import { DemandSink, type CounterTranslator, type DemandGroup } from './demandSource.js';
import type { EntityResolver } from './entityResolver.js';

/**
 * Wraps a replayable source so that every replay also streams the derived demand series.
 * `groups()` describes them after the first call.
 *
 * @example
 * const d = demandSource((sink) => readPerfFile('hv.csv', sink), DEFAULT_COUNTER_MAP);
 * const stats = await seriesStatistics(d.source);
 * d.groups() // => the derived series and their indices in stats.series
 */
export function demandSource(source: SampleSource, map: CounterMap, translate?: CounterTranslator, resolveEntity?: EntityResolver): {
  /** The wrapped source: streams the input series, then the derived demand series after them. */
  source: SampleSource;
  /** The derived demand series of the latest run (index, resource, host, entity, member series); empty before the first. */
  groups: () => DemandGroup[];
  /** Disk paths of the latest run that joined a VM named by the log's other counters (no inventory given). */
  diskPathsJoined: () => number;
} {
  let last: DemandSink | null = null;
  return {
    source: async (sink) => {
      const d = new DemandSink(sink, map, translate, resolveEntity);
      await source(d);
      d.finish();
      last = d;
    },
    groups: () => (last as DemandSink | null)?.groups() ?? [],
    diskPathsJoined: () => (last as DemandSink | null)?.diskPathsJoined ?? 0,
  };
}
