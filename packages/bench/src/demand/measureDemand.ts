import type { Assumption } from '@hostplan/core';
import { translateCounterName } from '../readers/counterNames.js';
import { seriesStatistics } from '../stats/seriesStatistics.js';
import type { SampleSource, StatsOptions, StatsResult } from '../stats/types.js';
import { DEFAULT_COUNTER_MAP, type CounterMap } from './counterMap.js';
import { DEMAND_OBJECT, type CounterTranslator, type DemandGroup } from './demandSource.js';
import { demandSource } from './demandWrap.js';
import { captureSpans, measureHosts, type HostMeasurement } from './hostMeasurements.js';
import { demandAssumptions, resolveDemandOptions, type DemandOptions } from './options.js';
import { measureVms, type VmMeasurement } from './vmMeasurements.js';
import { inventoryEntityResolver } from './entityResolver.js';

/** Options of {@link measureDemand}. */
export interface MeasureDemandOptions extends DemandOptions {
  /** Statistics options (the demand percentile is added to `percentiles`). @defaultValue `{}` (every {@link StatsOptions} default) */
  readonly stats?: StatsOptions;
  /** @defaultValue DEFAULT_COUNTER_MAP */
  readonly map?: CounterMap;
  /** Localised -> English counter names. @defaultValue translateCounterName (the readers' en/es/ru table) */
  readonly translate?: CounterTranslator;
}

/** Everything measured: raw and derived series statistics, VM demand, host figures, assumptions. */
export interface DemandResult {
  readonly stats: StatsResult;
  readonly groups: readonly DemandGroup[];
  readonly vms: readonly VmMeasurement[];
  readonly hosts: readonly HostMeasurement[];
  readonly assumptions: readonly Assumption[];
}

/** The readers' table, as a translator (English and unknown names pass through). */
export const translateWithReaderTable: CounterTranslator = (object, counter) => {
  const t = translateCounterName(object, counter);
  return t ? { object: t.object, counter: t.counter } : null;
};

/**
 * From a replayable source of perf counters to per-VM demand and per-host figures: derives one
 * series per (resource, host, entity) through the counter map, computes exact statistics of
 * every raw and derived series (one pass, more only beyond the memory budget), then sizes each
 * VM at the percentile x comfort factor and measures each host.
 *
 * @example
 * const r = await measureDemand((sink) => readPerfFile('hv01.csv', sink), { clockGHz: 2.93, comfortFactor: 1.3 });
 * placeVms(r.vms.flatMap((v) => (v.vm ? [v.vm] : [])), hosts, policy);
 */
export async function measureDemand(source: SampleSource, options: MeasureDemandOptions = {}): Promise<DemandResult> {
  const o = resolveDemandOptions(options);
  // with a VM inventory, counters keyed by VHD path (storage devices) join their VM
  const resolveEntity = options.inventory?.length ? inventoryEntityResolver(options.inventory.map((v) => v.id)) : undefined;
  const d = demandSource(source, options.map ?? DEFAULT_COUNTER_MAP, options.translate ?? translateWithReaderTable, resolveEntity);
  const userAlign = options.stats?.align;
  const statsOptions: StatsOptions = {
    ...options.stats,
    percentiles: [...(options.stats?.percentiles ?? []), o.percentile],
    align: (key) => key.object === DEMAND_OBJECT || (userAlign ? userAlign(key) : false),
    ...(o.useRollup && options.stats?.rollupMs == null && { rollupMs: 600_000 }),
    canonicalKey: options.stats?.canonicalKey ?? ((key) => ({ ...key, ...(options.translate ?? translateWithReaderTable)(key.object, key.counter) })),
  };
  const stats = await seriesStatistics(d.source, statsOptions);
  const groups = d.groups();
  const spans = captureSpans(stats.series);
  // perfmon upper-cases host names (\\HV01\...): show the inventory's spelling where --hosts names the host
  const spelling = new Map(o.hosts.map((h) => [h.id.toLowerCase(), h.id]));
  const spell = <T extends { readonly host: string }>(x: T): T => ({ ...x, host: spelling.get(x.host.toLowerCase()) ?? x.host });
  const measured = measureVms(stats.series, groups, o, spans);
  const vms = measured.map(spell);
  const hosts = measureHosts(stats.series, groups, measured, o).map(spell);
  const joined = d.diskPathsJoined();
  const resolution = resolveEntity
    ? [{ name: 'demand.entityResolution', value: 'a counter instance that is not an inventory VM joins the inventory VM whose id it contains as a whole token (longest id first), e.g. a storage device D:-VMs-web-01-web-01.vhd joins web-01', source: 'hostplan', isDefault: true }]
    : joined > 0
      ? [{ name: 'demand.entityResolution', value: `no inventory: ${joined} virtual disk path${joined === 1 ? '' : 's'} joined the VM whose name (from the log's virtual processor, memory or network counters) the path holds as a whole token (longest name first), e.g. a storage device D:-VMs-web-01-web-01.vhd joins web-01; give --vms to use the inventory's names`, source: 'hostplan', isDefault: true }]
      : [];
  return { stats, groups, vms, hosts, assumptions: [...stats.assumptions, ...demandAssumptions(options), ...resolution] };
}
