import type { Host } from '../model/host.js';
import type { Policy, ResolvedPolicy } from '../model/policy.js';
import { asResolved } from '../capacity/hostCapacity.js';
import { resolvePlatform } from '../platform/profiles.js';

/** A group of hosts that fail over to each other. */
export interface Cluster {
  readonly id: string;
  readonly hosts: readonly Host[];
  /** The node limit that applied (the smallest of its hosts' platforms). */
  readonly maxNodes: number;
}

/**
 * Splits a farm into failover clusters no larger than the platform's node limit (16 on 2008
 * and 2008 R2, 64 from 2012): hosts naming a `cluster` keep it (split further, as `name/1`,
 * `name/2`..., when it is over the limit), the others are grouped by platform and cut into the
 * fewest clusters of near-equal size, in input order. O(hosts).
 *
 * @example
 * // 20 hosts on hyperv-2008 (16 nodes at most): 2 clusters of 10
 * splitClusters(hosts20).map((c) => c.hosts.length) // => [10, 10]
 */
export function splitClusters(hosts: readonly Host[], policy?: Policy | ResolvedPolicy): Cluster[] {
  const p = asResolved(policy);
  const groups = new Map<string, { named: boolean; hosts: Host[] }>();
  for (const h of hosts) {
    const platform = resolvePlatform(h.platform ?? p.platform, `hosts[${h.id}].platform`);
    const key = h.cluster !== undefined ? `named:${h.cluster}` : `platform:${platform.id}`;
    const g = groups.get(key) ?? { named: h.cluster !== undefined, hosts: [] };
    g.hosts.push(h);
    groups.set(key, g);
  }
  const out: Cluster[] = [];
  let unnamed = 0;
  for (const [key, g] of groups) {
    const limit = Math.min(...g.hosts.map((h) => resolvePlatform(h.platform ?? p.platform).maxClusterNodes));
    const parts = Math.ceil(g.hosts.length / limit);
    const size = Math.ceil(g.hosts.length / parts);
    for (let i = 0; i < parts; i++) {
      const members = g.hosts.slice(i * size, (i + 1) * size);
      const name = g.named ? key.slice('named:'.length) + (parts > 1 ? `/${i + 1}` : '') : `cluster-${++unnamed}`;
      out.push({ id: name, hosts: members, maxNodes: limit });
    }
  }
  return out;
}
