import { demandVector } from '../capacity/vmDemand.js';
import { asVm } from '../input/normalise.js';
import { HostplanError } from '../errors.js';
import { capacityOf } from './capacityCache.js';
import type { Host } from '../model/host.js';
import type { ResolvedPolicy } from '../model/policy.js';
import { RESOURCES, zeroVector, type Resource, type ResourceVector } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import type { Placement } from '../plan/types.js';

/** One host's load in a plan: its limits, what its VMs use, and which VMs. */
export interface HostLoad {
  readonly host: Host;
  readonly limits: ResourceVector;
  readonly used: ResourceVector;
  readonly vms: readonly Vm[];
  /** Highest used / limit over the resources (0 on an empty host). */
  readonly dominantShare: number;
}

/**
 * used / limit, 0 when nothing is used, Infinity when something is used of a zero limit.
 *
 * @example
 * utilization(8, 32) // => 0.25
 */
export function utilization(used: number, limit: number): number {
  if (used <= 0) return 0;
  return limit > 0 ? used / limit : Infinity;
}

/**
 * The resource with the highest used / limit, or null when nothing is used.
 *
 * @example
 * bindingOf({ ...zeroVector(), memoryMB: 16000, cpuGHz: 4 }, { ...limits, memoryMB: 32000, cpuGHz: 20 }) // => { resource: 'memoryMB', share: 0.5 }
 */
export function bindingOf(used: Readonly<ResourceVector>, limits: Readonly<ResourceVector>): { resource: Resource | null; share: number } {
  let resource: Resource | null = null;
  let share = 0;
  for (const r of RESOURCES) {
    const s = utilization(used[r], limits[r]);
    if (s > share) {
      share = s;
      resource = r;
    }
  }
  return { resource, share };
}

/**
 * Each host's load under a plan's placements; throws `invalid-value` for a placement naming an
 * unknown VM or host. O(hosts + placements).
 *
 * @example
 * hostLoads(hosts, vms, [{ vm: 'v1', host: 'h1' }], policy).get('h1').used.vms // => 1
 */
export function hostLoads(hosts: readonly Host[], vms: readonly Vm[], placements: readonly Placement[], policy: ResolvedPolicy): Map<string, HostLoad> {
  const vmById = new Map(vms.map((v) => [v.id, v]));
  const acc = new Map(hosts.map((h) => [h.id, { host: h, limits: capacityOf(h, policy).limits, used: zeroVector(), vms: [] as Vm[] }]));
  placements.forEach((pl, i) => {
    const vm = vmById.get(pl.vm);
    if (!vm) throw new HostplanError('invalid-value', `plan.placements[${i}].vm`, `unknown VM ${JSON.stringify(pl.vm)}: not in the VM list`, 'a VM id', pl.vm);
    const h = acc.get(pl.host);
    if (!h) throw new HostplanError('invalid-value', `plan.placements[${i}].host`, `unknown host ${JSON.stringify(pl.host)}: not in the host list`, 'a host id', pl.host);
    const demand = demandVector(asVm(vm, 'vm'), h.host.clockGHz, policy);
    for (const r of RESOURCES) h.used[r] += demand[r]; // h.used is this host's own fresh vector
    h.vms.push(vm);
  });
  const out = new Map<string, HostLoad>();
  for (const [id, h] of acc) out.set(id, { ...h, dominantShare: bindingOf(h.used, h.limits).share });
  return out;
}
