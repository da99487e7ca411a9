import { fits } from '../capacity/fits.js';
import { hostCapacity } from '../capacity/hostCapacity.js';
import { vmDemand } from '../capacity/vmDemand.js';
import type { HostCapacity } from '../capacity/types.js';
import { RESOURCES, addVectors, zeroVector, type ResourceVector } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import type { Placement, Reason, Unplaced } from '../plan/types.js';
import { bindingOf } from './hostLoads.js';
import type { ReplaceRequest, ReplaceResult } from './types.js';

interface Slot {
  readonly id: string;
  readonly cap: HostCapacity;
  used: ResourceVector;
  readonly vms: Vm[];
}

/**
 * The built-in re-placement: the displaced VMs, largest first (dominant share of the
 * survivors' total capacity, then id), each onto the surviving host it fills most (best fit
 * over every resource) among those where it fits, respecting anti-affinity, affinity,
 * reserves and platform rules. Deterministic. A VM that fits nowhere gets one reason per
 * host. O(displaced x hosts x resources).
 *
 * @example
 * bestFitReplace({ hosts, vms, pinned, displaced: ['v3'], policy }).placements // => [{ vm: 'v3', host: 'h2' }]
 */
export function bestFitReplace(request: ReplaceRequest): ReplaceResult {
  const { hosts, vms, pinned, displaced, policy } = request;
  const vmById = new Map(vms.map((v) => [v.id, v]));
  const slots = new Map<string, Slot>(hosts.map((h) => [h.id, { id: h.id, cap: hostCapacity(h, policy), used: zeroVector(), vms: [] }]));
  const hostById = new Map(hosts.map((h) => [h.id, h]));
  const affinityHost = new Map<string, string>();
  for (const p of pinned) {
    const vm = vmById.get(p.vm)!;
    const s = slots.get(p.host)!;
    s.used = addVectors(s.used, vmDemand(vm, hostById.get(p.host)!, policy).vector);
    s.vms.push(vm);
    for (const g of vm.affinity ?? []) if (!affinityHost.has(g)) affinityHost.set(g, p.host);
  }
  const alive = hosts.filter((h) => !h.unavailable);
  const total = alive.reduce((acc, h) => addVectors(acc, slots.get(h.id)!.cap.limits), zeroVector());
  const ref = alive[0];
  const size = (vm: Vm) => (ref ? bindingOf(vmDemand(vm, ref, policy).vector, total).share : 0);
  const order = displaced.map((id) => vmById.get(id)!).map((vm) => ({ vm, size: size(vm) }))
    .sort((a, b) => b.size - a.size || (a.vm.id < b.vm.id ? -1 : a.vm.id > b.vm.id ? 1 : 0));

  const placements: Placement[] = [];
  const unplaced: Unplaced[] = [];
  for (const { vm } of order) {
    const reasons: Reason[] = [];
    let best: { slot: Slot; demand: ResourceVector; fill: number } | undefined;
    for (const h of hosts) {
      const slot = slots.get(h.id)!;
      if (h.unavailable) {
        reasons.push({ kind: 'unavailable', host: h.id, message: `host ${h.id} is down in this failure set` });
        continue;
      }
      const fit = fits(vm, h, slot.used, policy, slot.cap);
      const before = reasons.length;
      if (!fit.ok) {
        for (const s of fit.shortfalls) reasons.push({ kind: 'capacity', host: h.id, shortfall: s, message: s.message });
        for (const v of fit.violations) reasons.push({ kind: 'platform', host: h.id, violation: v, message: v.message });
      }
      for (const g of vm.antiAffinity ?? []) {
        const other = slot.vms.find((o) => o.antiAffinity?.includes(g));
        if (other) reasons.push({ kind: 'anti-affinity', host: h.id, group: g, conflictingVm: other.id, message: `anti-affinity group ${g}: ${other.id} already runs on ${h.id}` });
      }
      for (const g of vm.affinity ?? []) {
        const at = affinityHost.get(g);
        if (at !== undefined && at !== h.id) reasons.push({ kind: 'affinity', host: h.id, group: g, message: `affinity group ${g} runs on ${at}` });
      }
      if (reasons.length > before) continue;
      const demand = vmDemand(vm, h, policy).vector;
      const after = addVectors(slot.used, demand);
      let fill = 0;
      for (const r of RESOURCES) if (Number.isFinite(slot.cap.limits[r]) && slot.cap.limits[r] > 0) fill += after[r] / slot.cap.limits[r];
      if (!best || fill > best.fill) best = { slot, demand, fill };
    }
    if (!best) {
      unplaced.push({ vm: vm.id, reasons });
      continue;
    }
    best.slot.used = addVectors(best.slot.used, best.demand);
    best.slot.vms.push(vm);
    for (const g of vm.affinity ?? []) if (!affinityHost.has(g)) affinityHost.set(g, best.slot.id);
    placements.push({ vm: vm.id, host: best.slot.id });
  }
  return { placements, unplaced };
}
