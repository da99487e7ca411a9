import { RESOURCES, addVectors, subtractVectors, zeroVector, type Resource } from '../model/resources.js';
import { tolerance } from '../capacity/fits.js';
import type { HostLoad } from './hostLoads.js';
import type { SeedRuleCluster } from './types.js';
import { formatDecimal } from '../format/numbers.js';

const fmt = (x: number) => formatDecimal(x, 1);

/**
 * The seed's capacity rule on one cluster: "the passive node is sized such that it can take on
 * the entire load of the most heavily utilized active node" (of the k most heavily used, for k
 * failures). Passive nodes are the hosts without VMs; a cluster with none is judged on the spare
 * capacity of its other hosts instead (`basis: 'spare-capacity'`). Aggregate sums, so it ignores
 * fragmentation and anti-affinity. O(hosts x resources).
 *
 * @example
 * // passive host of 32,256 MB; the heaviest active host uses 30,000 MB: tolerates 1
 * seedRule('c1', loads, 1).tolerates // => true
 */
export function seedRule(cluster: string, loads: readonly HostLoad[], k: number): SeedRuleCluster {
  const usable = loads.filter((l) => !l.host.unavailable);
  const active = usable.filter((l) => l.vms.length > 0).sort((a, b) => b.dominantShare - a.dominantShare || (a.host.id < b.host.id ? -1 : 1));
  const passive = usable.filter((l) => l.vms.length === 0);
  const heaviest = active.slice(0, k);
  const required = heaviest.reduce((s, l) => addVectors(s, l.used), zeroVector());
  const basis = passive.length > 0 ? 'passive-nodes' : 'spare-capacity';
  const givers = basis === 'passive-nodes' ? passive : active.slice(k);
  const available = givers.reduce((s, l) => addVectors(s, basis === 'passive-nodes' ? l.limits : subtractVectors(l.limits, l.used)), zeroVector());
  let binding: Resource | null = null;
  let worst = 0;
  let tolerates = true;
  for (const r of RESOURCES) {
    if (required[r] > available[r] + tolerance(available[r])) tolerates = false;
    const s = required[r] <= 0 ? 0 : available[r] > 0 ? required[r] / available[r] : Infinity;
    if (s > worst) {
      worst = s;
      binding = r;
    }
  }
  const names = (ls: readonly HostLoad[]) => ls.map((l) => l.host.id).join(', ') || 'none';
  const rule = binding === null
    ? `no load to carry: the ${k} heaviest hosts run no VMs`
    : `load of the ${k} heaviest (${names(heaviest)}) on ${binding}: ${fmt(required[binding])} vs ${fmt(available[binding])} ${basis === 'passive-nodes' ? `on passive ${names(passive)}` : 'spare on the other hosts (no passive node)'}`;
  return { cluster, tolerates, basis, heaviest: heaviest.map((l) => l.host.id), passive: passive.map((l) => l.host.id), required, available, binding, rule };
}
