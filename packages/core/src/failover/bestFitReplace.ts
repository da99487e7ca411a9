import { tolerance } from '../capacity/fits.js';
import { capacityOf } from './capacityCache.js';
import { platformViolations } from '../capacity/platformRules.js';
import { demandVector } from '../capacity/vmDemand.js';
import { asVm } from '../input/normalise.js';
import type { HostCapacity } from '../capacity/types.js';
import type { Host } from '../model/host.js';
import type { ResolvedPolicy } from '../model/policy.js';
import { RESOURCES, addVectors, zeroVector, type ResourceVector } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import type { Placement, Unplaced } from '../plan/types.js';
import { reasonsOn } from './hostReasons.js';
import { withLazyReasons } from './strandedReasons.js';
import { bindingOf } from './hostLoads.js';
import type { ReplaceRequest, ReplaceResult } from './types.js';
import { maxOf } from '../math/fold.js';

interface Slot {
  readonly host: Host;
  readonly cap: HostCapacity;
  used: ResourceVector;
  readonly vms: Vm[];
}

// Memo tables (pure: the same inputs give the same vectors), keyed by object identity so that
// repeated re-placements of one farm (every failure set) compute each demand and capacity once.
const DEMANDS = new WeakMap<ResolvedPolicy, WeakMap<Vm, Map<number, ResourceVector>>>();
const ALLOWED = new WeakMap<ResolvedPolicy, WeakMap<Vm, Map<string, boolean>>>();

function table<K extends object, V>(outer: WeakMap<ResolvedPolicy, WeakMap<K, V>>, policy: ResolvedPolicy): WeakMap<K, V> {
  let t = outer.get(policy);
  if (!t) outer.set(policy, (t = new WeakMap()));
  return t;
}

/** Demand vectors per VM and host clock (all vmDemand depends on), capacities per host, platform checks per VM and platform. */
function demandCache(policy: ResolvedPolicy) {
  const demands = table(DEMANDS, policy);
  const allowed = table(ALLOWED, policy);
  return {
    demand(vm: Vm, host: Host): ResourceVector {
      let byClock = demands.get(vm);
      if (!byClock) demands.set(vm, (byClock = new Map()));
      let d = byClock.get(host.clockGHz);
      if (!d) byClock.set(host.clockGHz, (d = demandVector(asVm(vm, 'vm'), host.clockGHz, policy)));
      return d;
    },
    capacity(host: Host): HostCapacity {
      return capacityOf(host, policy);
    },
    allowed(vm: Vm, host: Host, cap: HostCapacity): boolean {
      let byPlatform = allowed.get(vm);
      if (!byPlatform) allowed.set(vm, (byPlatform = new Map()));
      let ok = byPlatform.get(cap.platform.id);
      if (ok === undefined) byPlatform.set(cap.platform.id, (ok = platformViolations(vm, { ...host, unavailable: false }, cap.platform).length === 0));
      return ok;
    },
  };
}

function fitsFast(demand: ResourceVector, used: ResourceVector, limits: ResourceVector): boolean {
  for (const r of RESOURCES) if (demand[r] > limits[r] - used[r] + tolerance(limits[r])) return false;
  return true;
}

/**
 * The built-in re-placement: the displaced VMs, most constrained first (members of the largest
 * anti-affinity groups), then largest first (dominant share of the survivors' total capacity,
 * then id), each onto the surviving host it fills most (best fit,
 * the sum of used / limit over every resource) among those where it fits, respecting
 * anti-affinity, affinity, reserves and platform rules. Deterministic. A VM that fits nowhere
 * gets one reason per host, on the layout after every restart, built when first read. Also packs a fresh farm (every VM displaced, none pinned).
 * O(displaced x hosts x resources).
 *
 * @example
 * bestFitReplace({ hosts, vms, pinned, displaced: ['v3'], policy }).placements // => [{ vm: 'v3', host: 'h2' }]
 */
export function bestFitReplace(request: ReplaceRequest): ReplaceResult {
  const { hosts, vms, pinned, displaced, policy } = request;
  const cache = demandCache(policy);
  const vmById = new Map(vms.map((v) => [v.id, v]));
  const slots = new Map<string, Slot>(hosts.map((h) => [h.id, { host: h, cap: cache.capacity(h), used: zeroVector(), vms: [] }]));
  const affinityHost = new Map<string, string>();
  const groupsOn = new Map<string, Set<string>>(hosts.map((h) => [h.id, new Set<string>()]));
  const put = (vm: Vm, slot: Slot) => {
    slot.used = addVectors(slot.used, cache.demand(vm, slot.host));
    slot.vms.push(vm);
    for (const g of vm.antiAffinity ?? []) groupsOn.get(slot.host.id)!.add(g);
    for (const g of vm.affinity ?? []) if (!affinityHost.has(g)) affinityHost.set(g, slot.host.id);
  };
  for (const p of pinned) put(vmById.get(p.vm)!, slots.get(p.host)!);
  const alive = [...slots.values()].filter((s) => !s.host.unavailable);
  const total = alive.reduce((acc, s) => addVectors(acc, s.cap.limits), zeroVector());
  const ref = alive[0]?.host;
  // most constrained first: members of the largest anti-affinity groups, then the largest VMs
  const groupSize = new Map<string, number>();
  for (const id of displaced) for (const g of vmById.get(id)!.antiAffinity ?? []) groupSize.set(g, (groupSize.get(g) ?? 0) + 1);
  const constraint = (vm: Vm) => maxOf(vm.antiAffinity ?? [], (g) => groupSize.get(g) ?? 0, 0);
  const order = displaced.map((id) => vmById.get(id)!).map((vm) => ({ vm, group: constraint(vm), size: ref ? bindingOf(cache.demand(vm, ref), total).share : 0 }))
    .sort((a, b) => b.group - a.group || b.size - a.size || (a.vm.id < b.vm.id ? -1 : a.vm.id > b.vm.id ? 1 : 0));

  const placements: Placement[] = [];
  const stranded: Vm[] = [];
  for (const { vm } of order) {
    let best: Slot | undefined;
    let bestFill = -1;
    for (const slot of alive) {
      const d = cache.demand(vm, slot.host);
      if (!fitsFast(d, slot.used, slot.cap.limits) || !cache.allowed(vm, slot.host, slot.cap)) continue;
      const on = groupsOn.get(slot.host.id)!;
      if ((vm.antiAffinity ?? []).some((g) => on.has(g))) continue;
      if ((vm.affinity ?? []).some((g) => affinityHost.has(g) && affinityHost.get(g) !== slot.host.id)) continue;
      let fill = 0;
      for (const r of RESOURCES) {
        const l = slot.cap.limits[r];
        if (Number.isFinite(l) && l > 0) fill += (slot.used[r] + d[r]) / l;
      }
      if (fill > bestFill) [best, bestFill] = [slot, fill];
    }
    if (best) {
      put(vm, best);
      placements.push({ vm: vm.id, host: best.host.id });
    } else {
      stranded.push(vm);
    }
  }
  // explained on the layout every restart left (use only grows, so each still fits nowhere),
  // when first read: an engine's answer is often discarded for a better one
  const unplaced: Unplaced[] = stranded.map((vm) => withLazyReasons(vm.id, () => hosts.flatMap((h) => reasonsOn(vm, slots.get(h.id)!, policy, affinityHost))));
  return { placements, unplaced };
}
