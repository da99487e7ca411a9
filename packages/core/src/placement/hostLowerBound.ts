import { demandVector } from '../capacity/vmDemand.js';
import { asHosts, asVms } from '../input/normalise.js';
import { hostCapacity, asResolved } from '../capacity/hostCapacity.js';
import type { Host } from '../model/host.js';
import type { Policy, ResolvedPolicy } from '../model/policy.js';
import { RESOURCES } from '../model/resources.js';
import type { Vm } from '../model/vm.js';

/**
 * Lower bound on the number of hosts that can hold all the VMs: for each resource, the
 * fewest available hosts whose limits (largest first) add up to the total demand (each VM
 * counted at its cheapest host, as CPU GHz depends on the clock); the maximum over
 * resources. With identical hosts this is max over resources of ceil(total / capacity).
 * When even every host together falls short, the count of available hosts. O(n h).
 *
 * @example
 * // 10 VMs of 4 GB (4,096 + 56 MB overhead) on 32 GB hosts (32,256 MB after the root reserve):
 * // 41,520 MB / 32,256 MB = 1.29 -> 2 hosts
 * hostLowerBound([h1, h2, h3], tenVms) // => 2
 */
export function hostLowerBound(hosts: readonly Host[], vms: readonly Vm[], policy?: Policy | ResolvedPolicy): number {
  const p = asResolved(policy);
  hosts = asHosts(hosts, 'hosts');
  vms = asVms(vms, 'vms');
  const available = hosts.filter((h) => !h.unavailable);
  if (vms.length === 0 || available.length === 0) return 0;
  const caps = available.map((h) => hostCapacity(h, p).limits);
  const clocks = [...new Set(available.map((h) => h.clockGHz))];
  const mins = vms.map((vm) => {
    const out = demandVector(vm, clocks[0]!, p);
    for (let c = 1; c < clocks.length; c++) {
      const v = demandVector(vm, clocks[c]!, p);
      for (const r of RESOURCES) out[r] = Math.min(out[r], v[r]);
    }
    return out;
  });
  let lb = 1;
  for (const r of RESOURCES) {
    const total = mins.reduce((s, m) => s + m[r], 0);
    const limits = caps.map((c) => c[r]).sort((a, b) => b - a);
    if (limits.some((l) => !Number.isFinite(l))) continue;
    let sum = 0;
    let k = 0;
    while (k < limits.length && sum < total * (1 - 1e-9)) sum += limits[k++]!;
    lb = Math.max(lb, k);
  }
  return lb;
}
