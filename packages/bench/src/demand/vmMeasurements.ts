import type { Vm } from '@hostplan/core';
import type { SeriesStats } from '../stats/types.js';
import type { Confidence } from './confidence.js';
import type { DemandGroup } from './demandSource.js';
import { figuresOf, seriesConfidence, type MeasuredFigures } from './figures.js';
import { growthTrend, trendRise, type GrowthTrend } from './growth.js';
import type { ResolvedDemandOptions } from './options.js';

/** What the measurements say one VM needs. */
export interface VmMeasurement {
  /** The VM name, or `host/name` when two hosts report VMs of the same name. */
  readonly id: string;
  readonly host: string;
  /** The VM name as the counters give it. */
  readonly entity: string;
  /** Virtual processors seen in the counters (`VM:Hv VP n` instances), or null. */
  readonly vcpus: number | null;
  readonly measured: {
    readonly cpuCores: MeasuredFigures | null;
    /** CPU used in GHz, from traces that report MHz. */
    readonly cpuGHz: MeasuredFigures | null;
    readonly memoryMB: MeasuredFigures | null;
    readonly iops: MeasuredFigures | null;
    readonly networkMbps: MeasuredFigures | null;
  };
  /** Percentile x comfort factor, in the unit each name says; null when not measured. */
  readonly demand: {
    readonly cpuCores: number | null;
    /** cpuCores x host clock (null when the clock is unknown). */
    readonly cpuGHz: number | null;
    /** cpuCores / vCPUs, capped at 1. */
    readonly cpuUtilization: number | null;
    readonly memoryMB: number | null;
    readonly iops: number | null;
    readonly networkMbps: number | null;
  };
  /** The host's clock (inventory or option), else provisioned capacity / vCPUs from the trace. */
  readonly clockGHz: number | null;
  readonly confidence: Confidence;
  readonly idle: { readonly idle: boolean; readonly reason: string };
  readonly oversized: {
    readonly oversized: boolean;
    readonly cpu: { readonly allocatedVcpus: number; readonly suggestedVcpus: number } | null;
    readonly memory: { readonly allocatedGB: number; readonly suggestedGB: number } | null;
    readonly reason: string;
  };
  /** Trend of the daily CPU peaks against vCPUs x target utilisation (in cores, or GHz for GHz traces). */
  readonly growth: GrowthTrend | null;
  /** The VM for core's `placeVms`, or null when vCPUs or memory are unknown (see `reasons`). */
  readonly vm: Vm | null;
  readonly reasons: readonly string[];
}

const lower = (s: string) => s.toLowerCase();

/** The inventory entry without its CPU estimates: the measurement replaces them. */
function withoutCpu(vm: Vm | undefined): Partial<Vm> {
  if (!vm) return {};
  const { cpuDemandGHz: _ghz, cpuUtilization: _share, ...rest } = vm;
  return rest;
}
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The clock of each measured host by lower-cased name: from the host inventory (the first host
 * of that name, case-insensitive), else the `clockGHz` option, else null. Built once: O(hosts),
 * then O(1) a VM.
 *
 * @example
 * hostClocks(resolveDemandOptions({ hosts: [{ id: 'hv1', clockGHz: 2.93, ... }] })).of('HV1') // => 2.93
 */
export function hostClocks(o: ResolvedDemandOptions): { of(host: string): number | null } {
  const byName = new Map<string, number>();
  for (const h of o.hosts) if (!byName.has(lower(h.id))) byName.set(lower(h.id), h.clockGHz);
  return { of: (host) => byName.get(lower(host)) ?? o.clockGHz };
}

/** The derived `vm.*` series of one VM on one host, by resource. */
interface VmSeries {
  readonly host: string;
  readonly entity: string;
  readonly groups: Map<string, DemandGroup>;
}

/** The derived `vm.*` groups gathered per VM (host and entity), in order of first appearance. */
function vmSeriesOf(groups: readonly DemandGroup[]): VmSeries[] {
  const vms = new Map<string, VmSeries>();
  for (const g of groups) {
    if (!g.resource.startsWith('vm.')) continue;
    const k = `${g.host}\u0000${g.entity}`;
    const e = vms.get(k) ?? { host: g.host, entity: g.entity, groups: new Map() };
    e.groups.set(g.resource, g);
    vms.set(k, e);
  }
  return [...vms.values()];
}

/** What every VM is measured against: statistics by series index, inventory and clocks indexed once. */
interface MeasureContext {
  readonly byIndex: ReadonlyMap<number, SeriesStats>;
  readonly inventory: ReturnType<typeof inventoryIndex>;
  readonly clocks: ReturnType<typeof hostClocks>;
  readonly spans: ReadonlyMap<string, { startMs: number; endMs: number }>;
  readonly o: ResolvedDemandOptions;
}

