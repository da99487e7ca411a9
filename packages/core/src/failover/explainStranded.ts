import { capacityOf } from './capacityCache.js';
import { demandVector } from '../capacity/vmDemand.js';
import { asVm } from '../input/normalise.js';
import type { HostCapacity } from '../capacity/types.js';
import type { Host } from '../model/host.js';
import { addVectors, zeroVector, type ResourceVector } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import { reasonsOn } from './hostReasons.js';
import { withLazyReasons } from './strandedReasons.js';
import type { Replacer, ReplaceRequest, ReplaceResult } from './types.js';

/** A host as a re-placement left it (`HostState`, filled in place). */
interface Slot {
  readonly host: Host;
  readonly cap: HostCapacity;
  used: ResourceVector;
  readonly vms: Vm[];
}

/**
 * The hosts of a request as `result` left them: the pinned VMs (in the request's order), then
 * the restarted ones (in the result's order), their demands summed in that order; and the host
 * each affinity group is bound to (the first VM of the group placed, in the same order).
 */
function layoutAfter(req: ReplaceRequest, result: ReplaceResult): { states: Map<string, Slot>; affinityHost: Map<string, string> } {
  const vmById = new Map(req.vms.map((v) => [v.id, v]));
  const states = new Map(req.hosts.map((h): [string, Slot] => [h.id, { host: h, cap: capacityOf(h, req.policy), used: zeroVector(), vms: [] }]));
  const affinityHost = new Map<string, string>();
  for (const p of [...req.pinned, ...result.placements]) {
    const vm = vmById.get(p.vm)!;
    const s = states.get(p.host)!;
    s.used = addVectors(s.used, demandVector(asVm(vm, 'vm'), s.host.clockGHz, req.policy));
    s.vms.push(vm);
    for (const g of vm.affinity ?? []) if (!affinityHost.has(g)) affinityHost.set(g, p.host);
  }
  return { states, affinityHost };
}

/**
 * Wraps a re-placement engine so that every VM it leaves unplaced is explained in the words of
 * the failover check (`reasonsOn`: one reason per host, on the layout after the restarts), whichever
 * engine inside placed the others: the placement engine (`placeVms`) words its own reasons for a
 * fresh placement ("marked unavailable", and in another order), and the check's stranded VMs must
 * read the same whichever engine of the portfolio won. Built when first read, as bestFitReplace's.
 * O(1) until read; then O(hosts x VMs on them) once per result.
 *
 * @example
 * const replace = explainedOnLayout(portfolio(bestFitReplace, placementReplace()));
 * replace(request).unplaced[0].reasons[0].message // => 'host h1 is down in this failure set'
 */
export function explainedOnLayout(engine: Replacer): Replacer {
  return (req) => {
    const result = engine(req);
    if (result.unplaced.length === 0) return result;
    // the layout, and the VMs by id, built at the first read of a reason (the verdict needs none)
    let layout: (ReturnType<typeof layoutAfter> & { vmById: Map<string, Vm> }) | undefined;
    const explain = (id: string) => {
      layout ??= { ...layoutAfter(req, result), vmById: new Map(req.vms.map((v) => [v.id, v])) };
      const { states, affinityHost, vmById } = layout;
      return req.hosts.flatMap((h) => reasonsOn(vmById.get(id)!, states.get(h.id)!, req.policy, affinityHost));
    };
    return { placements: result.placements, unplaced: result.unplaced.map((u) => withLazyReasons(u.vm, () => explain(u.vm))) };
  };
}
