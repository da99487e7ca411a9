import type { ResolvedPolicy } from '../model/policy.js';
import type { Cluster } from './clusters.js';
import { choose } from './combinations.js';
import type { HostLoad } from './hostLoads.js';
import { clusterKernel } from './kernel.js';
import { certainlyStrandedKernel, kernelReplace, kernelScratch } from './kernelReplace.js';
import { kernelScenario } from './kernelScenario.js';
import { passiveArgument } from './passiveArgument.js';
import { slowScenario } from './slowScenario.js';
import type { ClusterCoverage, FailoverScenario, Replacer } from './types.js';

/** What checking one cluster needs. */
export interface ClusterCheck {
  readonly cluster: Cluster;
  readonly loads: Map<string, HostLoad>;
  readonly placementOf: Map<string, string>;
  readonly policy: ResolvedPolicy;
  readonly k: number;
  /** The sets to check when not every set is: host ids and how each was chosen; null: every set. */
  readonly sampled: { failed: string[]; chosenAs: FailoverScenario['chosenAs'] }[] | null;
  readonly maxFailing: number;
  /** The general engine (the slow path), and the cheap one for sets that cannot succeed. */
  readonly replace: Replacer;
  readonly cheap: Replacer | null;
  /** False with a caller-supplied engine: every set goes to `replace`. */
  readonly useKernel: boolean;
  readonly onSet: () => void;
}

/**
 * Checks one cluster: each failure set (every one, or the given sample) re-placed by the
 * kernel's best fit, and by the general engine when that strands a VM, except after the
 * cluster's first failing set (the verdict is settled) or when a displaced VM fits no survivor
 * even alone: then the kernel's answer describes the set, its stranded VMs' reasons built when
 * read (see `kernelScenario`); with a caller-supplied engine, that engine alone; stops after
 * `maxFailing` failing sets. The verdict is `met` only when every set was re-placed or the
 * passive-host argument covers the cluster, `not met` when a set failed, else `not proven`.
 * O(sets x displaced x hosts) plus the general engine on a cluster's first failing set.
 *
 * @example
 * checkCluster({ cluster, loads, placementOf, policy, k: 2, sampled: null, maxFailing: 25, replace, cheap, useKernel: true, onSet }).coverage.verdict // => 'met'
 */
export function checkCluster(c: ClusterCheck): { scenarios: FailoverScenario[]; coverage: ClusterCoverage; kernelSets: number } {
  const { cluster, k } = c;
  const clusterLoads = cluster.hosts.map((h) => c.loads.get(h.id)!);
  const kernel = clusterKernel(clusterLoads, c.policy);
  const scratch = kernelScratch(kernel);
  const context = { cluster, loads: c.loads, policy: c.policy };
  const local = new Map(kernel.hostIds.map((id, i) => [id, i]));
  const candidates = Int32Array.from(clusterLoads.flatMap((l, i) => (l.host.unavailable ? [] : [i])));
  const size = Math.min(k, candidates.length);
  const total = k === 0 ? 1 : choose(candidates.length, size);
  const failed = new Int32Array(size);
  const scenarios: FailoverScenario[] = [];
  let failing = 0;
  let kernelSets = 0;
  const run = (chosenAs: FailoverScenario['chosenAs']): boolean => {
    const ids = Array.from(failed, (h) => kernel.hostIds[h]!);
    let s: FailoverScenario;
    const stranded = c.useKernel ? kernelReplace(scratch, failed, size) : -1;
    if (stranded === 0) {
      s = kernelScenario(scratch, cluster.id, ids, chosenAs);
      kernelSets++;
    } else if (stranded > 0 && (failing > 0 || certainlyStrandedKernel(scratch))) {
      // the kernel's best fit alone describes a set no engine can save (a VM fits no survivor
      // even alone), and, once the cluster has failed (the verdict is settled), every later set;
      // the stranded VMs' reasons are built when read
      s = kernelScenario(scratch, cluster.id, ids, chosenAs, context);
      kernelSets++;
    } else {
      s = slowScenario(cluster, c.loads, ids, chosenAs, c.policy, c.replace, c.placementOf, c.cheap);
    }
    scenarios.push(s);
    c.onSet();
    return !(s.unplaced.length && ++failing >= c.maxFailing);
  };
  let planned = 0;
  if (k > 0 && c.sampled === null) {
    // every k-subset of the candidates, in lexicographic order, without allocating the subsets
    planned = total;
    const idx = Int32Array.from({ length: size }, (_, i) => i);
    for (let more = size > 0 || candidates.length === 0; more;) {
      for (let i = 0; i < size; i++) failed[i] = candidates[idx[i]!]!;
      if (!run('exhaustive')) break;
      let i = size - 1;
      while (i >= 0 && idx[i] === candidates.length - size + i) i--;
      if (i < 0) more = false;
      else {
        idx[i]!++;
        for (let j = i + 1; j < size; j++) idx[j] = idx[j - 1]! + 1;
      }
    }
  } else if (k > 0) {
    planned = c.sampled!.length;
    for (const set of c.sampled!) {
      set.failed.forEach((id, i) => (failed[i] = local.get(id)!));
      if (!run(set.chosenAs)) break;
    }
  }
  const checked = k === 0 ? 1 : scenarios.length;
  const exhaustive = checked === total;
  const passive = !exhaustive && failing === 0 && k > 0 ? passiveArgument(kernel, k) : null;
  const proof = failing > 0 ? null : exhaustive ? 'exhaustive' : passive ? 'passive-hosts' : null;
  const verdict = failing > 0 ? 'not met' : proof ? 'met' : 'not proven';
  return {
    scenarios, kernelSets,
    coverage: {
      cluster: cluster.id, hosts: kernel.hostIds, vms: kernel.vmIds.length, sets: total, checked, exhaustive, stoppedEarly: scenarios.length < planned,
      mostLoaded: scenarios.filter((s) => s.chosenAs === 'most-loaded').length, sampled: scenarios.filter((s) => s.chosenAs === 'sampled').length,
      tolerates: verdict === 'met', verdict, proof, ...(passive && { passiveHosts: passive }),
    },
  };
}
