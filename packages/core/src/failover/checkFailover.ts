import { explainedOnLayout } from './explainStranded.js';
import { asResolved } from '../capacity/hostCapacity.js';
import { invalid } from '../errors.js';
import { formatDecimal } from '../format/numbers.js';
import type { Host } from '../model/host.js';
import { policyAssumptions } from '../model/assumptions.js';
import type { Policy, ResolvedPolicy } from '../model/policy.js';
import { RESOURCES } from '../model/resources.js';
import type { Assumption, Placement } from '../plan/types.js';
import { bestFitReplace } from './bestFitReplace.js';
import { placementReplace } from './placementReplace.js';
import { portfolio } from './portfolio.js';
import { wholeHostFallback } from './wholeHostFallback.js';
import { checkCluster } from './checkCluster.js';
import { splitClusters } from './clusters.js';
import { choose, combinations, sampleCombinations } from './combinations.js';
import { seededRandom } from '../placement/prng.js';
import { hostLoads, type HostLoad } from './hostLoads.js';
import { seedRule } from './seedRule.js';
import { slotPolicy } from './slotPolicy.js';
import type { ClusterCoverage, FailoverOptions, FailoverResult, FailoverScenario, FailoverVerdict, RuleComparison } from './types.js';
import { pushAll } from '../math/fold.js';
import { asHosts, asVms } from '../input/normalise.js';

/**
 * The default re-placement: best fit; when it strands VMs, the placement engine (`placeVms`,
 * no consolidation phase); when both do, whole failed hosts moved as blocks. Any of these
 * answers is a valid re-placement, so the best is kept. Its stranded VMs are explained on the
 * layout it leaves, in the failover check's words, whichever engine won (`explainedOnLayout`).
 */
export const DEFAULT_REPLACE = explainedOnLayout(wholeHostFallback(portfolio(bestFitReplace, placementReplace({ effort: 0 }))));

/** The failover defaults, listed in every result's assumptions. */
export const FAILOVER_DEFAULTS = { k: 1, maxScenarios: 100_000, maxFailingScenarios: 25, seed: 1, minSlotCpuGHz: 0.032 } as const;

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

const peak = (s: FailoverScenario) => Math.max(...RESOURCES.map((r) => s.peakUtilization[r]));

function compare<D extends { tolerates: boolean }>(clusters: D[], replaced: boolean): RuleComparison<D> {
  const tolerates = clusters.every((c) => c.tolerates);
  return { tolerates, verdict: tolerates === replaced ? 'agrees' : tolerates ? 'too optimistic' : 'too conservative', clusters };
}

/** The verdict over clusters, in words. */
function proofOf(coverage: readonly ClusterCoverage[], verdict: FailoverVerdict, k: number): string {
  const checked = coverage.reduce((n, c) => n + c.checked, 0);
  const total = coverage.reduce((n, c) => n + c.sets, 0);
  const sets = `${formatDecimal(checked)} of ${formatDecimal(total)} failure sets re-placed`;
  if (k === 0) return 'no failure to survive (k = 0)';
  if (verdict === 'not met') return `not met: ${coverage.filter((c) => c.verdict === 'not met').map((c) => c.cluster).join(', ')} left VMs unplaced in a failure set (${formatDecimal(checked)} of ${formatDecimal(total)} failure sets checked)`;
  const passive = coverage.filter((c) => c.proof === 'passive-hosts');
  const argument = passive.length ? `; ${passive.map((c) => c.cluster).join(', ')} by the passive-host argument (each running host fits whole on any of its ${k}+ empty hosts)` : '';
  if (verdict === 'met') return `met: ${sets}${argument}`;
  return `not proven: ${sets}, no failing set found; ${coverage.filter((c) => c.verdict === 'not proven').map((c) => c.cluster).join(', ')} only sampled${argument}`;
}

/** Warnings on a met verdict: hosts with nothing free of a resource after a failure. */
function headroomWarnings(scenarios: readonly FailoverScenario[], verdict: FailoverVerdict): string[] {
  if (verdict !== 'met') return [];
  const tight = scenarios.filter((s) => s.saturated?.length);
  if (!tight.length) return [];
  const worst = tight.reduce((w, s) => (s.saturated!.length > w.saturated!.length ? s : w));
  const list = worst.saturated!.map((x) => `${x.host} (${x.resource})`).join(', ');
  return [`failover met with no headroom: in ${tight.length} failure set${tight.length === 1 ? '' : 's'} a host is left with nothing free of a resource; with ${worst.failed.join(' + ')} down: ${list}`];
}

