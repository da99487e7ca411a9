import { fits } from '../capacity/fits.js';
import type { HostCapacity } from '../capacity/types.js';
import type { Host } from '../model/host.js';
import type { ResolvedPolicy } from '../model/policy.js';
import type { ResourceVector } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import type { Reason } from '../plan/types.js';

/** One host as a re-placement left it: its capacity, what runs there and how much it uses. */
export interface HostState {
  readonly host: Host;
  readonly cap: HostCapacity;
  readonly used: ResourceVector;
  /** The VMs on the host: those that stayed first, then the restarted ones in restart order. */
  readonly vms: readonly Vm[];
}

/**
 * Why a VM cannot go on a host as a re-placement left it, one reason per rule broken: the host
 * is down, a resource short (with requested, available and capacity), a platform rule, an
 * anti-affinity group already there (naming the VM), or an affinity group bound elsewhere.
 * Empty when the VM fits. Shared by `bestFitReplace` and the failure sets the kernel describes,
 * so both explain a stranded VM in the same words. O(resources + groups x VMs on the host).
 *
 * @example
 * reasonsOn(vm, { host, cap, used, vms: [] }, policy, new Map())[0].message
 * // => 'needs 1,128 MB more memory: requested 4,152 MB, 3,024 MB free of 32,256 MB'
 */
export function reasonsOn(vm: Vm, state: HostState, policy: ResolvedPolicy, affinityHost: ReadonlyMap<string, string>): Reason[] {
  const h = state.host;
  if (h.unavailable) return [{ kind: 'unavailable', host: h.id, message: `host ${h.id} is down in this failure set` }];
  const out: Reason[] = [];
  const fit = fits(vm, h, state.used, policy, state.cap);
  if (!fit.ok) {
    for (const s of fit.shortfalls) out.push({ kind: 'capacity', host: h.id, shortfall: s, message: s.message });
    for (const v of fit.violations) out.push({ kind: 'platform', host: h.id, violation: v, message: v.message });
  }
  for (const g of vm.antiAffinity ?? []) {
    const other = state.vms.find((o) => o.antiAffinity?.includes(g));
    if (other) out.push({ kind: 'anti-affinity', host: h.id, group: g, conflictingVm: other.id, message: `anti-affinity group ${g}: ${other.id} already runs on ${h.id}` });
  }
  for (const g of vm.affinity ?? []) {
    const at = affinityHost.get(g);
    if (at !== undefined && at !== h.id) out.push({ kind: 'affinity', host: h.id, group: g, message: `affinity group ${g} runs on ${at}` });
  }
  return out;
}
