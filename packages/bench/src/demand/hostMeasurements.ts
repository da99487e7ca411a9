import type { Host, Nic } from '@hostplan/core';
import type { SeriesStats } from '../stats/types.js';
import type { Confidence } from './confidence.js';
import { peakCoincidence, type PeakCoincidence } from './coincidence.js';
import type { DemandGroup } from './demandSource.js';
import { figuresOf, seriesConfidence, type MeasuredFigures } from './figures.js';
import { growthTrend, type GrowthTrend } from './growth.js';
import type { ResolvedDemandOptions } from './options.js';
import type { VmMeasurement } from './vmMeasurements.js';

/** What the measurements say about one host. */
export interface HostMeasurement {
  readonly host: string;
  /** First and last timestamp over all the host's series (the capture span). */
  readonly startMs: number | null;
  readonly endMs: number | null;
  readonly cpuPercent: MeasuredFigures | null;
  readonly availableMemoryMB: MeasuredFigures | null;
  readonly iops: MeasuredFigures | null;
  readonly networkMbps: MeasuredFigures | null;
  readonly networkBandwidthMbps: MeasuredFigures | null;
  /** Sustained network peak / the highest reported bandwidth (the tuning guide calls 90 % a bottleneck). */
  readonly networkUtilization: number | null;
  /**
   * The highest sustained (window-mean) throughput measured: when the capture was a load test
   * that saturated the host, this can replace the nominal capacity (`applyMeasuredCapacity`).
   */
  readonly measuredMax: { readonly iops: number | null; readonly networkMbps: number | null; readonly cpuPercent: number | null };
  readonly confidence: Confidence | null;
  readonly vms: readonly string[];
  /** For the VMs measured on this host: percentile of the summed series vs sum of percentiles. */
  readonly coincidence: { readonly cpuCores: PeakCoincidence | null; readonly memoryMB: PeakCoincidence | null; readonly iops: PeakCoincidence | null; readonly networkMbps: PeakCoincidence | null };
  /** Daily CPU peaks against 100 % x target utilisation. */
  readonly growth: GrowthTrend | null;
  /** Findings that need two series (e.g. NIC traffic against its bandwidth), with their figures. */
  readonly warnings: readonly string[];
}

/** The tuning guide's NIC bottleneck: traffic at 90 % of the link speed. */
export const NIC_BOTTLENECK_SHARE = 0.9;

/**
 * Per-host figures from the derived `host.*` series, the peak coincidence of the VMs measured
 * on it, its capture span and the CPU growth trend. O(hosts + VMs x buckets).
 *
 * @example
 * measureHosts(stats.series, groups, vms, options)[0].measuredMax.iops // => 1840 (highest 5-minute mean)
 */