/**
 * Per-VM demand from the statistics of the derived `vm.*` series: each resource at the
 * percentile x comfort factor; CPU in cores (sum of VP guest run time / 100), in GHz at the
 * host clock, and as a share of vCPUs; confidence from the CPU series (else the first
 * measured) over its host's capture span; idle and oversized flags with suggested sizes;
 * the CPU growth trend; and a core `Vm` merging the VM inventory (found by id in a map, the
 * host clocks likewise). O(series + VMs + inventory + hosts).
 *
 * @example
 * const vms = measureVms(stats.series, groups, resolveDemandOptions({ clockGHz: 3 }), spans);
 * vms[0].vm // => { id: 'web01', vcpus: 2, memoryGB: 3.5, cpuDemandGHz: 1.2, ... }
 */
export function measureVms(
  series: readonly SeriesStats[],
  groups: readonly DemandGroup[],
  o: ResolvedDemandOptions,
  spans: ReadonlyMap<string, { startMs: number; endMs: number }>,
): VmMeasurement[] {
  const vms = vmSeriesOf(groups);
  const ctx: MeasureContext = { byIndex: new Map(series.map((s) => [s.index, s])), inventory: inventoryIndex(o.inventory), clocks: hostClocks(o), spans, o };
  const nameCount = new Map<string, number>();
  for (const e of vms) nameCount.set(lower(e.entity), (nameCount.get(lower(e.entity)) ?? 0) + 1);
  // a VM name two hosts report is told apart by its host
  return vms.map((e) => measureVm(e, nameCount.get(lower(e.entity))! > 1 ? `${e.host}/${e.entity}` : e.entity, ctx));
}

/** CPU of one VM: vCPUs, clock, and the percentile in cores and GHz (either derived from the other at the clock). */
interface VmCpu {
  /** vCPUs from the counters (VP instances, else a reported count), or null. */
  readonly vcpus: number | null;
  /** The counters' vCPUs, else the inventory's. */
  readonly allocatedVcpus: number | null;
  readonly clockGHz: number | null;
  /** CPU cores at the percentile, before the comfort factor. */
  readonly coresAtP: number | null;
  readonly ghzAtP: number | null;
}

function vmCpu(e: VmSeries, stat: (r: string) => SeriesStats | null, measured: VmMeasurement['measured'], inv: Vm | undefined, ctx: MeasureContext, reasons: string[]): VmCpu {
  const maxOf = (r: string) => stat(r)?.max ?? null;
  // vCPUs: virtual processor instances, else a reported core count (traces), else the inventory
  const vpCount = e.groups.get('vm.cpuCores')?.virtualProcessors ?? 0;
  const reportedVcpus = maxOf('vm.vcpus');
  if (reportedVcpus !== null && reportedVcpus < 1) reasons.push(`the trace reports ${reportedVcpus} vCPUs: ignored`);
  const vcpus = vpCount > 0 ? vpCount : reportedVcpus !== null && reportedVcpus >= 1 ? Math.round(reportedVcpus) : null;
  const allocatedVcpus = vcpus ?? inv?.vcpus ?? null;
  // clock: the host's (inventory or option), else provisioned capacity / vCPUs (traces)
  const capacityGHz = maxOf('vm.cpuCapacityGHz');
  const clockGHz = ctx.clocks.of(e.host) ?? (capacityGHz !== null && capacityGHz > 0 && allocatedVcpus ? capacityGHz / allocatedVcpus : null);
  const ghzMeasured = measured.cpuGHz?.atPercentile ?? null;
  const coresAtP = measured.cpuCores?.atPercentile ?? (ghzMeasured !== null && clockGHz !== null ? ghzMeasured / clockGHz : null);
  const ghzAtP = measured.cpuCores ? (coresAtP !== null && clockGHz !== null ? coresAtP * clockGHz : null) : ghzMeasured;
  return { vcpus, allocatedVcpus, clockGHz, coresAtP, ghzAtP };
}