/**
 * Checks that a plan survives k host failures by re-placing, for each set of k failed hosts
 * per cluster, the failed hosts' VMs onto the survivors over every resource (reserves,
 * platform rules, anti-affinity and affinity respected), the other VMs staying put. Each set
 * is re-placed by best fit on typed arrays (`kernelReplace`: no allocation per set), and by
 * the general engine (best fit, `placeVms`, whole hosts as blocks) when that strands a VM.
 * Every set is checked when a cluster has at most `maxScenarios`; above that, the sets of the
 * most loaded hosts plus a seeded sample. `tolerates` is true only when proven: every set of
 * every cluster re-placed, or a sampled cluster covered by the passive-host argument
 * (`passiveArgument`); otherwise the verdict is `not met` (a set failed) or `not proven`
 * (with the coverage). Clusters follow the hosts' `cluster` names and the platform's node
 * limit (see `splitClusters`). Also reports what the seed's passive-node rule and VMware's
 * slot policy conclude on the same farm. O(sets x displaced VMs x hosts).
 *
 * @example
 * const r = checkFailover(hosts, plan, { vms, k: 1 });
 * r.tolerates   // => false
 * r.verdict     // => 'not met'
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
  const custom = options.replace !== undefined && options.replace !== DEFAULT_REPLACE;
  const replace = options.replace ?? DEFAULT_REPLACE;
  // with the default engines, a set that cannot succeed runs best fit alone
  const cheap = custom ? null : bestFitReplace;
  const loads = hostLoads(hosts, options.vms, plan.placements, policy);
  const placementOf = new Map(plan.placements.map((p) => [p.vm, p.host]));
  const random = seededRandom(seed);

  const clusters = splitClusters(hosts, policy);
  // failure sets first, so that progress knows the total
  const planned = clusters.map((cluster) => {
    const candidates = cluster.hosts.map((h) => loads.get(h.id)!).filter((l) => !l.host.unavailable);
    const size = Math.min(k, candidates.length);
    const total = k === 0 ? 0 : choose(candidates.length, size);
    return { total, sampled: k === 0 || total <= maxScenarios ? null : failureSets(candidates, size, maxScenarios, random).sets };
  });
  const totalSets = planned.reduce((n, p) => n + (p.sampled?.length ?? p.total), 0);
  let doneSets = 0;
  const onSet = () => options.onProgress?.(++doneSets, totalSets);
  const scenarios: FailoverScenario[] = [];
  const coverage: ClusterCoverage[] = [];
  const seedClusters = [];
  const slotClusters = [];
  for (const [c, cluster] of clusters.entries()) {
    const clusterLoads = cluster.hosts.map((h) => loads.get(h.id)!);
    const before = doneSets;
    const checked = checkCluster({ cluster, loads, placementOf, policy, k, sampled: planned[c]!.sampled, maxFailing, replace, cheap, useKernel: !custom, onSet });
    const skipped = (planned[c]!.sampled?.length ?? planned[c]!.total) - (doneSets - before);
    if (skipped > 0) options.onProgress?.((doneSets += skipped), totalSets);
    pushAll(scenarios, checked.scenarios);
    coverage.push(checked.coverage);
    seedClusters.push(seedRule(cluster.id, clusterLoads, k));
    slotClusters.push(slotPolicy(cluster.id, clusterLoads, k, policy, minSlot));
  }
  const verdict: FailoverVerdict = coverage.some((c) => c.verdict === 'not met') ? 'not met' : coverage.every((c) => c.verdict === 'met') ? 'met' : 'not proven';
  const tolerates = verdict === 'met';
  const worst = scenarios.reduce<FailoverScenario | null>((w, s) => (!w || s.unplaced.length > w.unplaced.length || (s.unplaced.length === w.unplaced.length && peak(s) > peak(w)) ? s : w), null);
  const assumption = (name: keyof typeof FAILOVER_DEFAULTS, value: unknown, given: unknown, unit: string, source: string): Assumption =>
    ({ name: `failover.${name}`, value, unit, source: given === undefined ? source : 'input', isDefault: given === undefined });
  const assumptions: Assumption[] = [
    assumption('k', k, options.k, 'host failures', 'hostplan default: N+1'),
    assumption('maxScenarios', maxScenarios, options.maxScenarios, 'failure sets per cluster', 'hostplan default: above it, most-loaded sets plus a seeded sample, and the verdict is not proven unless the passive-host argument holds'),
    assumption('maxFailingScenarios', maxFailing, options.maxFailingScenarios, 'failing sets per cluster', 'hostplan default: one failing set settles the verdict; the check stops after this many'),
    assumption('seed', seed, options.seed, 'PRNG seed', 'hostplan default'),
    assumption('minSlotCpuGHz', minSlot, options.minSlotCpuGHz, 'GHz', 'VMware HA default CPU slot of 32 MHz (slot policy comparison only)'),
    { name: 'failover.replacement', value: custom ? 'caller-supplied' : 'best fit on typed arrays; when it strands a VM, best fit decreasing, then placeVms, then whole failed hosts as blocks, whichever first restarts every VM', source: 'hostplan', isDefault: !custom },
    ...[...new Set(clusters.map((c) => c.maxNodes))].map((n) => ({ name: 'failover.clusterNodeLimit', value: n, unit: 'hosts per cluster', source: 'platform profile (16 on 2008 / 2008 R2, 64 from 2012)', isDefault: true })),
    ...policyAssumptions(options.policy && !(options.policy as { __resolved?: true }).__resolved ? (options.policy as Policy) : {}),
  ];
  return {
    k, tolerates, verdict, proof: proofOf(coverage, verdict, k),
    coverage: { checked: coverage.reduce((n, c) => n + (k === 0 ? 0 : c.checked), 0), total: coverage.reduce((n, c) => n + (k === 0 ? 0 : c.sets), 0) },
    exhaustive: coverage.every((c) => c.exhaustive), warnings: headroomWarnings(scenarios, verdict), scenarios, worst, binding: worst?.binding ?? null, clusters: coverage,
    comparisons: { seedRule: compare(seedClusters, tolerates), slotPolicy: compare(slotClusters, tolerates) },
    assumptions,
  };
}
