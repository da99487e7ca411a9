import { tolerance } from '../capacity/fits.js';
import { asResolved } from '../capacity/hostCapacity.js';
import { platformViolations } from '../capacity/platformRules.js';
import type { Host } from '../model/host.js';
import type { Policy } from '../model/policy.js';
import { RESOURCE_LABELS, RESOURCE_UNITS, RESOURCES } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import { Farm } from '../placement/farm.js';
import type { LayoutProblem } from './types.js';
import { formatDecimal } from '../format/numbers.js';

const fmt = (x: number) => formatDecimal(x, 2);

/**
 * Every limit or rule a layout breaks as it stands: a resource used beyond a host's limit
 * (after reserves), two VMs of an anti-affinity group on one host, an affinity group split over
 * hosts, a platform rule a VM breaks on its host, VMs on a host marked unavailable, a VM on a
 * host not in `hosts`. Empty when the layout fits. O(VMs x resources + hosts x resources).
 *
 * @example
 * layoutProblems([h32GB], [{ vm: vm40GB, host: 'h1' }]).map((p) => p.kind) // => ['overload']
 */
export function layoutProblems(hosts: readonly Host[], placed: readonly { readonly vm: Vm; readonly host: string }[], policy: Policy = {}): LayoutProblem[] {
  const farm = new Farm(hosts, asResolved(policy));
  const out: LayoutProblem[] = [];
  const affinityHosts = new Map<string, Set<string>>();
  const groupVms = new Map<string, Map<string, string[]>>();
  for (const { vm, host } of placed) {
    const fh = farm.byId.get(host);
    if (!fh) {
      out.push({ kind: 'unknown-host', host, vm: vm.id, message: `${vm.id} runs on ${host}, which is not in the hosts list` });
      continue;
    }
    farm.place([vm], fh);
    for (const v of platformViolations(vm, { ...fh.host, unavailable: false }, fh.capacity.platform)) {
      out.push({ kind: 'platform', host, vm: vm.id, violation: v, message: `host ${host}: ${vm.id}: ${v.message}` });
    }
    for (const g of vm.antiAffinity ?? []) {
      const byHost = groupVms.get(g) ?? new Map<string, string[]>();
      groupVms.set(g, byHost);
      byHost.set(host, [...(byHost.get(host) ?? []), vm.id]);
    }
    for (const g of vm.affinity ?? []) affinityHosts.set(g, (affinityHosts.get(g) ?? new Set()).add(host));
  }
  for (const fh of farm.hosts) {
    const id = fh.host.id;
    if (fh.host.unavailable && fh.vms.length > 0) out.push({ kind: 'unavailable', host: id, vms: [...fh.vms], message: `host ${id} is marked unavailable but runs ${fh.vms.length} VMs` });
    for (const r of RESOURCES) {
      const limit = fh.capacity.limits[r];
      if (fh.used[r] > limit + tolerance(limit)) {
        out.push({ kind: 'overload', host: id, resource: r, used: fh.used[r], limit, message: `host ${id}: ${RESOURCE_LABELS[r]} ${fmt(fh.used[r])} ${RESOURCE_UNITS[r]} used of ${fmt(limit)} ${RESOURCE_UNITS[r]} (${fmt(fh.used[r] - limit)} ${RESOURCE_UNITS[r]} over)` });
      }
    }
  }
  for (const [g, byHost] of groupVms) {
    for (const [host, vms] of byHost) if (vms.length > 1) out.push({ kind: 'anti-affinity', host, group: g, vms, message: `host ${host} runs ${vms.join(', ')} of anti-affinity group ${g}` });
  }
  for (const [g, on] of affinityHosts) if (on.size > 1) out.push({ kind: 'affinity', group: g, hosts: [...on], message: `affinity group ${g} is split over ${[...on].join(', ')}` });
  return out;
}
