import { formatDecimal } from '@hostplan/core';
import { DEMAND_OBJECT, type DemandResult, type SeriesStats } from '@hostplan/bench';
import type { Io } from '../io.js';
import { derivedSeries, reportInputFromDemand } from '../reportFromDemand.js';
import { table } from '../table.js';

/** The per-series JSON the command writes (the spec's fields first). */
export function seriesJson(s: SeriesStats): Record<string, unknown> {
  return {
    host: s.host, object: s.object, instance: s.instance, counter: s.counter, path: s.path,
    count: s.count, missing: s.missing, min: s.min, max: s.max, mean: s.mean, stddev: s.stddev,
    p50: s.p50, p90: s.p90, p95: s.p95, p99: s.p99, sustainedPeak: s.sustainedPeak,
    percentiles: s.percentiles, intervalMs: s.intervalMs, firstMs: s.firstMs, lastMs: s.lastMs,
    exact: s.exact, method: s.method, rollup: s.rollup, timeOver: s.timeOver.filter((t) => t.runs > 0),
  };
}

/** A number for the tables, blank when missing. */
export const fmt = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? '' : formatDecimal(x, digits));

/**
 * hostplan bench's text summary: what was read, then hosts, VMs, alerts and the first issues.
 *
 * @example
 * writeDemandSummary(io, await measureDemand(source), 'Read 1 file', ', 1,000 rows')
 */
export function writeDemandSummary(io: Io, r: DemandResult, what: string, rowCount: string, summaries: readonly { readonly issueCount: number; readonly issues: readonly { readonly code: string }[] }[] = []): void {
  const exact = r.stats.series.every((s) => s.exact);
  const raw = r.stats.series.filter((s) => s.object !== DEMAND_OBJECT).length;
  // readers list the first issues of a file and count the rest (one issues-not-listed line says so)
  const unlisted = summaries.reduce((n, s) => n + Math.max(0, s.issueCount - s.issues.filter((i) => i.code !== 'issues-not-listed').length), 0);
  const issueTotal = r.stats.issues.filter((i) => i.code !== 'issues-not-listed').length + unlisted;
  io.stdout.write(`${what}: ${raw} series${rowCount}, ${formatDecimal(issueTotal)} issue${issueTotal === 1 ? '' : 's'}; statistics ${exact ? 'exact' : 'partly from the sketch'} in ${r.stats.passes} pass${r.stats.passes === 1 ? '' : 'es'}\n`);
  if (r.hosts.length > 0) {
    io.stdout.write(`\nHosts (p${r.assumptions.find((a) => a.name === 'demand.percentile')?.value})\n`);
    io.stdout.write(table(['host', 'CPU % p', 'CPU % sustained', 'avail MB min', 'IOPS p', 'IOPS sustained', 'Mbps p', 'VMs', 'confidence'], r.hosts.map((h) => [
      h.host, fmt(h.cpuPercent?.atPercentile), fmt(h.cpuPercent?.sustainedPeak), fmt(h.availableMemoryMB?.min, 0), fmt(h.iops?.atPercentile), fmt(h.measuredMax.iops),
      fmt(h.networkMbps?.atPercentile), String(h.vms.length), h.confidence ? `${'*'.repeat(h.confidence.stars)} ${fmt(h.confidence.percent, 0)} %` : '',
    ])));
  }
  if (r.vms.length > 0) {
    io.stdout.write('\nVMs (demand = percentile x comfort)\n');
    io.stdout.write(table(['vm', 'host', 'vCPUs', 'CPU cores', 'CPU GHz', 'memory MB', 'IOPS', 'Mbps', 'confidence', 'flags'], r.vms.map((v) => [
      v.id, v.host, v.vcpus === null ? '' : String(v.vcpus), fmt(v.demand.cpuCores, 3), fmt(v.demand.cpuGHz), fmt(v.demand.memoryMB, 0), fmt(v.demand.iops), fmt(v.demand.networkMbps),
      `${'*'.repeat(v.confidence.stars)} ${fmt(v.confidence.percent, 0)} %`, [v.idle.idle && 'idle', v.oversized.oversized && 'oversized', !v.vm && 'incomplete'].filter(Boolean).join(' '),
    ])));
  }
  const noClock = r.vms.filter((v) => v.demand.cpuCores !== null && v.demand.cpuGHz === null);
  if (noClock.length) {
    const unknown = [...new Set(noClock.map((v) => v.host))];
    io.stdout.write(`\nCPU GHz is empty for ${noClock.length} VM${noClock.length === 1 ? '' : 's'}: the clock of ${unknown.length === 1 ? 'host' : 'hosts'} ${unknown.join(', ')} is unknown. Add --hosts FILE (the host inventory, matched by name) or --clock GHZ to turn cores into GHz.\n`);
  }
  if (r.stats.alerts.length > 0) {
    const byRule = new Map<string, number>();
    for (const a of r.stats.alerts) byRule.set(`${a.severity} ${a.rule}`, (byRule.get(`${a.severity} ${a.rule}`) ?? 0) + 1);
    io.stdout.write(`\nAlerts: ${[...byRule].map(([k, n]) => `${n} x ${k}`).join(', ')}\n`);
  }
  for (const i of r.stats.issues.slice(0, 10)) io.stdout.write(`${i.severity}: ${i.file}:${i.line}:${i.column}: ${i.message}\n`);
  if (r.stats.issues.length > 10) io.stdout.write(`... and ${r.stats.issues.length - 10} more issues (see --json)${unlisted > 0 ? `; ${formatDecimal(unlisted)} more counted, not listed` : ''}\n`);
}

/**
 * hostplan bench's JSON: the source (Prometheus) or the files read, raw and derived series,
 * VMs, hosts, alerts, issues, the report's measurement sections and the assumptions.
 *
 * @example
 * await writeJson('out.json', demandJson(r, files.summaries, null), io)
 */
export function demandJson(r: DemandResult, summaries: readonly { readonly issues: unknown; readonly elapsedMs: number }[], source: object | null): object {
  const raw = r.stats.series.filter((s) => s.object !== DEMAND_OBJECT);
  const derived = derivedSeries(r);
  return {
    ...(source ? { source } : {}),
    files: summaries.map(({ issues: _issues, elapsedMs: _elapsed, ...s }) => s),
    series: raw.map(seriesJson),
    derived: derived.map((s) => ({ resource: s.counter, entity: s.instance, ...seriesJson(s) })),
    vms: r.vms,
    hosts: r.hosts,
    alerts: r.stats.alerts,
    issues: r.stats.issues,
    ...reportInputFromDemand(r),
    passes: r.stats.passes,
    assumptions: r.assumptions,
  };
}
