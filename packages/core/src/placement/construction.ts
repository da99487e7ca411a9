import type { Host } from '../model/host.js';
import type { ResolvedPolicy } from '../model/policy.js';
import { RESOURCES, type Resource } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import type { Reason, Unplaced } from '../plan/types.js';
import { maxOf } from '../math/fold.js';
import { chooseHost } from './chooseHost.js';
import { CoincidentUse, type ResolvedCoincidence } from './coincidentUse.js';
import { emptyHosts } from './emptyHosts.js';
import { cmp, Farm, type FarmHost } from './farm.js';
import { fillHostByHost } from './fillHostByHost.js';
import { GreedyCandidates } from './greedyCandidates.js';
import { repairUnplaced } from './repairUnplaced.js';
import type { ResolvedScoring } from './scoring.js';
import type { PinnedVm } from './types.js';
import { fitSignature, type Unit } from './units.js';

/** How the free units are placed before repair and consolidation (internal). */
export type Strategy = 'greedy' | 'greedy-balance' | 'bin-centric';

/** Largest unit count for which the O(units^2) bin-centric construction runs. */
export const BIN_CENTRIC_LIMIT = 3000;

/** What one construction needs besides its strategy (internal). */
export interface ConstructionInput {
  readonly hosts: readonly Host[];
  readonly vmById: ReadonlyMap<string, Vm>;
  readonly units: readonly Unit[];
  readonly pinned: readonly PinnedVm[];
  readonly policy: ResolvedPolicy;
  readonly scoring: ResolvedScoring;
  /** Host-move evaluations for repair and the host-emptying phase. */
  readonly effort: number;
  readonly coincidence: ResolvedCoincidence | null;
}

/** A construction's farm, where each VM went, what was left out and the effort spent. */
export interface Construction {
  readonly farm: Farm;
  readonly placedOn: Map<string, FarmHost>;
  readonly unplaced: Unplaced[];
  readonly effortUsed: number;
  readonly strategy: Strategy;
}

type Fail = (vmsLeft: readonly Vm[], reasons: readonly Reason[]) => void;

const REFERENCE_HOST: Host = { id: 'reference', sockets: 1, coresPerSocket: 1, threadsPerCore: 1, clockGHz: 1, memoryGB: 1 };

/** Each unit's size: sum over weighted resources of its demand / the largest unit demand. */
function sizeOrder(units: readonly Unit[], farm: Farm, weights: Readonly<Record<Resource, number>>): Map<Unit, number> {
  const demands = units.map((u) => farm.unitDemand(u.vms, REFERENCE_HOST));
  const max = {} as Record<Resource, number>;
  for (const r of RESOURCES) max[r] = maxOf(demands, (d) => d[r], 0);
  return new Map(units.map((u, i) => {
    let s = 0;
    for (const r of RESOURCES) if (max[r] > 0) s += (weights[r] || 0.01) * demands[i]![r] / max[r];
    return [u, s];
  }));
}

/**
 * Units with pinned members go to their anchor host when they fit there; a unit anchored to two
 * hosts, holding an anti-affinity conflict, or not fitting its anchor fails with reasons.
 * Returns the units with no pinned member (free to place).
 */
function placeAnchored(farm: Farm, units: readonly Unit[], pinnedHost: ReadonlyMap<string, FarmHost>, placedOn: Map<string, FarmHost>, fail: Fail): Unit[] {
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
  return free;
}

/** The greedy construction: each unit, largest first, onto the best-scored host that can take it. Returns the units no host took. */
function placeGreedily(farm: Farm, ordered: readonly Unit[], unitHost: Map<Unit, FarmHost>, scoring: ResolvedScoring, withSignatures: boolean): Unit[] {
  const failed: Unit[] = [];
  const pools = new GreedyCandidates(farm);
  // hosts only fill up here, so a unit like one that fitted nowhere fits nowhere either
  const fitsNowhere = new Set<string>();
  for (const u of ordered) {
    const signature = withSignatures ? fitSignature(u) : null;
    if (signature !== null && fitsNowhere.has(signature)) { failed.push(u); continue; }
    const candidates = pools.fitting(u);
    if (candidates.length === 0) {
      failed.push(u);
      if (signature !== null) fitsNowhere.add(signature);
      continue;
    }
    const chosen = chooseHost(farm, u, candidates, scoring);
    farm.place(u.vms, chosen);
    pools.placed(chosen);
    unitHost.set(u, chosen);
  }
  return failed;
}

