import { HostplanError, invalid } from '../errors.js';
import { policyAssumptions } from '../model/assumptions.js';
import type { Host } from '../model/host.js';
import type { Policy } from '../model/policy.js';
import { asResolved } from '../capacity/hostCapacity.js';
import { RESOURCES, type Resource, type ResourceVector } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import type { Assumption, HostUse, Placement, PlacementPlan, Reason, Unplaced } from '../plan/types.js';
import { chooseHost } from './chooseHost.js';
import { emptyHosts } from './emptyHosts.js';
import { repairUnplaced } from './repairUnplaced.js';
import { cmp, Farm, type FarmHost } from './farm.js';
import { hostLowerBound } from './hostLowerBound.js';
import { resolveScoring, scoringAssumptions } from './scoring.js';
import type { PlaceVmsOptions } from './types.js';
import { affinityUnits, type Unit } from './units.js';

/** Default effort of the host-emptying phase, in host-move evaluations. */
export const DEFAULT_PLACE_EFFORT = 20_000;

/**
 * Batch placement of VMs onto hosts. Hard filters: capacity on every resource after reserves
 * (`hostCapacity`, `vmDemand`), platform limits, the running-VM limit, anti-affinity,
 * affinity groups (placed together), pinned VMs (already running), unavailable hosts. Soft
 * scorers, normalised over the candidates and weighted, pick among the hosts that pass:
 * fill (`consolidate`: occupied hosts first, a new host only when none can take the VM, then
 * the largest) or spread (`balance`). Largest units first (demand over the largest
 * host limits, weighted like the scorers); consolidation then tries to empty the least-used
 * hosts within an effort budget, as packVectors' bin elimination does, never adding a host;
 * a VM that fits nowhere gets a second chance by moving one placed VM elsewhere.
 * Deterministic: hosts and VMs are taken in id order, so input order does not matter.
 * O(units x hosts x resources) plus the budget.
 *
 * @example
 * const plan = placeVms(hosts, vms, { goal: 'consolidate', pinned: [{ vm: 'sql-01', host: 'h1' }] });
 * plan.summary.hostsUsed   // => 3
 * plan.unplaced[0].reasons // => [{ kind: 'capacity', host: 'h1', shortfall: { resource: 'memoryMB', ... } }, ...]
 */
