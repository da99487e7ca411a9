import { resolvePlatform } from '../platform/profiles.js';
import type { ResolvedPolicy } from '../model/policy.js';
import type { PricedHost } from '../cost/costTypes.js';

/**
 * Hosts per failover cluster that sizing may build for a catalog entry: its `clusterSize` (the
 * clusters the farm runs, from the catalog or `size --cluster-size`) when given, never more than
 * the platform's node limit; otherwise that limit. O(1).
 *
 * @example
 * clusterLimit({ ...entry, clusterSize: 4 }, policy) // => 4 (a hyperv-2016 cluster may have 64)
 */
export function clusterLimit(entry: PricedHost, policy: ResolvedPolicy): number {
  const platform = resolvePlatform(entry.host.platform ?? policy.platform).maxClusterNodes;
  return entry.clusterSize === undefined ? platform : Math.min(platform, entry.clusterSize);
}
