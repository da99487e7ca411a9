import { tolerance } from '../capacity/fits.js';
import { vmDemand } from '../capacity/vmDemand.js';
import type { Host } from '../model/host.js';
import type { ResolvedPolicy } from '../model/policy.js';
import { RESOURCES, addVectors, type Resource } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import type { Placement } from '../plan/types.js';
import type { Cluster } from './clusters.js';
import { utilization, type HostLoad } from './hostLoads.js';
import type { FailoverScenario, Replacer } from './types.js';

/**
 * True when the displaced VMs cannot all restart whatever the engine: on some resource their
 * smallest possible demand (over the surviving hosts' clocks) exceeds what the survivors have
 * free in total. Then only the first, cheapest engine runs, to name the stranded VMs.
 */
function certainlyStranded(displaced: readonly Vm[], survivors: readonly HostLoad[], policy: ResolvedPolicy): boolean {
  if (survivors.length === 0) return displaced.length > 0;
  for (const r of RESOURCES) {
    let free = 0;
    for (const s of survivors) free += Math.max(0, s.limits[r] - s.used[r]);
    if (!Number.isFinite(free)) continue;
    let need = 0;
    for (const v of displaced) need += Math.min(...survivors.map((s) => vmDemand(v, s.host, policy).vector[r]));
    if (need > free * (1 + 1e-9)) return true;
  }
  return false;
}

/**
 * One failure set re-placed by a general engine (the slow path, with a reason per host for every
 * VM that restarts nowhere): used when the kernel's best fit strands a VM, and with a
 * caller-supplied engine. O(engine).
 *
 * @example
 * slowScenario(cluster, loads, ['h2'], 'exhaustive', policy, DEFAULT_REPLACE, placementOf, bestFitReplace).unplaced // => []
 */
export function slowScenario(cluster: Cluster, loads: Map<string, HostLoad>, failed: readonly string[], chosenAs: FailoverScenario['chosenAs'], policy: ResolvedPolicy, replace: Replacer, placementOf: Map<string, string>, cheap: Replacer | null): FailoverScenario {
  const down = new Set(failed);
  const hosts: Host[] = cluster.hosts.map((h) => (down.has(h.id) ? { ...h, unavailable: true } : h));
  const clusterLoads = cluster.hosts.map((h) => loads.get(h.id)!);
  const vms = clusterLoads.flatMap((l) => l.vms);
  const pinned: Placement[] = vms.filter((v) => !down.has(placementOf.get(v.id)!)).map((v) => ({ vm: v.id, host: placementOf.get(v.id)! }));
  const displaced = clusterLoads.filter((l) => down.has(l.host.id)).flatMap((l) => l.vms.map((v) => v.id));
  const from = displaced.map((id) => ({ vm: id, host: placementOf.get(id)! }));
  const survivors = clusterLoads.filter((l) => !down.has(l.host.id) && !l.host.unavailable);
  const engine = cheap && certainlyStranded(clusterLoads.filter((l) => down.has(l.host.id)).flatMap((l) => l.vms), survivors, policy) ? cheap : replace;
  const result = displaced.length ? engine({ hosts, vms, pinned, displaced, from, policy }) : { placements: [], unplaced: [] };
  const vmById = new Map(vms.map((v) => [v.id, v]));
  const used = new Map(clusterLoads.filter((l) => !down.has(l.host.id)).map((l) => [l.host.id, { ...l.used }]));
  for (const p of result.placements) {
    const u = used.get(p.host);
    if (u) used.set(p.host, addVectors(u, vmDemand(vmById.get(p.vm)!, loads.get(p.host)!.host, policy).vector));
  }
  const peakUtilization = Object.fromEntries(RESOURCES.map((r) => [r, 0])) as Record<Resource, number>;
  const saturated: { host: string; resource: Resource }[] = [];
  for (const [id, u] of used) {
    for (const r of RESOURCES) {
      const limit = loads.get(id)!.limits[r];
      peakUtilization[r] = Math.max(peakUtilization[r], utilization(u[r], limit));
      if (Number.isFinite(limit) && u[r] > 0 && u[r] >= limit - tolerance(limit)) saturated.push({ host: id, resource: r });
    }
  }
  let binding: Resource | null = null;
  if (result.unplaced.length) {
    const counts = new Map<Resource, number>();
    for (const u of result.unplaced) for (const reason of u.reasons) if (reason.kind === 'capacity') counts.set(reason.shortfall.resource, (counts.get(reason.shortfall.resource) ?? 0) + 1);
    binding = [...counts].sort((a, b) => b[1] - a[1] || RESOURCES.indexOf(a[0]) - RESOURCES.indexOf(b[0]))[0]?.[0] ?? null;
  }
  if (binding === null) {
    let best = 0;
    for (const r of RESOURCES) if (peakUtilization[r] > best) [best, binding] = [peakUtilization[r], r];
  }
  return { cluster: cluster.id, failed: [...failed], placements: result.placements, unplaced: result.unplaced, peakUtilization, binding, chosenAs, ...(saturated.length && { saturated }) };
}

