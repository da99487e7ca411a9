import { asResolved } from '../capacity/hostCapacity.js';
import { HostplanError, invalid } from '../errors.js';
import type { Host } from '../model/host.js';
import { RESOURCES, type ResourceVector } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import { Farm, type FarmHost } from './farm.js';
import { resolveScoring, scoreHosts, starsOf } from './scoring.js';
import type { HostRating, RateHostsOptions } from './types.js';

/**
 * Rates every host for one VM, like SCVMM's Get-VMHostRating: 0 to 5 stars in half steps,
 * the 0..1 score and each scorer's contribution, the margin left on every resource after
 * placing the VM, and for a zero rating the structured reasons and what would have to
 * change ("needs 1,200 MB more memoryMB ..."). Zero stars exactly where the VM does not fit
 * (capacity, platform limits, unavailable host) or breaks anti-affinity with a placed VM.
 * Hosts in the input order. O(hosts x resources + placed).
 *
 * @example
 * // pack vs spread on the same farm choose opposite hosts (two 32 GB hosts, 'busy' runs a 16 GB VM):
 * rateHosts([busy, idle], vm4GB, { placed, goal: 'consolidate' }).map((r) => r.stars) // => [5, 2]
 * rateHosts([busy, idle], vm4GB, { placed, goal: 'balance' }).map((r) => r.stars)     // => [2.5, 5]
 */
export function rateHosts(hosts: readonly Host[], vm: Vm, options: RateHostsOptions = {}): HostRating[] {
  const policy = asResolved(options.policy);
  const scoring = resolveScoring(options);
  const ids = new Set<string>();
  hosts.forEach((h, i) => {
    if (ids.has(h.id)) throw new HostplanError('duplicate-id', `hosts[${i}].id`, `duplicate id ${JSON.stringify(h.id)}`);
    ids.add(h.id);
  });
  const farm = new Farm(hosts, policy);
  const placedIds = new Map<string, number>();
  (options.placed ?? []).forEach((p, i) => {
    const first = placedIds.get(p.vm.id);
    if (first !== undefined) throw new HostplanError('duplicate-id', `options.placed[${i}].vm.id`, `duplicate VM id ${JSON.stringify(p.vm.id)} (first at options.placed[${first}])`);
    placedIds.set(p.vm.id, i);
    const fh = farm.byId.get(p.host);
    if (!fh) invalid(`options.placed[${i}].host`, 'the id of a host in hosts', p.host);
    farm.place([p.vm], fh);
  });
  const label = `VM ${vm.id}`;
  const rows = hosts.map((h) => {
    const fh = farm.byId.get(h.id)!;
    return { fh, demand: farm.demand(vm, h), reasons: farm.reasons([vm], fh, label) };
  });
  const ok = rows.filter((r) => r.reasons.length === 0);
  const scored = scoreHosts(ok.map((r) => r.fh), ok.map((r) => r.demand), scoring, true);
  const scoreOf = new Map<FarmHost, (typeof scored)[number]>(ok.map((r, i) => [r.fh, scored[i]!]));
  return rows.map(({ fh, demand, reasons }) => {
    const margins = {} as ResourceVector;
    for (const r of RESOURCES) margins[r] = fh.capacity.limits[r] - fh.used[r] - demand[r];
    const s = scoreOf.get(fh);
    return {
      host: fh.host.id,
      stars: s ? starsOf(s.score) : 0,
      score: s ? s.score : 0,
      contributions: s ? s.contributions : [],
      margins,
      reasons,
      changes: reasons.map((r) => changeFor(r)),
    };
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
