import { asResolved } from '../capacity/hostCapacity.js';
import { vmDemand } from '../capacity/vmDemand.js';
import { invalid } from '../errors.js';
import type { Host } from '../model/host.js';
import type { Vm } from '../model/vm.js';
import { policyAssumptions } from '../model/assumptions.js';
import type { Policy, ResolvedPolicy } from '../model/policy.js';
import { RESOURCES, addVectors, type Resource } from '../model/resources.js';
import type { Assumption, Placement } from '../plan/types.js';
import { bestFitReplace } from './bestFitReplace.js';
import { placementReplace } from './placementReplace.js';
import { portfolio } from './portfolio.js';
import { wholeHostFallback } from './wholeHostFallback.js';
import { splitClusters, type Cluster } from './clusters.js';
import { choose, combinations, sampleCombinations } from './combinations.js';
import { seededRandom } from '../placement/prng.js';
import { hostLoads, utilization, type HostLoad } from './hostLoads.js';
import { seedRule } from './seedRule.js';
import { slotPolicy } from './slotPolicy.js';
import type { ClusterCoverage, FailoverOptions, FailoverResult, FailoverScenario, Replacer, RuleComparison } from './types.js';
import { asHosts, asVms } from '../input/normalise.js';

/**
 * The default re-placement: best fit; when it strands VMs, the placement engine (`placeVms`,
 * no consolidation phase); when both do, whole failed hosts moved as blocks. Any of these
 * answers is a valid re-placement, so the best is kept.
 */
export const DEFAULT_REPLACE = wholeHostFallback(portfolio(bestFitReplace, placementReplace({ effort: 0 })));

/** The failover defaults, listed in every result's assumptions. */
export const FAILOVER_DEFAULTS = { k: 1, maxScenarios: 1000, maxFailingScenarios: 25, seed: 1, minSlotCpuGHz: 0.032 } as const;

function wholeAtLeast(value: unknown, path: string, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) invalid(path, `a whole number >= ${min}`, value);
  return value;
}

/** Failure sets of one cluster: every one when few enough, else the most loaded hosts' sets plus a seeded sample. */
function failureSets(candidates: readonly HostLoad[], k: number, maxScenarios: number, random: () => number): { sets: { failed: string[]; chosenAs: FailoverScenario['chosenAs'] }[]; total: number } {
  const ids = candidates.map((c) => c.host.id);
  const total = choose(ids.length, k);
  if (total <= maxScenarios) return { sets: [...combinations(ids, k)].map((failed) => ({ failed, chosenAs: 'exhaustive' })), total };
  const byLoad = candidates.map((c, i) => ({ i, share: c.dominantShare })).sort((a, b) => b.share - a.share || a.i - b.i);
  let m = k;
  while (m < ids.length && choose(m + 1, k) <= Math.floor(maxScenarios / 2)) m++;
  const top = byLoad.slice(0, m).map((x) => x.i).sort((a, b) => a - b);
  const loaded = [...combinations(top, k)];
  const sampled = sampleCombinations(ids.map((_, i) => i), k, maxScenarios - loaded.length, random, new Set(loaded.map((s) => s.join(','))));
  return {
    sets: [
      ...loaded.map((s) => ({ failed: s.map((i) => ids[i]!), chosenAs: 'most-loaded' as const })),
      ...sampled.map((s) => ({ failed: s.map((i) => ids[i]!), chosenAs: 'sampled' as const })),
    ],
    total,
  };
}

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

function runScenario(cluster: Cluster, loads: Map<string, HostLoad>, failed: readonly string[], chosenAs: FailoverScenario['chosenAs'], policy: ResolvedPolicy, replace: Replacer, placementOf: Map<string, string>, cheap: Replacer | null): FailoverScenario {
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
  for (const [id, u] of used) for (const r of RESOURCES) peakUtilization[r] = Math.max(peakUtilization[r], utilization(u[r], loads.get(id)!.limits[r]));
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
  return { cluster: cluster.id, failed: [...failed], placements: result.placements, unplaced: result.unplaced, peakUtilization, binding, chosenAs };
}