function idleFinding(cpu: VmCpu, o: ResolvedDemandOptions): VmMeasurement['idle'] {
  const { coresAtP: atP, ghzAtP } = cpu;
  if (atP === null && ghzAtP === null) return { idle: false, reason: 'no CPU counter for this VM' };
  const idleByCores = atP !== null && atP < o.idleCpuCores;
  const idleByMHz = ghzAtP !== null && ghzAtP * 1000 < o.idleCpuMHz;
  return { idle: idleByCores || idleByMHz, reason: `p${o.percentile} CPU ${atP !== null ? `${round3(atP)} cores` : ''}${atP !== null && ghzAtP !== null ? ' = ' : ''}${ghzAtP !== null ? `${round3(ghzAtP * 1000)} MHz` : ''}; idle under ${o.idleCpuCores} cores or ${o.idleCpuMHz} MHz` };
}

/** The trend of the daily CPU peaks (cores, else GHz) and the rise in cores it adds over the growth horizon. */
function cpuGrowth(coreStats: SeriesStats | null, ghzStats: SeriesStats | null, cpu: VmCpu, o: ResolvedDemandOptions): { growth: GrowthTrend | null; riseCores: number } {
  const { allocatedVcpus, clockGHz } = cpu;
  const growth = coreStats?.dailyPeaks && allocatedVcpus
    ? growthTrend(coreStats.dailyPeaks, allocatedVcpus * o.targetUtilization)
    : ghzStats?.dailyPeaks && allocatedVcpus && clockGHz !== null ? growthTrend(ghzStats.dailyPeaks, allocatedVcpus * clockGHz * o.targetUtilization) : null;
  // a suggestion covers the CPU trend to the end of the horizon: no cut the VM's own growth outgrows
  const riseCores = coreStats?.dailyPeaks ? trendRise(growth, o.growthHorizonDays) : clockGHz ? trendRise(growth, o.growthHorizonDays) / clockGHz : 0;
  return { growth, riseCores };
}

/** The VM for core: the inventory entry (without its CPU estimates) with the measured demand, or null when vCPUs or memory are unknown. */
function vmForCore(id: string, inv: Vm | undefined, allocatedVcpus: number | null, memoryGB: number | null, demand: VmMeasurement['demand']): Vm | null {
  if (allocatedVcpus === null || memoryGB === null) return null;
  return {
    ...withoutCpu(inv),
    id,
    vcpus: allocatedVcpus,
    memoryGB,
    ...(demand.cpuGHz !== null ? { cpuDemandGHz: demand.cpuGHz } : demand.cpuUtilization !== null ? { cpuUtilization: demand.cpuUtilization } : {}),
    ...(demand.iops !== null && { iops: demand.iops }),
    ...(demand.networkMbps !== null && { networkMbps: demand.networkMbps }),
  };
}

function measureVm(e: VmSeries, id: string, ctx: MeasureContext): VmMeasurement {
  const o = ctx.o;
  const stat = (r: string) => {
    const g = e.groups.get(r);
    return g ? ctx.byIndex.get(g.index) ?? null : null;
  };
  const fig = (r: string) => {
    const s = stat(r);
    return s ? figuresOf(s, o.percentile, o.useRollup) : null;
  };
  const measured = { cpuCores: fig('vm.cpuCores'), cpuGHz: fig('vm.cpuGHz'), memoryMB: fig('vm.memoryMB'), iops: fig('vm.iops'), networkMbps: fig('vm.networkMbps') };
  const comfort = (x: number | null | undefined) => (x == null ? null : x * o.comfortFactor);
  const inv = ctx.inventory.first(lower(e.entity), lower(id));
  const reasons: string[] = [];
  const cpu = vmCpu(e, stat, measured, inv, ctx, reasons);
  const cpuCores = comfort(cpu.coresAtP);
  const demand = {
    cpuCores,
    cpuGHz: comfort(cpu.ghzAtP),
    cpuUtilization: cpuCores !== null && cpu.allocatedVcpus ? Math.min(1, cpuCores / cpu.allocatedVcpus) : null,
    memoryMB: comfort(measured.memoryMB?.atPercentile),
    iops: comfort(measured.iops?.atPercentile),
    networkMbps: comfort(measured.networkMbps?.atPercentile),
  };
  const primary = stat('vm.cpuCores') ?? stat('vm.cpuGHz') ?? stat('vm.memoryMB') ?? stat('vm.iops') ?? stat('vm.networkMbps') ?? [...e.groups.values()].map((g) => ctx.byIndex.get(g.index)!)[0]!;
  const span = ctx.spans.get(e.host);
  const confidence = seriesConfidence(primary, span?.startMs ?? null, span?.endMs ?? null);
  const { growth, riseCores } = cpuGrowth(stat('vm.cpuCores'), stat('vm.cpuGHz'), cpu, o);
  const allocatedMB = stat('vm.memoryAllocatedMB')?.max ?? null;
  const memAllocatedGB = inv?.memoryGB ?? (allocatedMB !== null && allocatedMB > 0 ? allocatedMB / 1024 : null);
  const oversized = oversizedFinding(cpuCores, riseCores, cpu.allocatedVcpus, demand.memoryMB, memAllocatedGB, o);
  const memoryGB = demand.memoryMB !== null ? demand.memoryMB / 1024 : inv?.memoryGB ?? null;
  if (cpu.allocatedVcpus === null) reasons.push('vCPUs unknown: no virtual processor counters, no vCPU count in the trace and no inventory entry');
  if (memoryGB === null) reasons.push('memory unknown: no memory counter for this VM (Hyper-V static memory has none) and no inventory entry; give a VM inventory');
  if (demand.cpuCores !== null && demand.cpuGHz === null) reasons.push(`host ${e.host} clock unknown: CPU given as cpuUtilization (share of vCPUs); give --hosts or --clock for GHz`);
  const vm = vmForCore(id, inv, cpu.allocatedVcpus, memoryGB, demand);
  return { id, host: e.host, entity: e.entity, vcpus: cpu.vcpus, measured, demand, clockGHz: cpu.clockGHz, confidence, idle: idleFinding(cpu, o), oversized, growth, vm, reasons };
}

