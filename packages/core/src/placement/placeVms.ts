import { HostplanError, invalid } from '../errors.js';
import { policyAssumptions } from '../model/assumptions.js';
import type { Host } from '../model/host.js';
import type { Policy, ResolvedPolicy } from '../model/policy.js';
import { asResolved } from '../capacity/hostCapacity.js';
import { RESOURCES, type Resource, type ResourceVector } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import type { Assumption, HostUse, Placement, PlacementPlan, Reason, Unplaced } from '../plan/types.js';
import { chooseHost } from './chooseHost.js';
import { GreedyCandidates } from './greedyCandidates.js';
import { emptyHosts } from './emptyHosts.js';
import { repairUnplaced } from './repairUnplaced.js';
import { cmp, Farm, type FarmHost } from './farm.js';
import { hostLowerBound } from './hostLowerBound.js';
import { resolveScoring, scoringAssumptions, type ResolvedScoring } from './scoring.js';
import type { PinnedVm, PlaceVmsOptions } from './types.js';
import type { CoincidenceOptions } from './coincidenceTypes.js';
import { affinityUnits, fitSignature, type Unit } from './units.js';
import { coincidenceAssumptions, CoincidentUse, resolveCoincidence, withoutProfiledDemand, type ResolvedCoincidence } from './coincidentUse.js';
import { maxOf } from '../math/fold.js';
import { uniqueIds } from '../input/fields.js';
import { asHosts, asVms } from '../input/normalise.js';

/** Default effort of the host-emptying phase, in host-move evaluations. */
export const DEFAULT_PLACE_EFFORT = 20_000;

/**
 * Batch placement of VMs onto hosts. Hard filters: capacity on every resource after reserves
 * (`hostCapacity`, `vmDemand`), platform limits, the running-VM limit, anti-affinity,
 * affinity groups (placed together), pinned VMs (already running), unavailable hosts. Soft
 * scorers, normalised over the candidates and weighted, pick among the hosts that pass:
 * fill (`consolidate`: occupied hosts first, a new host only when none can take the VM, then
 * the largest) or spread (`balance`). Consolidation also tries a host-by-host bin-centric
 * construction (and, if VMs are still left out, the spreading one) and keeps the plan with
 * the fewest VMs left out, then the fewest hosts. Largest units first (demand over the largest
 * host limits, weighted like the scorers); consolidation then tries to empty the least-used
 * hosts within an effort budget, as packVectors' bin elimination does, never adding a host;
 * a VM that fits nowhere gets a second chance by moving one placed VM elsewhere.
 * Deterministic: hosts and VMs are taken in id order, so input order does not matter.
 * With `coincidence` (peak coincidence, off by default), a host's use of each profiled
 * resource is the percentile of its VMs' summed series (see {@link CoincidenceOptions}): every
 * filter, scorer and the plan's `used` take that figure; fit tests cost O(points) where the
 * VM's range does not decide them.
 * O(units x hosts x resources) plus the budget.
 *
 * @example
 * const plan = placeVms(hosts, vms, { goal: 'consolidate', pinned: [{ vm: 'sql-01', host: 'h1' }] });
 * plan.summary.hostsUsed   // => 3
 * plan.unplaced[0].reasons // => [{ kind: 'capacity', host: 'h1', shortfall: { resource: 'memoryMB', ... } }, ...]
 */