const peak = (s: FailoverScenario) => Math.max(...RESOURCES.map((r) => s.peakUtilization[r]));

function compare<D extends { tolerates: boolean }>(clusters: D[], replaced: boolean): RuleComparison<D> {
  const tolerates = clusters.every((c) => c.tolerates);
  return { tolerates, verdict: tolerates === replaced ? 'agrees' : tolerates ? 'too optimistic' : 'too conservative', clusters };
}

/**
 * Checks that a plan survives k host failures by re-placing, for each set of k failed hosts
 * per cluster, the failed hosts' VMs onto the survivors over every resource (reserves,
 * platform rules, anti-affinity and affinity respected), the other VMs staying put. Every set
 * is checked when a cluster has at most `maxScenarios`; above that, the sets of the most
 * loaded hosts plus a seeded sample, and `exhaustive` is false. Clusters follow the hosts'
 * `cluster` names and the platform's node limit (see `splitClusters`). Also reports what the
 * seed's passive-node rule and VMware's slot policy conclude on the same farm.
 * O(sets x displaced VMs x hosts).
 *
 * @example
 * const r = checkFailover(hosts, plan, { vms, k: 1 });
 * r.tolerates   // => false
 * r.worst       // => { failed: ['h2'], unplaced: [{ vm: 'sql-01', reasons: [...] }], binding: 'memoryMB', ... }
 * r.comparisons.slotPolicy.verdict // => 'too conservative'
 */
