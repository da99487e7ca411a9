import { HostplanError, invalid } from '../errors.js';
import { policyAssumptions } from '../model/assumptions.js';
import type { Host } from '../model/host.js';
import type { Policy } from '../model/policy.js';
import { asResolved } from '../capacity/hostCapacity.js';
import { RESOURCES, type Resource, type ResourceVector } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import type { Assumption, HostUse, Placement, PlacementPlan } from '../plan/types.js';
import { BIN_CENTRIC_LIMIT, runStrategy, type Construction, type ConstructionInput } from './construction.js';
import { cmp, type FarmHost } from './farm.js';
import { hostLowerBound } from './hostLowerBound.js';
import { resolveScoring, scoringAssumptions, type ResolvedScoring } from './scoring.js';
import type { PinnedVm, PlaceVmsOptions } from './types.js';
import { affinityUnits } from './units.js';
import { coincidenceAssumptions, resolveCoincidence, withoutProfiledDemand } from './coincidentUse.js';
import { uniqueIds } from '../input/fields.js';
import { asHosts, asVms } from '../input/normalise.js';

/** Default effort of the host-emptying phase, in host-move evaluations. */
export const DEFAULT_PLACE_EFFORT = 20_000;

/** Throws at `options.pinned[i]` for a pin naming an unknown VM or host, an unavailable host, or a VM pinned twice. */
function checkPinned(pinned: readonly PinnedVm[], hosts: readonly Host[], vmById: ReadonlyMap<string, Vm>): void {
  pinned.forEach((pin, i) => {
    if (!vmById.has(pin.vm)) invalid(`options.pinned[${i}].vm`, 'the id of a VM in vms', pin.vm);
    const host = hosts.find((h) => h.id === pin.host);
    if (!host) invalid(`options.pinned[${i}].host`, 'the id of a host in hosts', pin.host);
    if (host.unavailable) invalid(`options.pinned[${i}].host`, 'an available host (this one is marked unavailable)', pin.host);
    if (pinned.findIndex((p) => p.vm === pin.vm) !== i) throw new HostplanError('duplicate-id', `options.pinned[${i}].vm`, `VM ${pin.vm} is pinned twice`);
  });
}

const hostsUsedBy = (c: Construction) => c.farm.hosts.filter((fh) => fh.vms.length > 0).length;

/**
 * The constructions a goal runs, best kept: the greedy one; for consolidation, when it leaves
 * VMs out or uses more hosts than the lower bound, the bin-centric one (up to
 * BIN_CENTRIC_LIMIT units) and, if VMs are still left out, the spreading greedy one; the plan
 * with the fewest VMs left out, then the fewest hosts.
 */
function bestConstruction(input: ConstructionInput, lowerBound: number, onProgress: PlaceVmsOptions['onProgress']): Construction {
  const consolidate = input.scoring.goal === 'consolidate';
  const constructions = consolidate ? 3 : 1;
  let best = runStrategy(consolidate ? 'greedy' : 'greedy-balance', input);
  onProgress?.(1, constructions);
  if (consolidate) {
    for (const strategy of ['bin-centric', 'greedy-balance'] as const) {
      if (best.unplaced.length === 0 && hostsUsedBy(best) <= lowerBound) break;
      if (strategy === 'bin-centric' && input.units.length > BIN_CENTRIC_LIMIT) continue;
      if (strategy === 'greedy-balance' && best.unplaced.length === 0) continue;
      const other = runStrategy(strategy, input);
      onProgress?.(strategy === 'bin-centric' ? 2 : 3, constructions);
      if (other.unplaced.length < best.unplaced.length || (other.unplaced.length === best.unplaced.length && hostsUsedBy(other) < hostsUsedBy(best))) best = other;
    }
  }
  onProgress?.(constructions, constructions);
  return best;
}

/** The plan of a construction: placements and unplaced VMs by id, each host's use, the summary and the assumptions. */
function planOf(best: Construction, lowerBound: number, assumptions: Assumption[]): PlacementPlan {
  const { farm, placedOn, unplaced } = best;
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
  const scoring: ResolvedScoring = resolveScoring(options);
  const effort = options.effort ?? DEFAULT_PLACE_EFFORT;
  if (!(effort >= 0) || !Number.isFinite(effort)) invalid('options.effort', 'a finite number >= 0', effort);
  uniqueIds(hosts, 'hosts');
  uniqueIds(vms, 'vms');
  const vmById = new Map(vms.map((v) => [v.id, v]));
  const units = affinityUnits(vms);
  checkPinned(options.pinned ?? [], hosts, vmById);
  const coincidence = options.coincidence === undefined ? null : resolveCoincidence(options.coincidence, vms);
  const lowerBound = hostLowerBound(hosts, coincidence ? withoutProfiledDemand(vms, coincidence) : vms, resolved);
  const input: ConstructionInput = { hosts, vmById, units, pinned: options.pinned ?? [], policy: resolved, scoring, effort, coincidence };
  const best = bestConstruction(input, lowerBound, options.onProgress);
  const assumptions: Assumption[] = [
    ...policyAssumptions(policy),
    ...scoringAssumptions(options, scoring),
    { name: 'placement.effort', value: effort, unit: 'host-move evaluations per construction', source: options.effort === undefined ? 'hostplan' : 'input', isDefault: options.effort === undefined },
    { name: 'placement.construction', value: best.strategy, source: 'hostplan: the construction with the fewest VMs left out, then the fewest hosts', isDefault: false },
    { name: 'placement.effortUsed', value: best.effortUsed, unit: 'host-move evaluations', source: 'hostplan: measured', isDefault: false },
    { name: 'placement.pinned', value: (options.pinned ?? []).length, unit: 'VMs', source: 'input', isDefault: options.pinned === undefined },
    ...coincidenceAssumptions(options.coincidence, coincidence),
  ];
  return planOf(best, lowerBound, assumptions);
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