/**
 * The VM inventory by lower-cased id, so that each measured VM finds its entry in O(1) (it was a
 * scan of the inventory per VM): `first(a, b)` is the earliest entry whose id is either, as
 * `inventory.find` gave.
 */
function inventoryIndex(inventory: readonly Vm[]): { first(a: string, b: string): Vm | undefined } {
  const byId = new Map<string, number>();
  inventory.forEach((v, i) => {
    const key = lower(v.id);
    if (!byId.has(key)) byId.set(key, i);
  });
  return {
    first(a, b) {
      const i = Math.min(byId.get(a) ?? Infinity, byId.get(b) ?? Infinity);
      return i === Infinity ? undefined : inventory[i];
    },
  };
}

/** Oversized by CPU or memory: the allocation against the suggestion (demand / target, vCPUs whole, memory in 0.5 GB steps). */
function oversizedFinding(cpuCores: number | null, riseCores: number, allocatedVcpus: number | null, memoryMB: number | null, memAllocatedGB: number | null, o: ResolvedDemandOptions): VmMeasurement['oversized'] {
  // the CPU trend over the growth horizon is added, so no cut is advised that the VM outgrows
  const grows = cpuCores !== null && riseCores > 0;
  const sizedCores = grows ? cpuCores + riseCores : cpuCores;
  const suggestedVcpus = sizedCores !== null ? Math.max(1, Math.ceil(sizedCores / o.targetUtilization - 1e-9)) : null;
  const cpuOver = suggestedVcpus !== null && allocatedVcpus !== null ? { allocatedVcpus, suggestedVcpus } : null;
  const suggestedGB = memoryMB !== null ? Math.max(0.5, Math.ceil((memoryMB / o.targetUtilization / 1024) * 2 - 1e-9) / 2) : null;
  const memOver = suggestedGB !== null && memAllocatedGB !== null ? { allocatedGB: memAllocatedGB, suggestedGB } : null;
  const cpuIsOver = cpuOver !== null && cpuOver.allocatedVcpus >= o.oversizeFactor * cpuOver.suggestedVcpus;
  const memIsOver = memOver !== null && memOver.allocatedGB >= o.oversizeFactor * memOver.suggestedGB;
  const overReasons = [
    cpuOver && (grows
      ? `${cpuOver.allocatedVcpus} vCPUs allocated, ${cpuOver.suggestedVcpus} suggested (ceil(${round3(sizedCores!)} cores / target ${o.targetUtilization}): ${round3(cpuCores!)} cores measured now + ${round3(riseCores)} cores of CPU growth trend over the ${o.growthHorizonDays}-day horizon: the trend sets the size)`
      : `${cpuOver.allocatedVcpus} vCPUs allocated, ${cpuOver.suggestedVcpus} suggested (ceil(${round3(cpuCores!)} cores / target ${o.targetUtilization}))`),
    memOver && `${memOver.allocatedGB} GB allocated, ${memOver.suggestedGB} GB suggested (${round3(memoryMB!)} MB / target ${o.targetUtilization}, in 0.5 GB steps)`,
  ].filter(Boolean);
  return {
    oversized: cpuIsOver || memIsOver, cpu: cpuOver, memory: memOver,
    reason: overReasons.length ? `${overReasons.join('; ')}; oversized at ${o.oversizeFactor} x the suggestion` : 'no allocation to compare (needs VP counters or a VM inventory)',
  };
}
