import { hostCapacity } from '../capacity/hostCapacity.js';
import type { HostCapacity } from '../capacity/types.js';
import type { Host } from '../model/host.js';
import type { ResolvedPolicy } from '../model/policy.js';

// Pure: the same host and policy objects give the same capacity, so a check computes each once
// (host loads, the cluster kernels, re-placements and explanations all ask for it).
const CAPACITIES = new WeakMap<ResolvedPolicy, WeakMap<Host, HostCapacity>>();

/**
 * `hostCapacity(host, policy)`, memoised per host and policy object (read only: shared). O(1)
 * after the first call.
 *
 * @example
 * capacityOf(host, policy) === capacityOf(host, policy) // => true
 */
export function capacityOf(host: Host, policy: ResolvedPolicy): HostCapacity {
  let byHost = CAPACITIES.get(policy);
  if (!byHost) CAPACITIES.set(policy, (byHost = new WeakMap()));
  let capacity = byHost.get(host);
  if (!capacity) byHost.set(host, (capacity = hostCapacity(host, policy)));
  return capacity;
}
