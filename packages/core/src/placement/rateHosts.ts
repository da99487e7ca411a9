import { asResolved } from '../capacity/hostCapacity.js';
import { HostplanError, invalid } from '../errors.js';
import type { Host } from '../model/host.js';
import { RESOURCES, type ResourceVector } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import { absoluteScore } from './absoluteScore.js';
import { cmp, Farm, type FarmHost } from './farm.js';
import { differencesFromBest, explainRating } from './ratingExplanation.js';
import { resolvePlacedVms } from './resolvePlaced.js';
import { resolveScoring, starsOf, type ResolvedScoring } from './scoring.js';
import type { HostRating, RateHostsOptions } from './types.js';
import { uniqueIds } from '../input/fields.js';
import { asHosts, asVm } from '../input/normalise.js';

/**
 * Rates every host for one VM, like SCVMM's Get-VMHostRating: 0 to 5 stars in half steps,
 * absolute (a host's stars depend on that host, its running VMs, the VM and the goal alone,
 * never on which other hosts are rated). The score is the weighted mean, over the weighted
 * resources with a finite limit, of the headroom left after placing the VM (`balance`) or of
 * the fullness (`consolidate`, plus an "occupied" factor); stars = max(0.5, round(score x 10)
 * / 2). Zero stars exactly where the VM does not fit (capacity, platform limits, unavailable
 * host) or breaks anti-affinity with a placed VM, with the reasons and what would have to
 * change. Sorted best first (stars, then score, then host id); the first is `recommended`
 * when it has stars; every host has an `explanation`, and `versusBest` lists the figures that
 * separate it from the recommended host. O(hosts x resources + placed + hosts log hosts).
 *
 * @example
 * // two 32 GB hosts, 'busy' runs a 16 GB VM; a 4 GB VM:
 * rateHosts([busy, idle], vm4GB, { placed, goal: 'balance' }).map((r) => `${r.host} ${r.stars}`) // => ['idle 4.5', 'busy 3.5']
 * rateHosts([busy, idle], vm4GB, { placed, goal: 'balance' })[1].explanation
 * // => '3.5 stars vs 4.5 on idle: memory after placement 64 % vs 13 % on idle; CPU after placement 6 % vs 3 % on idle'
 */
export function rateHosts(hosts: readonly Host[], vm: Vm, options: RateHostsOptions = {}): HostRating[] {
  vm = asVm(vm, 'vm');
  const { farm, scoring } = ratingFarm(hosts, options);
  return rankRatings(farm.hosts.map((fh) => ratingRow(farm, fh, vm, scoring)), vm.id);
}

/** The farm with its running VMs placed, and the scoring, for rating (internal); checks the ids. */
export function ratingFarm(hosts: readonly Host[], options: RateHostsOptions): { farm: Farm; scoring: ResolvedScoring } {
  hosts = asHosts(hosts, 'hosts');
  const policy = asResolved(options.policy);
  const scoring = resolveScoring(options);
  uniqueIds(hosts, 'hosts');
  const farm = new Farm(hosts, policy);
  const placedIds = new Map<string, number>();
  resolvePlacedVms(options.placed ?? [], options.vms).forEach((p, i) => {
    const first = placedIds.get(p.vm.id);
    if (first !== undefined) throw new HostplanError('duplicate-id', `options.placed[${i}].vm.id`, `duplicate VM id ${JSON.stringify(p.vm.id)} (first at options.placed[${first}])`);
    placedIds.set(p.vm.id, i);
    const fh = farm.byId.get(p.host);
    if (!fh) invalid(`options.placed[${i}].host`, 'the id of a host in hosts', p.host);
    farm.place([p.vm], fh);
  });
  return { farm, scoring };
}

/** A host's rating before ranking (internal): stars, score, parts, margins, reasons. */
export type RatingRow = Omit<HostRating, 'recommended' | 'versusBest' | 'explanation'>;

/** Rates one host of the farm for the VM (internal; the farm holds the running VMs). O(resources + VM rules). */
export function ratingRow(farm: Farm, fh: FarmHost, vm: Vm, scoring: ResolvedScoring): RatingRow {
  const demand = farm.demand(vm, fh.host);
  const reasons = farm.reasons([vm], fh, `VM ${vm.id}`);
  const margins = {} as ResourceVector;
  for (const r of RESOURCES) margins[r] = fh.capacity.limits[r] - fh.used[r] - demand[r];
  const s = reasons.length === 0 ? absoluteScore(fh.capacity.limits, fh.used, demand, fh.vms.length > 0, scoring, true) : null;
  return {
    host: fh.host.id,
    stars: s ? starsOf(s.score) : 0,
    score: s ? s.score : 0,
    contributions: s ? s.contributions : [],
    margins,
    reasons,
    changes: reasons.map((r) => changeFor(r)),
  };
}

/** Sorts rows best first (stars, score, host id), names the recommended one and explains each (internal). */
export function rankRatings(rows: RatingRow[], vmId: string): HostRating[] {
  rows.sort((a, b) => b.stars - a.stars || b.score - a.score || cmp(a.host, b.host));
  const best = rows[0] !== undefined && rows[0].stars > 0 ? rows[0] : null;
  return rows.map((r) => {
    const versusBest = best !== null && r !== best && r.stars > 0 ? differencesFromBest(r, best) : [];
    return { ...r, recommended: r === best, versusBest, explanation: explainRating(r, best, versusBest, vmId) };
  });
}

function changeFor(r: HostRating['reasons'][number]): string {
  switch (r.kind) {
    case 'capacity': return r.shortfall.message;
    case 'platform': return `${r.violation.message}: change the VM or the host's platform`;
    case 'anti-affinity': return `move ${r.conflictingVm} off ${r.host}, or take the VM out of anti-affinity group ${r.group}`;
    case 'affinity': return r.message;
    case 'unavailable': return `bring host ${r.host} back into service`;
  }
}