/**
 * The reasons of every unit left out, host by host. Units with the same fit signature (see
 * `fitSignature`; not under peak coincidence) share one list, computed once and naming the
 * first VM and how many more there are: 100,000 like VMs on 50 hosts give 50 reasons, not 5
 * million. O(distinct units x hosts).
 */
function failReasons(farm: Farm, failed: readonly Unit[], share: boolean, fail: Fail): void {
  const groups = new Map<string, Unit[]>();
  for (const u of failed) {
    const signature = share ? fitSignature(u) : null;
    if (signature === null) { fail(u.vms, farm.hosts.flatMap((fh) => farm.reasons(u.vms, fh, u.label))); continue; }
    const list = groups.get(signature);
    if (list) list.push(u);
    else groups.set(signature, [u]);
  }
  for (const list of groups.values()) {
    const first = list[0]!;
    const label = list.length === 1 ? first.label : `${first.label} (and ${list.length - 1} more VM${list.length === 2 ? '' : 's'} with the same demand)`;
    const reasons = farm.hosts.flatMap((fh) => farm.reasons(first.vms, fh, label));
    for (const u of list) fail(u.vms, reasons);
  }
}

/**
 * One construction on a fresh farm: pinned VMs, units anchored to them, then the free units
 * (largest first, each to the best-scored host; or host by host, the unit with the largest
 * dot product with the host's free capacity), a second chance for the units left out, and
 * for consolidation the host-emptying phase. O(units x hosts x resources) plus the effort.
 *
 * @example
 * runStrategy('greedy', input).unplaced // => []
 */
export function runStrategy(strategy: Strategy, input: ConstructionInput): Construction {
  const { hosts, vmById, units, pinned, policy, scoring, effort, coincidence } = input;
  const farm = new Farm(hosts, policy, coincidence ? new CoincidentUse(coincidence) : null);
  const pinnedHost = new Map<string, FarmHost>();
  for (const pin of [...pinned].sort((a, b) => cmp(a.vm, b.vm))) {
    const fh = farm.byId.get(pin.host)!;
    pinnedHost.set(pin.vm, fh);
    farm.place([vmById.get(pin.vm)!], fh);
    fh.pinned++;
  }
  const placedOn = new Map<string, FarmHost>(pinnedHost);
  const unitHost = new Map<Unit, FarmHost>();
  const unplaced: Unplaced[] = [];
  const fail: Fail = (vmsLeft, reasons) => { for (const vm of vmsLeft) unplaced.push({ vm: vm.id, reasons }); };
  // size order from the VMs alone (demand over the largest demand among the VMs, per resource,
  // CPU at a 1 GHz reference clock), so that adding or removing hosts does not reorder the VMs
  const unitSize = sizeOrder(units, farm, scoring.weights);
  const free = placeAnchored(farm, units, pinnedHost, placedOn, fail);
  const ordered = free.map((u) => ({ u, size: unitSize.get(u)! })).sort((a, b) => b.size - a.size || cmp(a.u.vms[0]!.id, b.u.vms[0]!.id)).map((x) => x.u);
  const failed = strategy === 'bin-centric'
    ? fillHostByHost(farm, ordered, unitHost, scoring)
    : placeGreedily(farm, ordered, unitHost, strategy === 'greedy-balance' ? { ...scoring, goal: 'balance' } : scoring, coincidence === null);
  let effortUsed = 0;
  let stillFailed = failed;
  if (failed.length > 0 && effort > 0) {
    const repaired = repairUnplaced(farm, unitHost, failed, scoring, effort);
    effortUsed += repaired.used;
    stillFailed = failed.filter((u) => !repaired.placed.has(u));
  }
  if (scoring.goal === 'consolidate' && effort > effortUsed) effortUsed += emptyHosts(farm, unitHost, scoring, effort - effortUsed);
  failReasons(farm, stillFailed, coincidence === null, fail);
  for (const [u, fh] of unitHost) for (const v of u.vms) placedOn.set(v.id, fh);
  return { farm, placedOn, unplaced, effortUsed, strategy };
}