export function measureHosts(series: readonly SeriesStats[], groups: readonly DemandGroup[], vms: readonly VmMeasurement[], o: ResolvedDemandOptions): HostMeasurement[] {
  const byIndex = new Map(series.map((s) => [s.index, s]));
  const spans = captureSpans(series);
  // hosts with host counters, or with VMs named otherwise than the host (a one-VM-per-file trace names each VM as its host)
  const names = [...new Set(groups.filter((g) => g.resource.startsWith('host.') || g.entity !== g.host).map((g) => g.host))];
  // first group of each (host, resource) and (host, entity, resource): one pass, not a search per VM
  const hostGroup = new Map<string, DemandGroup>();
  const entityGroup = new Map<string, DemandGroup>();
  for (const g of groups) {
    const hk = `${g.host}\u0000${g.resource}`;
    if (!hostGroup.has(hk)) hostGroup.set(hk, g);
    const ek = `${g.host}\u0000${g.entity}\u0000${g.resource}`;
    if (!entityGroup.has(ek)) entityGroup.set(ek, g);
  }
  const vmsByHost = new Map<string, VmMeasurement[]>();
  for (const v of vms) {
    const list = vmsByHost.get(v.host);
    if (list) list.push(v);
    else vmsByHost.set(v.host, [v]);
  }
  return names.map((host) => {
    const stat = (r: string) => {
      const g = hostGroup.get(`${host}\u0000${r}`);
      return g ? byIndex.get(g.index) ?? null : null;
    };
    const fig = (r: string) => {
      const s = stat(r);
      return s ? figuresOf(s, o.percentile, o.useRollup) : null;
    };
    const cpu = fig('host.cpuPercent');
    const net = fig('host.networkMbps');
    const bw = fig('host.networkBandwidthMbps');
    const span = spans.get(host) ?? null;
    const primary = stat('host.cpuPercent') ?? stat('host.availableMemoryMB');
    const onHost = vmsByHost.get(host) ?? [];
    const coincide = (r: string) => {
      const members = onHost.flatMap((v) => {
        const g = entityGroup.get(`${host}\u0000${v.entity}\u0000${r}`);
        const s = g ? byIndex.get(g.index) : undefined;
        return s?.buckets ? [{ id: v.id, buckets: s.buckets }] : [];
      });
      return members.length >= 2 ? peakCoincidence(members, o.percentile) : null;
    };
    const cpuStats = stat('host.cpuPercent');
    const networkUtilization = net?.sustainedPeak != null && bw?.max ? net.sustainedPeak / bw.max : null;
    const warnings = networkUtilization !== null && networkUtilization >= NIC_BOTTLENECK_SHARE
      ? [`network sustained peak ${Math.round(net!.sustainedPeak!)} Mbps is ${Math.round(networkUtilization * 100)} % of the ${Math.round(bw!.max!)} Mbps reported bandwidth (tuning guide: a NIC at 90 % of its speed is a bottleneck)`]
      : [];
    return {
      host,
      startMs: span?.startMs ?? null,
      endMs: span?.endMs ?? null,
      cpuPercent: cpu,
      availableMemoryMB: fig('host.availableMemoryMB'),
      iops: fig('host.iops'),
      networkMbps: net,
      networkBandwidthMbps: bw,
      networkUtilization,
      measuredMax: { iops: fig('host.iops')?.sustainedPeak ?? null, networkMbps: net?.sustainedPeak ?? null, cpuPercent: cpu?.sustainedPeak ?? null },
      confidence: primary ? seriesConfidence(primary, span?.startMs ?? null, span?.endMs ?? null) : null,
      vms: onHost.map((v) => v.id),
      coincidence: { cpuCores: coincide('vm.cpuCores'), memoryMB: coincide('vm.memoryMB'), iops: coincide('vm.iops'), networkMbps: coincide('vm.networkMbps') },
      growth: cpuStats?.dailyPeaks ? growthTrend(cpuStats.dailyPeaks, 100 * o.targetUtilization) : null,
      warnings,
    };
  });
}

/**
 * First and last timestamp per host over all its series: the span a capture covered, against
 * which each series' expected sample count is measured. O(series).
 *
 * @example
 * captureSpans(stats.series).get('HV1') // => { startMs: 1700000000000, endMs: 1700086385000 }
 */
export function captureSpans(series: readonly SeriesStats[]): Map<string, { startMs: number; endMs: number }> {
  const spans = new Map<string, { startMs: number; endMs: number }>();
  for (const s of series) {
    if (s.firstMs === null || s.lastMs === null) continue;
    const span = spans.get(s.host);
    if (!span) spans.set(s.host, { startMs: s.firstMs, endMs: s.lastMs });
    else {
      span.startMs = Math.min(span.startMs, s.firstMs);
      span.endMs = Math.max(span.endMs, s.lastMs);
    }
  }
  return spans;
}

/**
 * A copy of `host` whose storage IOPS and guest network bandwidth are the measured maximum
 * sustained throughput instead of the nominal figures (for a capture that saturated the
 * host). Null measurements leave the nominal figure. Guest NIC ports are replaced by one
 * guest port of the measured speed; other roles are kept. O(NICs).
 *
 * @example
 * applyMeasuredCapacity(host, { iops: 1840, networkMbps: 940 }).storage.iops // => 1840
 */
export function applyMeasuredCapacity(host: Host, measured: { readonly iops?: number | null; readonly networkMbps?: number | null }): Host {
  const out: { -readonly [K in keyof Host]: Host[K] } = { ...host };
  if (measured.iops != null) out.storage = { ...host.storage, iops: measured.iops };
  if (measured.networkMbps != null) {
    const others: Nic[] = (host.nics ?? []).filter((n) => n.role !== 'guest');
    out.nics = [...others, { role: 'guest', gbps: measured.networkMbps / 1000, ports: 1 }];
  }
  return out;
}