export function checkFailover(hosts: readonly Host[], plan: { readonly placements: readonly Placement[] }, options: FailoverOptions): FailoverResult {
  hosts = asHosts(hosts, 'hosts');
  options = { ...options, vms: asVms(options.vms, 'options.vms') };
  const policy = asResolved(options.policy as Policy | ResolvedPolicy | undefined);
  const k = wholeAtLeast(options.k ?? FAILOVER_DEFAULTS.k, 'failover.k', 0);
  const maxScenarios = wholeAtLeast(options.maxScenarios ?? FAILOVER_DEFAULTS.maxScenarios, 'failover.maxScenarios', 1);
  const maxFailing = wholeAtLeast(options.maxFailingScenarios ?? FAILOVER_DEFAULTS.maxFailingScenarios, 'failover.maxFailingScenarios', 1);
  const seed = wholeAtLeast(options.seed ?? FAILOVER_DEFAULTS.seed, 'failover.seed', 0);
  const minSlot = options.minSlotCpuGHz ?? FAILOVER_DEFAULTS.minSlotCpuGHz;
  if (!(minSlot >= 0) || !Number.isFinite(minSlot)) invalid('failover.minSlotCpuGHz', 'a number of GHz >= 0', minSlot);
  if (!Array.isArray(options.vms)) invalid('failover.vms', 'the list of VMs the plan places', options.vms);
  const replace = options.replace ?? DEFAULT_REPLACE;
  // with the default engines, a set that cannot succeed runs best fit alone
  const cheap = options.replace ? null : bestFitReplace;
  const loads = hostLoads(hosts, options.vms, plan.placements, policy);
  const placementOf = new Map(plan.placements.map((p) => [p.vm, p.host]));
  const random = seededRandom(seed);

  const clusters = splitClusters(hosts, policy);
  // failure sets first, so that progress knows the total
  const planned = clusters.map((cluster) => {
    const candidates = cluster.hosts.map((h) => loads.get(h.id)!).filter((l) => !l.host.unavailable);
    return k === 0 ? { sets: [], total: 1 } : failureSets(candidates, Math.min(k, candidates.length), maxScenarios, random);
  });
  const totalSets = planned.reduce((n, p) => n + p.sets.length, 0);
  let doneSets = 0;
  const scenarios: FailoverScenario[] = [];
  const coverage: ClusterCoverage[] = [];
  const seedClusters = [];
  const slotClusters = [];
  for (const [c, cluster] of clusters.entries()) {
    const clusterLoads = cluster.hosts.map((h) => loads.get(h.id)!);
    const { sets, total } = planned[c]!;
    const own: FailoverScenario[] = [];
    let failing = 0;
    for (const s of sets) {
      const scenario = runScenario(cluster, loads, s.failed, s.chosenAs, policy, replace, placementOf, cheap);
      own.push(scenario);
      options.onProgress?.(++doneSets, totalSets);
      if (scenario.unplaced.length && ++failing >= maxFailing) break;
    }
    doneSets += sets.length - own.length;
    if (own.length < sets.length) options.onProgress?.(doneSets, totalSets);
    const stoppedEarly = own.length < sets.length;
    scenarios.push(...own);
    coverage.push({
      cluster: cluster.id, hosts: cluster.hosts.map((h) => h.id), vms: clusterLoads.reduce((s, l) => s + l.vms.length, 0),
      sets: total, checked: k === 0 ? 1 : own.length, exhaustive: k === 0 || own.length === total, stoppedEarly,
      mostLoaded: own.filter((s) => s.chosenAs === 'most-loaded').length, sampled: own.filter((s) => s.chosenAs === 'sampled').length,
      tolerates: own.every((s) => s.unplaced.length === 0),
    });
    seedClusters.push(seedRule(cluster.id, clusterLoads, k));
    slotClusters.push(slotPolicy(cluster.id, clusterLoads, k, policy, minSlot));
  }
  const tolerates = coverage.every((c) => c.tolerates);
  const worst = scenarios.reduce<FailoverScenario | null>((w, s) => (!w || s.unplaced.length > w.unplaced.length || (s.unplaced.length === w.unplaced.length && peak(s) > peak(w)) ? s : w), null);
  const assumption = (name: keyof typeof FAILOVER_DEFAULTS, value: unknown, given: unknown, unit: string, source: string): Assumption =>
    ({ name: `failover.${name}`, value, unit, source: given === undefined ? source : 'input', isDefault: given === undefined });
  const assumptions: Assumption[] = [
    assumption('k', k, options.k, 'host failures', 'hostplan default: N+1'),
    assumption('maxScenarios', maxScenarios, options.maxScenarios, 'failure sets per cluster', 'hostplan default: above it, most-loaded sets plus a seeded sample'),
    assumption('maxFailingScenarios', maxFailing, options.maxFailingScenarios, 'failing sets per cluster', 'hostplan default: one failing set settles the verdict; the check stops after this many'),
    assumption('seed', seed, options.seed, 'PRNG seed', 'hostplan default'),
    assumption('minSlotCpuGHz', minSlot, options.minSlotCpuGHz, 'GHz', 'VMware HA default CPU slot of 32 MHz (slot policy comparison only)'),
    { name: 'failover.replacement', value: options.replace ? 'caller-supplied' : 'best fit decreasing, then placeVms, then whole failed hosts as blocks, whichever first restarts every VM', source: 'hostplan', isDefault: options.replace === undefined },
    ...[...new Set(clusters.map((c) => c.maxNodes))].map((n) => ({ name: 'failover.clusterNodeLimit', value: n, unit: 'hosts per cluster', source: 'platform profile (16 on 2008 / 2008 R2, 64 from 2012)', isDefault: true })),
    ...policyAssumptions(options.policy && !(options.policy as { __resolved?: true }).__resolved ? (options.policy as Policy) : {}),
  ];
  return {
    k, tolerates, exhaustive: coverage.every((c) => c.exhaustive), scenarios, worst, binding: worst?.binding ?? null, clusters: coverage,
    comparisons: { seedRule: compare(seedClusters, tolerates), slotPolicy: compare(slotClusters, tolerates) },
    assumptions,
  };
}
