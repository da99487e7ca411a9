import { tolerance } from '../capacity/fits.js';
import { capacityOf } from './capacityCache.js';
import { platformViolations } from '../capacity/platformRules.js';
import { demandVector } from '../capacity/vmDemand.js';
import { asVm } from '../input/normalise.js';
import type { Host } from '../model/host.js';
import type { ResolvedPolicy } from '../model/policy.js';
import { RESOURCES } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import type { HostLoad } from './hostLoads.js';

/** Resources per vector in the kernel's flat arrays. */
export const R = RESOURCES.length;

/**
 * One cluster as flat typed arrays, built once per check, so that re-placing the VMs of a
 * failure set is arithmetic on these arrays with no object allocated per VM or host.
 * Hosts and VMs are numbered locally; VMs in the order they are re-placed (largest first).
 */
export interface ClusterKernel {
  readonly hostIds: readonly string[];
  readonly hosts: number;
  /** Limits, floating-point slack and 1 / limit (0 when unlimited) per host and resource: [host * R + r]. */
  readonly limits: Float64Array;
  readonly slack: Float64Array;
  readonly invLimit: Float64Array;
  /** What the plan's VMs use per host and resource. */
  readonly baseUsed: Float64Array;
  /** 1 when the host can take VMs (not marked unavailable in the input). */
  readonly usable: Uint8Array;
  readonly vmIds: readonly string[];
  /** Local host of each local VM. */
  readonly vmHost: Int32Array;
  /** VMs per host, CSR: hostVms[hostVmStart[h] .. hostVmStart[h + 1]), ascending (re-placement order). */
  readonly hostVmStart: Int32Array;
  readonly hostVms: Int32Array;
  /** Demand of VM v at clock class c: [(v * clocks + c) * R + r]; hosts of equal clock share a class. */
  readonly clocks: number;
  readonly clockOf: Int32Array;
  readonly demand: Float64Array;
  /** 1 when VM v may run on platform class p: [v * platforms + p]. */
  readonly platforms: number;
  readonly platformOf: Int32Array;
  readonly allowed: Uint8Array;
  /** Anti-affinity groups per VM (CSR) and members per host and group: [host * antiGroups + g]. */
  readonly antiGroups: number;
  readonly antiStart: Int32Array;
  readonly anti: Int32Array;
  readonly antiCount: Int32Array;
  /** Affinity groups per VM (CSR) and members per group in the plan's order (CSR). */
  readonly affinityGroups: number;
  readonly affStart: Int32Array;
  readonly aff: Int32Array;
  readonly affMemberStart: Int32Array;
  readonly affMembers: Int32Array;
}

function csr(lists: readonly (readonly number[])[]): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((l, i) => (start[i + 1] = start[i]! + l.length));
  const items = new Int32Array(start[lists.length]!);
  lists.forEach((l, i) => items.set(l, start[i]!));
  return { start, items };
}

function classes<T>(values: readonly T[]): { of: Int32Array; reps: number[] } {
  const index = new Map<T, number>();
  const reps: number[] = [];
  const of = new Int32Array(values.length);
  values.forEach((v, i) => {
    let c = index.get(v);
    if (c === undefined) index.set(v, (c = reps.push(i) - 1));
    of[i] = c;
  });
  return { of, reps };
}

function groupIds(vms: readonly Vm[], pick: (vm: Vm) => readonly string[] | undefined): { lists: number[][]; count: number } {
  const ids = new Map<string, number>();
  const lists = vms.map((vm) => (pick(vm) ?? []).map((g) => ids.get(g) ?? (ids.set(g, ids.size), ids.size - 1)));
  return { lists, count: ids.size };
}

/**
 * Builds the kernel of one cluster from its hosts' loads. O(VMs x clock classes x resources +
 * hosts x anti-affinity groups).
 *
 * @example
 * const kernel = clusterKernel(cluster.hosts.map((h) => loads.get(h.id)!), policy);
 * kernel.hosts // => 16
 */