export function placeVms(hosts: readonly Host[], vms: readonly Vm[], options: PlaceVmsOptions = {}): PlacementPlan {
  hosts = asHosts(hosts, 'hosts');
  vms = asVms(vms, 'vms');
  const policy: Policy = options.policy ?? {};
  const resolved = asResolved(policy);
  const scoring = resolveScoring(options);
  const effort = options.effort ?? DEFAULT_PLACE_EFFORT;
  if (!(effort >= 0) || !Number.isFinite(effort)) invalid('options.effort', 'a finite number >= 0', effort);
  uniqueIds(hosts, 'hosts');
  uniqueIds(vms, 'vms');
  const vmById = new Map(vms.map((v) => [v.id, v]));
  const units = affinityUnits(vms);
  (options.pinned ?? []).forEach((pin, i) => {
    if (!vmById.has(pin.vm)) invalid(`options.pinned[${i}].vm`, 'the id of a VM in vms', pin.vm);
    const host = hosts.find((h) => h.id === pin.host);
    if (!host) invalid(`options.pinned[${i}].host`, 'the id of a host in hosts', pin.host);
    if (host.unavailable) invalid(`options.pinned[${i}].host`, 'an available host (this one is marked unavailable)', pin.host);
    if ((options.pinned ?? []).findIndex((p) => p.vm === pin.vm) !== i) throw new HostplanError('duplicate-id', `options.pinned[${i}].vm`, `VM ${pin.vm} is pinned twice`);
  });

  const coincidence = options.coincidence === undefined ? null : resolveCoincidence(options.coincidence, vms);
  const lowerBound = hostLowerBound(hosts, coincidence ? withoutProfiledDemand(vms, coincidence) : vms, resolved);
  const run = (strategy: Strategy) => runStrategy(strategy, hosts, vmById, units, options.pinned ?? [], resolved, scoring, effort, coincidence);
  const constructions = scoring.goal === 'consolidate' ? 3 : 1;
  let best = run(scoring.goal === 'consolidate' ? 'greedy' : 'greedy-balance');
  options.onProgress?.(1, constructions);
  if (scoring.goal === 'consolidate') {
    // other constructions when the first leaves VMs out or uses more hosts than the bound
    for (const strategy of ['bin-centric', 'greedy-balance'] as const) {
      if (best.unplaced.length === 0 && best.farm.hosts.filter((fh) => fh.vms.length > 0).length <= lowerBound) break;
      if (strategy === 'bin-centric' && units.length > BIN_CENTRIC_LIMIT) continue;
      if (strategy === 'greedy-balance' && best.unplaced.length === 0) continue;
      const other = run(strategy);
      options.onProgress?.(strategy === 'bin-centric' ? 2 : 3, constructions);
      const hostsOf = (r: typeof best) => r.farm.hosts.filter((fh) => fh.vms.length > 0).length;
      if (other.unplaced.length < best.unplaced.length || (other.unplaced.length === best.unplaced.length && hostsOf(other) < hostsOf(best))) best = other;
    }
  }
  options.onProgress?.(constructions, constructions);
  const { farm, placedOn, unplaced, effortUsed, strategy } = best;

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
    { name: 'placement.effort', value: effort, unit: 'host-move evaluations per construction', source: options.effort === undefined ? 'hostplan' : 'input', isDefault: options.effort === undefined },
    { name: 'placement.construction', value: strategy, source: 'hostplan: the construction with the fewest VMs left out, then the fewest hosts', isDefault: false },
    { name: 'placement.effortUsed', value: effortUsed, unit: 'host-move evaluations', source: 'hostplan: measured', isDefault: false },
    { name: 'placement.pinned', value: (options.pinned ?? []).length, unit: 'VMs', source: 'input', isDefault: options.pinned === undefined },
    ...coincidenceAssumptions(options.coincidence, coincidence),
  ];
  return {
    placements,
    unplaced,
    hosts: hostUses,
    summary: {
      hostsUsed: usedHosts.length,
      lowerBound,
      vmsPlaced: placements.length,
      vmsUnplaced: unplaced.length,
      binding: usedHosts.length ? binding(sum((fh) => fh.used), sum((fh) => fh.capacity.limits)) : null,
    },
    assumptions,
  };
}

/**
 * The resource with the highest used / limit share (finite, positive limits only): what
 * stops a host from taking more. O(resources).
 *
 * @example
 * binding({ ...zeroVector(), memoryMB: 16000, cpuGHz: 2 }, hostCapacity(host2008).limits) // => 'memoryMB'
 */
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

/** How the free units are placed before repair and consolidation (internal). */
type Strategy = 'greedy' | 'greedy-balance' | 'bin-centric';

/** Largest unit count for which the O(units^2) bin-centric construction runs. */
const BIN_CENTRIC_LIMIT = 3000;

/**
 * One construction on a fresh farm: pinned VMs, units anchored to them, then the free units
 * (largest first, each to the best-scored host; or host by host, the unit with the largest
 * dot product with the host's free capacity), a second chance for the units left out, and
 * for consolidation the host-emptying phase.
 */
