import type { PricedHost } from '../cost/costTypes.js';
import type { Host } from '../model/host.js';
import type { ResolvedPolicy } from '../model/policy.js';
import { invalid } from '../errors.js';
import { resolvePlatform } from '../platform/profiles.js';

/** How many of which catalog entry. */
export interface FarmSpec {
  readonly entry: PricedHost;
  readonly count: number;
}

/**
 * Number of clusters `hosts` hosts need under a node limit (at least 1).
 *
 * @example
 * clusterCount(20, 16) // => 2
 */
export function clusterCount(hosts: number, maxNodes: number): number {
  return Math.max(1, Math.ceil(hosts / maxNodes));
}

/**
 * Hosts for a sizing: `count` copies of each entry (ids `R710-01`, `R710-02`... after the
 * entry's id), dealt
 * round-robin into the fewest clusters the platform's node limit allows, so that hosts left
 * empty at the end of a packing (the failover spares) spread evenly over the clusters.
 *
 * @example
 * buildFarm([{ entry, count: 3 }], policy).map((h) => [h.id, h.cluster]) // => [['R710-01', 'c1'], ['R710-02', 'c1'], ['R710-03', 'c1']]
 */
export function buildFarm(spec: readonly FarmSpec[], policy: ResolvedPolicy): Host[] {
  const total = spec.reduce((s, x) => s + x.count, 0);
  const limit = Math.min(...spec.map((x) => resolvePlatform(x.entry.host.platform ?? policy.platform).maxClusterNodes));
  const clusters = clusterCount(total, limit);
  const hosts: Host[] = [];
  for (const { entry, count } of spec) {
    const name = entry.host.id;
    for (let i = 0; i < count; i++) hosts.push({ ...entry.host, id: `${name}-${String(i + 1).padStart(2, '0')}` });
  }
  return hosts.map((h, i) => ({ ...h, cluster: `c${(i % clusters) + 1}` }));
}

/**
 * Hosts needed, spares included, so that `k` spares per cluster remain beyond `forLoad`: each
 * cluster of at most `maxNodes` hosts carries load on `maxNodes - k` of them, so
 * c = ceil(forLoad / (maxNodes - k)) clusters and forLoad + k x c hosts (at least one cluster).
 * `k` must be below `maxNodes` (N+16 in a 16-node cluster leaves no host for load): throws
 * {@link HostplanError} `invalid-value` at `failover` otherwise. O(1).
 *
 * @example
 * withSpares(20, 1, 16) // => 22 (2 clusters of 11, one spare each)
 * withSpares(20, 16, 16) // throws HostplanError: failover: expected fewer host failures than the 16 nodes a cluster may have, got 16
 */
export function withSpares(forLoad: number, k: number, maxNodes: number): number {
  if (!(k < maxNodes)) invalid('failover', `fewer host failures than the ${maxNodes} nodes a cluster may have`, k);
  const clusters = Math.max(1, Math.ceil(forLoad / (maxNodes - k)));
  return forLoad + k * clusters;
}