export function placeVms(hosts: readonly Host[], vms: readonly Vm[], options: PlaceVmsOptions = {}): PlacementPlan {
  const policy: Policy = options.policy ?? {};
  const resolved = asResolved(policy);
  const scoring = resolveScoring(options);
  const effort = options.effort ?? DEFAULT_PLACE_EFFORT;
  if (!(effort >= 0) || !Number.isFinite(effort)) invalid('options.effort', 'a finite number >= 0', effort);
  uniqueIds(hosts, 'hosts');
  uniqueIds(vms, 'vms');
  const farm = new Farm(hosts, resolved);
  const vmById = new Map(vms.map((v) => [v.id, v]));

  // pinned VMs: facts, placed first and exactly where they run
  const pinnedHost = new Map<string, FarmHost>();
  (options.pinned ?? []).forEach((pin, i) => {
    if (!vmById.has(pin.vm)) invalid(`options.pinned[${i}].vm`, 'the id of a VM in vms', pin.vm);
    const fh = farm.byId.get(pin.host);
    if (!fh) invalid(`options.pinned[${i}].host`, 'the id of a host in hosts', pin.host);
    if (fh.host.unavailable) invalid(`options.pinned[${i}].host`, 'an available host (this one is marked unavailable)', pin.host);
    if (pinnedHost.has(pin.vm)) throw new HostplanError('duplicate-id', `options.pinned[${i}].vm`, `VM ${pin.vm} is pinned twice`);
    pinnedHost.set(pin.vm, fh);
  });
  for (const [vmId, fh] of [...pinnedHost].sort((a, b) => cmp(a[0], b[0]))) {
    farm.place([vmById.get(vmId)!], fh);
    fh.pinned++;
  }

  const units = affinityUnits(vms);
  const placedOn = new Map<string, FarmHost>(pinnedHost);
  const unitHost = new Map<Unit, FarmHost>();
  const unplaced: Unplaced[] = [];
  const fail = (vmsLeft: readonly Vm[], reasons: readonly Reason[]) => { for (const vm of vmsLeft) unplaced.push({ vm: vm.id, reasons }); };

  // size order from the VMs alone (demand over the largest demand among the VMs, per resource,
  // CPU at a 1 GHz reference clock), so that adding or removing hosts does not reorder the VMs
  const unitSize = sizeOrder(units, farm, scoring.weights);
  const free: Unit[] = [];
  for (const unit of units) {
    const rest = unit.vms.filter((v) => !pinnedHost.has(v.id));
    if (rest.length === 0) continue;
    if (unit.conflict) {
      const c = unit.conflict;
      fail(rest, farm.hosts.map((fh) => ({ kind: 'affinity', host: fh.host.id, group: c.group, message: `${unit.label} holds ${c.a} and ${c.b} of anti-affinity group ${c.group}: no host can take both` })));
      continue;
    }
    const anchors = [...new Set(unit.vms.filter((v) => pinnedHost.has(v.id)).map((v) => pinnedHost.get(v.id)!))];
    if (anchors.length === 0) { free.push(unit); continue; }
    const label = rest.length === 1 ? `VM ${rest[0]!.id}` : `${rest.length} VMs of ${unit.label}`;
    if (anchors.length > 1) {
      fail(rest, farm.hosts.map((fh) => ({ kind: 'affinity', host: fh.host.id, group: unit.label, message: `${unit.label} has VMs pinned to ${anchors.map((a) => a.host.id).join(' and ')}` })));
      continue;
    }
    const anchor = anchors[0]!;
    const there = farm.reasons(rest, anchor, label);
    if (there.length === 0) {
      farm.place(rest, anchor);
      for (const v of rest) placedOn.set(v.id, anchor);
    } else {
      fail(rest, farm.hosts.flatMap((fh) => fh === anchor ? there : [{ kind: 'affinity' as const, host: fh.host.id, group: unit.label, message: `${unit.label} runs on ${anchor.host.id} (pinned)` }]));
    }
  }

  const failed: { u: Unit; reasons: Reason[] }[] = [];
  const keyed = free.map((u) => ({ u, k: unitSize.get(u)! })).sort((a, b) => b.k - a.k || cmp(a.u.vms[0]!.id, b.u.vms[0]!.id));
  for (const { u } of keyed) {
    const candidates = farm.hosts.filter((fh) => farm.fitsFast(u.vms, fh));
    if (candidates.length === 0) { failed.push({ u, reasons: farm.hosts.flatMap((fh) => farm.reasons(u.vms, fh, u.label)) }); continue; }
    const chosen = chooseHost(farm, u, candidates, scoring);
    farm.place(u.vms, chosen);
    unitHost.set(u, chosen);
  }

  let effortUsed = 0;
  if (failed.length > 0 && effort > 0) {
    const r = repairUnplaced(farm, unitHost, failed.map((f) => f.u), scoring, effort);
    effortUsed += r.used;
    for (const f of failed) if (!r.placed.has(f.u)) fail(f.u.vms, farm.hosts.flatMap((fh) => farm.reasons(f.u.vms, fh, f.u.label)));
  } else {
    for (const f of failed) fail(f.u.vms, f.reasons);
  }
  if (scoring.goal === 'consolidate' && effort > effortUsed) effortUsed += emptyHosts(farm, unitHost, scoring, effort - effortUsed);
  for (const [u, fh] of unitHost) for (const v of u.vms) placedOn.set(v.id, fh);

  const placements: Placement[] = [...placedOn].map(([vm, fh]) => ({ vm, host: fh.host.id })).sort((a, b) => cmp(a.vm, b.vm));
  unplaced.sort((a, b) => cmp(a.vm, b.vm));
  const hostUses: HostUse[] = farm.hosts.map((fh) => ({
    id: fh.host.id,
    ...(fh.host.model !== undefined && { model: fh.host.model }),
    used: { ...fh.used },
    capacity: { ...fh.capacity.limits },
    binding: fh.vms.length ? binding(fh.used, fh.capacity.limits) : null,
    vms: [...fh.vms].sort(cmp),
  }));
  const usedHosts = farm.hosts.filter((fh) => fh.vms.length > 0);
  const sum = (pick: (fh: FarmHost) => ResourceVector) => {
    const out = {} as ResourceVector;
    for (const r of RESOURCES) out[r] = usedHosts.reduce((s, fh) => s + pick(fh)[r], 0);
    return out;
  };
  const assumptions: Assumption[] = [
    ...policyAssumptions(policy),
    ...scoringAssumptions(options, scoring),
    { name: 'placement.effort', value: effort, unit: 'host-move evaluations', source: options.effort === undefined ? 'hostplan' : 'input', isDefault: options.effort === undefined },
    { name: 'placement.effortUsed', value: effortUsed, unit: 'host-move evaluations', source: 'hostplan: measured', isDefault: false },
    { name: 'placement.pinned', value: pinnedHost.size, unit: 'VMs', source: 'input', isDefault: options.pinned === undefined },
  ];
  return {
    placements,
    unplaced,
    hosts: hostUses,
    summary: {
      hostsUsed: usedHosts.length,
      lowerBound: hostLowerBound(hosts, vms, resolved),
      vmsPlaced: placements.length,
      vmsUnplaced: unplaced.length,
      binding: usedHosts.length ? binding(sum((fh) => fh.used), sum((fh) => fh.capacity.limits)) : null,
    },
    assumptions,
  };
}

/** The resource with the highest used / limit share (finite, positive limits only). */
export function binding(used: Readonly<ResourceVector>, limits: Readonly<ResourceVector>): Resource | null {
  let best: Resource | null = null;
  let share = -1;
  for (const r of RESOURCES) {
    const l = limits[r];
    if (!Number.isFinite(l) || l <= 0) continue;
    const s = used[r] / l;
    if (s > share + 1e-12) { share = s; best = r; }
  }
  return best;
}

function uniqueIds(items: readonly { id: string }[], path: string): void {
  const seen = new Set<string>();
  items.forEach((x, i) => {
    if (typeof x?.id !== 'string' || x.id === '') invalid(`${path}[${i}].id`, 'a non-empty string', x?.id);
    if (seen.has(x.id)) throw new HostplanError('duplicate-id', `${path}[${i}].id`, `duplicate id ${JSON.stringify(x.id)}`);
    seen.add(x.id);
  });
}

const REFERENCE_HOST: Host = { id: 'reference', sockets: 1, coresPerSocket: 1, threadsPerCore: 1, clockGHz: 1, memoryGB: 1 };

/** Each unit's size: sum over weighted resources of its demand / the largest unit demand. */
function sizeOrder(units: readonly Unit[], farm: Farm, weights: Readonly<Record<Resource, number>>): Map<Unit, number> {
  const demands = units.map((u) => farm.unitDemand(u.vms, REFERENCE_HOST));
  const max = {} as Record<Resource, number>;
  for (const r of RESOURCES) max[r] = Math.max(0, ...demands.map((d) => d[r]));
  return new Map(units.map((u, i) => {
    let s = 0;
    for (const r of RESOURCES) if (max[r] > 0) s += (weights[r] || 0.01) * demands[i]![r] / max[r];
    return [u, s];
  }));
}