function runStrategy(strategy: Strategy, hosts: readonly Host[], vmById: ReadonlyMap<string, Vm>, units: readonly Unit[], pinned: readonly PinnedVm[],
  policy: ResolvedPolicy, scoring: ResolvedScoring, effort: number, coincidence: ResolvedCoincidence | null) {
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

  const ordered = free.map((u) => ({ u, k: unitSize.get(u)! })).sort((a, b) => b.k - a.k || cmp(a.u.vms[0]!.id, b.u.vms[0]!.id)).map((x) => x.u);
  const failed: Unit[] = strategy === 'bin-centric' ? fillHostByHost(farm, ordered, unitHost, scoring) : [];
  if (strategy !== 'bin-centric') {
    const s: ResolvedScoring = strategy === 'greedy-balance' ? { ...scoring, goal: 'balance' } : scoring;
    const pools = new GreedyCandidates(farm);
    // hosts only fill up here, so a unit like one that fitted nowhere fits nowhere either
    const fitsNowhere = new Set<string>();
    for (const u of ordered) {
      const signature = coincidence ? null : fitSignature(u);
      if (signature !== null && fitsNowhere.has(signature)) { failed.push(u); continue; }
      const candidates = pools.fitting(u);
      if (candidates.length === 0) {
        failed.push(u);
        if (signature !== null) fitsNowhere.add(signature);
        continue;
      }
      const chosen = chooseHost(farm, u, candidates, s);
      farm.place(u.vms, chosen);
      pools.placed(chosen);
      unitHost.set(u, chosen);
    }
  }

  let effortUsed = 0;
  let stillFailed = failed;
  if (failed.length > 0 && effort > 0) {
    const r = repairUnplaced(farm, unitHost, failed, scoring, effort);
    effortUsed += r.used;
    stillFailed = failed.filter((u) => !r.placed.has(u));
  }
  if (scoring.goal === 'consolidate' && effort > effortUsed) effortUsed += emptyHosts(farm, unitHost, scoring, effort - effortUsed);
  failReasons(farm, stillFailed, coincidence === null, fail);
  for (const [u, fh] of unitHost) for (const v of u.vms) placedOn.set(v.id, fh);
  return { farm, placedOn, unplaced, effortUsed, strategy };
}

/**
 * The reasons of every unit left out, host by host. Units with the same fit signature (see
 * `fitSignature`; not under peak coincidence) share one list, computed once and naming the
 * first VM and how many more there are: 100,000 like VMs on 50 hosts give 50 reasons, not 5
 * million. O(distinct units x hosts).
 */
function failReasons(farm: Farm, failed: readonly Unit[], share: boolean, fail: (vms: readonly Vm[], reasons: readonly Reason[]) => void): void {
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
 * Bin-centric construction on a farm (Panigrahy et al.'s DotProduct, per host): occupied hosts
 * first, then the others by decreasing weighted capacity; each takes, while any fits, the
 * unit whose demand (over the host's limits) has the largest weighted dot product with the
 * host's free share. Returns the units no host took. O(units^2 + hosts x units).
 */
function fillHostByHost(farm: Farm, ordered: readonly Unit[], unitHost: Map<Unit, FarmHost>, scoring: ResolvedScoring): Unit[] {
  const w = scoring.weights;
  const ref = {} as Record<Resource, number>;
  for (const r of RESOURCES) ref[r] = maxOf(farm.hosts, (fh) => (Number.isFinite(fh.capacity.limits[r]) ? fh.capacity.limits[r] : 0), 0);
  const size = (fh: FarmHost) => RESOURCES.reduce((s, r) => s + (ref[r] > 0 && Number.isFinite(fh.capacity.limits[r]) ? (w[r] || 0.01) * fh.capacity.limits[r] / ref[r] : 0), 0);
  const order = farm.hosts.filter((fh) => !fh.host.unavailable)
    .map((fh) => ({ fh, occupied: fh.vms.length > 0 ? 1 : 0, k: size(fh) }))
    .sort((a, b) => b.occupied - a.occupied || b.k - a.k || cmp(a.fh.host.id, b.fh.host.id)).map((x) => x.fh);
  let left = [...ordered];
  for (const fh of order) {
    const limits = fh.capacity.limits;
    for (;;) {
      let best = -1;
      let bestScore = -Infinity;
      for (let j = 0; j < left.length; j++) {
        const u = left[j]!;
        if (!farm.fitsFast(u.vms, fh)) continue;
        const d = farm.unitDemand(u.vms, fh.host);
        let score = 0;
        for (const r of RESOURCES) {
          const l = limits[r];
          if (Number.isFinite(l) && l > 0) score += (w[r] || 0.01) * (d[r] / l) * ((l - fh.used[r]) / l);
        }
        if (score > bestScore) { bestScore = score; best = j; }
      }
      if (best < 0) break;
      const u = left[best]!;
      farm.place(u.vms, fh);
      unitHost.set(u, fh);
      left = left.filter((_, j) => j !== best);
    }
    if (left.length === 0) break;
  }
  return left;
}
