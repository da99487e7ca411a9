import { captureSpans, DEMAND_OBJECT, seriesConfidence, type DemandResult, type SeriesStats } from '@hostplan/bench';
import type { ReportInput, RightsizingFinding } from '@hostplan/report';

const UNITS: Readonly<Record<string, string>> = {
  'host.cpuPercent': '%', 'host.availableMemoryMB': 'MB', 'host.iops': 'IOPS', 'host.networkMbps': 'Mbps', 'host.networkBandwidthMbps': 'Mbps',
  'vm.cpuCores': 'cores', 'vm.cpuGHz': 'GHz', 'vm.vcpus': 'vCPUs', 'vm.memoryMB': 'MB', 'vm.memoryAllocatedMB': 'MB', 'vm.iops': 'IOPS', 'vm.networkMbps': 'Mbps',
};

/**
 * The display unit of a derived demand series, or '' when unknown.
 *
 * @example
 * demandUnit('vm.cpuGHz') // => 'GHz'
 * demandUnit('host.cpuPercent') // => '%'
 */
export function demandUnit(resource: string): string {
  return UNITS[resource] ?? '';
}

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The caveat of a CPU cut when the VM's daily CPU peaks grow: the day the trend line reaches the
 * suggested vCPUs and the day it reaches the current ones (both x the target utilisation the
 * trend was measured against), so that the report never advises a cut without saying the VM is
 * growing; '' when the peaks do not grow.
 */
function growthCaveat(v: DemandResult['vms'][number]): string {
  const g = v.growth;
  const cpu = v.oversized.cpu;
  if (!g || !cpu || g.slopePerDay === null || g.intercept === null || !(g.slopePerDay > 0) || g.crossesAtMs === null || !(cpu.allocatedVcpus > 0)) return '';
  // g.target = allocated vCPUs x target utilisation; the trend starts at day 0 of the daily peaks
  const perVcpu = g.target / cpu.allocatedVcpus;
  const firstMs = g.crossesAtMs - ((g.target - g.intercept) / g.slopePerDay) * DAY;
  const reaches = (cores: number) => day(firstMs + ((cores - g.intercept!) / g.slopePerDay!) * DAY);
  return `; but its daily CPU peaks grow ${g.slopePerDay.toPrecision(2)} a day over ${g.days} days: at that trend it outgrows ${cpu.suggestedVcpus} vCPU${cpu.suggestedVcpus === 1 ? '' : 's'} on ${reaches(cpu.suggestedVcpus * perVcpu)} and its current ${cpu.allocatedVcpus} on ${reaches(g.target)}`;
}

/**
 * The derived demand series of a result in the order their groups were met (`r.groups`): the
 * order of the log's counters, whatever their series numbers (groups of one member are
 * numbered last).
 *
 * @example
 * derivedSeries(await measureDemand((sink) => readPerfFile('data/perf/hv01.csv', sink)))[0].path // => 'HV01/HV01/host.cpuPercent'
 */
export function derivedSeries(r: DemandResult): SeriesStats[] {
  const byIndex = new Map(r.stats.series.map((s) => [s.index, s]));
  return r.groups.flatMap((g) => {
    const s = byIndex.get(g.index);
    return s && s.object === DEMAND_OBJECT ? [s] : [];
  });
}

/**
 * The report's measurements and right-sizing sections from bench's `measureDemand` result:
 * a summary with coverage and confidence per derived series, sum-of-peaks versus peak-of-sum per
 * host, the threshold alerts, and idle and oversized VMs with suggested sizes.
 *
 * @example
 * const r = await measureDemand((sink) => readPerfFile('data/perf/hv01.csv', sink));
 * renderHtmlReport({ ...reportInputFromDemand(r), assumptions: r.assumptions })
 */
export function reportInputFromDemand(r: DemandResult): Required<Pick<ReportInput, 'measurements' | 'rightsizing'>> {
  const derived = derivedSeries(r);
  const spans = captureSpans(r.stats.series);
  const summaries = derived.map((s) => {
    const span = spans.get(s.host);
    const c = seriesConfidence(s, span?.startMs ?? null, span?.endMs ?? null);
    const opt = (k: string, v: number | null) => (v === null ? {} : { [k]: v });
    return { name: s.path, unit: demandUnit(s.counter), count: s.count, coverage: c.percent / 100, confidenceStars: c.stars, ...opt('mean', s.mean), ...opt('p50', s.p50), ...opt('p95', s.p95), ...opt('p99', s.p99), ...opt('max', s.max) };
  });
  const peakCoincidence = r.hosts.flatMap((h) => Object.entries(h.coincidence).flatMap(([res, c]) =>
    c && c.sumOfPercentiles !== null && c.percentileOfSum !== null ? [{ host: h.host, unit: `${demandUnit(`vm.${res}`) || res} (p${c.percentile})`, sumOfPeaks: c.sumOfPercentiles, peakOfSum: c.percentileOfSum }] : []));
  const alerts = r.stats.alerts.map((a) => ({ severity: a.severity, subject: a.path, message: a.message }));
  const rightsizing = r.vms.flatMap((v): RightsizingFinding[] => {
    const current = { ...(v.oversized.cpu && { vcpus: v.oversized.cpu.allocatedVcpus }), ...(v.oversized.memory && { memoryMB: v.oversized.memory.allocatedGB * 1024 }) };
    if (v.idle.idle) return [{ vm: v.id, kind: 'idle', current, suggested: {}, evidence: v.idle.reason }];
    if (v.oversized.oversized) {
      const suggested = { ...(v.oversized.cpu && { vcpus: v.oversized.cpu.suggestedVcpus }), ...(v.oversized.memory && { memoryMB: v.oversized.memory.suggestedGB * 1024 }) };
      return [{ vm: v.id, kind: 'oversized', current, suggested, evidence: v.oversized.reason + growthCaveat(v) }];
    }
    return [];
  });
  return { measurements: { summaries, peakCoincidence, alerts }, rightsizing };
}
