import { hostCapacity, type Host, type PlacementPlan, type Policy, type Vm } from '@hostplan/core';
import { DEMAND_OBJECT, type AlignedSeries, type DemandResult } from '@hostplan/bench';
import type { HostTimeline, ReportTimelines, TimelineAlert } from '@hostplan/report';

type TimedResource = 'cpuGHz' | 'memoryMB';

/** One VM's measured series of one resource, in the model's unit, with the figure the plan used for it. */
interface VmSeries { readonly vm: string; readonly resource: TimedResource; readonly buckets: AlignedSeries; readonly scale: number; readonly planned: number }

function measuredSeries(demand: DemandResult, vms: readonly Vm[]): VmSeries[] {
  const byIndex = new Map(demand.stats.series.map((s) => [s.index, s]));
  const planned = new Map(vms.map((v) => [v.id, v]));
  const bucketsOf = (host: string, entity: string, resource: string) => {
    // measureDemand spells hosts as the inventory does (hv01); the counters keep perfmon's (HV01)
    const g = demand.groups.find((x) => x.host.toLowerCase() === host.toLowerCase() && x.entity === entity && x.resource === resource);
    return (g && byIndex.get(g.index)?.buckets) || null;
  };
  const out: VmSeries[] = [];
  for (const m of demand.vms) {
    const vm = m.vm && planned.get(m.vm.id);
    if (!vm) continue;
    // CPU as measureVms sizes it: cores x the host clock when cores are measured, else measured GHz
    const cores = bucketsOf(m.host, m.entity, 'vm.cpuCores');
    const ghz = bucketsOf(m.host, m.entity, 'vm.cpuGHz');
    if (vm.cpuDemandGHz !== undefined) {
      if (cores && m.clockGHz !== null) out.push({ vm: vm.id, resource: 'cpuGHz', buckets: cores, scale: m.clockGHz, planned: vm.cpuDemandGHz });
      else if (ghz) out.push({ vm: vm.id, resource: 'cpuGHz', buckets: ghz, scale: 1, planned: vm.cpuDemandGHz });
    }
    const memory = bucketsOf(m.host, m.entity, 'vm.memoryMB');
    if (memory && m.demand.memoryMB !== null) out.push({ vm: vm.id, resource: 'memoryMB', buckets: memory, scale: 1, planned: vm.memoryGB * 1024 });
  }
  return out;
}

/** Means of a VM's buckets on the common grid (weighted by samples), null where it has none. */
function onGrid(s: VmSeries, startMs: number, stepMs: number, n: number): (number | null)[] {
  const sums = new Float64Array(n);
  const counts = new Float64Array(n);
  const b = s.buckets;
  for (let j = 0; j < b.means.length; j++) {
    const c = b.counts[j]!;
    if (!(c > 0)) continue;
    const i = Math.floor((b.firstBucketMs + j * b.bucketMs - startMs) / stepMs);
    if (i < 0 || i >= n) continue;
    sums[i] = sums[i]! + b.means[j]! * c;
    counts[i] = counts[i]! + c;
  }
  return Array.from(sums, (x, i) => (counts[i]! > 0 ? (x / counts[i]!) * s.scale : null));
}

/**
 * The charted resource an alert's counter concerns: CPU for processor and run-time counters,
 * memory for memory counters, null for the others (disk, network: not charted over time, listed
 * with the measurements), undefined when the name does not tell.
 */
function alertResource(counter: string): TimedResource | null | undefined {
  if (/processor|run time|cpu/i.test(counter)) return 'cpuGHz';
  if (/memory|mbytes|pages/i.test(counter)) return 'memoryMB';
  if (/disk|network|bytes|transfers|queue|packets/i.test(counter)) return null;
  return undefined;
}

function alertsByHost(demand: DemandResult, vmHost: ReadonlyMap<string, string>, hostIds: readonly string[]): Map<string, TimelineAlert[]> {
  const lower = new Map(hostIds.map((h) => [h.toLowerCase(), h]));
  const out = new Map<string, TimelineAlert[]>();
  for (const a of demand.stats.alerts) {
    const s = demand.stats.series[a.series];
    if (!s) continue;
    // a VM's own series follows the VM to its planned host; a host counter stays on the host of that name
    const vm = s.object === DEMAND_OBJECT ? undefined : [...vmHost.keys()].find((id) => s.instance?.includes(id));
    const host = vm ? vmHost.get(vm) : lower.get(s.host.toLowerCase());
    if (!host) continue;
    const list = out.get(host) ?? [];
    const resource = alertResource(`${s.object}\\${s.counter}`);
    if (resource === null) continue;
    list.push({ ...(resource && { resource }), startMs: a.startMs, endMs: a.endMs + (s.intervalMs ?? 0), severity: a.severity, label: a.message });
    out.set(host, list);
  }
  return out;
}

/**
 * The report's time charts from bench's measurements and the plan: for every host of the plan
 * with at least one measured VM, CPU and memory per aligned bucket, built as the plan's use of
 * the host with each measured VM's planned figure replaced by its measured bucket mean (the
 * VMs not measured, and overheads, stay at their planned demand; a bucket a VM has no value in
 * keeps its planned figure). Alerts of a VM's counters follow the VM; host counters' alerts stay
 * on the host of that name. Null when nothing was measured over time. O(VMs x buckets).
 *
 * @example
 * const timelines = reportTimelinesFrom({ demand, plan, vms, hosts, policy });
 * renderHtmlReport({ ...reportInputFromPlan({ plan, hosts, vms }), ...(timelines && { timelines }) })
 */
export function reportTimelinesFrom(options: { demand: DemandResult; plan: PlacementPlan; vms: readonly Vm[]; hosts?: readonly Host[]; policy?: Policy }): ReportTimelines | null {
  const { demand, plan, vms, hosts: inventory, policy } = options;
  const hostById = new Map((inventory ?? []).map((h) => [h.id, h]));
  const series = measuredSeries(demand, vms);
  if (series.length === 0) return null;
  const startMs = Math.min(...series.map((s) => s.buckets.firstBucketMs));
  const stepMs = Math.max(...series.map((s) => s.buckets.bucketMs));
  const endMs = Math.max(...series.map((s) => s.buckets.firstBucketMs + s.buckets.means.length * s.buckets.bucketMs));
  const n = Math.ceil((endMs - startMs) / stepMs);
  const vmHost = new Map(plan.placements.map((p) => [p.vm, p.host]));
  const alerts = alertsByHost(demand, vmHost, plan.hosts.map((h) => h.id));
  const hosts: HostTimeline[] = [];
  for (const h of plan.hosts) {
    const mine = series.filter((s) => vmHost.get(s.vm) === h.id);
    if (mine.length === 0) continue;
    const host = hostById.get(h.id);
    const cap = host && hostCapacity(host, policy);
    const resources = (['cpuGHz', 'memoryMB'] as const).map((r) => {
      const values: number[] = new Array(n).fill(h.used[r]);
      for (const s of mine.filter((x) => x.resource === r)) {
        onGrid(s, startMs, stepMs, n).forEach((v, i) => { if (v !== null) values[i]! += v - s.planned; });
      }
      return { resource: r, values, target: h.capacity[r], limit: cap ? cap.total[r] - cap.reserved[r] : h.capacity[r] };
    });
    hosts.push({ host: h.id, resources, alerts: alerts.get(h.id) ?? [], vms: h.vms.length, measuredVms: new Set(mine.map((s) => s.vm)).size });
  }
  return { startMs, stepMs, hosts, note: 'Each measured VM counts at its measured mean per bucket; VMs without measurements and the overheads count at their planned demand.' };
}