export function clusterKernel(loads: readonly HostLoad[], policy: ResolvedPolicy): ClusterKernel {
  const hosts = loads.map((l) => l.host);
  const n = hosts.length;
  const caps = hosts.map((h) => capacityOf(h, policy));
  const limits = new Float64Array(n * R);
  const slack = new Float64Array(n * R);
  const invLimit = new Float64Array(n * R);
  const baseUsed = new Float64Array(n * R);
  const usable = new Uint8Array(n);
  loads.forEach((l, h) => {
    usable[h] = l.host.unavailable ? 0 : 1;
    RESOURCES.forEach((r, i) => {
      const lim = caps[h]!.limits[r];
      limits[h * R + i] = lim;
      slack[h * R + i] = tolerance(lim);
      invLimit[h * R + i] = Number.isFinite(lim) && lim > 0 ? 1 / lim : 0;
      baseUsed[h * R + i] = l.used[r];
    });
  });
  const clock = classes(hosts.map((h) => h.clockGHz));
  const platform = classes(caps.map((c) => c.platform.id));
  const planOrder = loads.flatMap((l, h) => l.vms.map((vm) => ({ vm, h })));
  const clocks = clock.reps.length;
  // demand of each VM (plan order) at each clock class, computed once
  const planDemand = new Float64Array(planOrder.length * clocks * R);
  planOrder.forEach(({ vm }, j) => {
    for (let c = 0; c < clocks; c++) {
      const d = demandVector(asVm(vm, 'vm'), hosts[clock.reps[c]!]!.clockGHz, policy);
      for (let i = 0; i < R; i++) planDemand[(j * clocks + c) * R + i] = d[RESOURCES[i]!];
    }
  });
  // re-placement order: members of the largest anti-affinity groups, then largest share of the cluster, then id
  const total = new Float64Array(R);
  for (let h = 0; h < n; h++) if (usable[h]) for (let i = 0; i < R; i++) total[i]! += Number.isFinite(limits[h * R + i]!) ? limits[h * R + i]! : 0;
  const refClass = clock.of[Math.max(0, hosts.findIndex((h) => !h.unavailable))]!;
  const groupSize = new Map<string, number>();
  for (const { vm } of planOrder) for (const g of vm.antiAffinity ?? []) groupSize.set(g, (groupSize.get(g) ?? 0) + 1);
  const keyed = planOrder.map(({ vm, h }, plan) => {
    let share = 0;
    for (let i = 0; i < R; i++) if (total[i]! > 0) share = Math.max(share, planDemand[(plan * clocks + refClass) * R + i]! / total[i]!);
    let group = 0;
    for (const g of vm.antiAffinity ?? []) group = Math.max(group, groupSize.get(g)!);
    return { vm, h, plan, group, share };
  }).sort((a, b) => b.group - a.group || b.share - a.share || (a.vm.id < b.vm.id ? -1 : a.vm.id > b.vm.id ? 1 : a.plan - b.plan));
  const vms = keyed.map((x) => x.vm);
  const m = vms.length;
  const vmHost = Int32Array.from(keyed, (x) => x.h);
  const byHost: number[][] = hosts.map(() => []);
  keyed.forEach((x, v) => byHost[x.h]!.push(v));
  const hostCsr = csr(byHost);
  const demand = new Float64Array(m * clocks * R);
  const allowed = new Uint8Array(m * platform.reps.length);
  // each platform class judged on its first host, taken as available
  const platformHosts = platform.reps.map((h) => ({ host: { ...hosts[h]!, unavailable: false }, profile: caps[h]!.platform }));
  keyed.forEach((x, v) => {
    demand.set(planDemand.subarray(x.plan * clocks * R, (x.plan + 1) * clocks * R), v * clocks * R);
    platformHosts.forEach(({ host, profile }, p) => (allowed[v * platformHosts.length + p] = platformViolations(x.vm, host, profile).length === 0 ? 1 : 0));
  });
  const antiG = groupIds(vms, (vm) => vm.antiAffinity);
  const antiCsr = csr(antiG.lists);
  const antiCount = new Int32Array(n * antiG.count);
  antiG.lists.forEach((gs, v) => { for (const g of gs) antiCount[vmHost[v]! * antiG.count + g]!++; });
  const affG = groupIds(vms, (vm) => vm.affinity);
  const affCsr = csr(affG.lists);
  // members of each affinity group in the plan's order (the first surviving one fixes the group's host)
  const local = new Map(keyed.map((x, v) => [x.plan, v]));
  const members: number[][] = Array.from({ length: affG.count }, () => []);
  planOrder.forEach((_, plan) => { const v = local.get(plan)!; for (const g of affG.lists[v]!) members[g]!.push(v); });
  const memberCsr = csr(members);
  return {
    hostIds: hosts.map((h) => h.id), hosts: n, limits, slack, invLimit, baseUsed, usable,
    vmIds: vms.map((v) => v.id), vmHost, hostVmStart: hostCsr.start, hostVms: hostCsr.items,
    clocks, clockOf: clock.of, demand, platforms: platform.reps.length, platformOf: platform.of, allowed,
    antiGroups: antiG.count, antiStart: antiCsr.start, anti: antiCsr.items, antiCount,
    affinityGroups: affG.count, affStart: affCsr.start, aff: affCsr.items, affMemberStart: memberCsr.start, affMembers: memberCsr.items,
  };
}
