import type { ResolvedPolicy } from '../model/policy.js';
import { RESOURCES, type Resource } from '../model/resources.js';
import type { Placement, Unplaced } from '../plan/types.js';
import type { Cluster } from './clusters.js';
import type { HostLoad } from './hostLoads.js';
import { R } from './kernel.js';
import type { KernelScratch } from './kernelReplace.js';
import { strandedUnplaced } from './strandedReasons.js';
import type { FailoverScenario } from './types.js';

/** What explaining stranded VMs needs beyond the kernel: the cluster's hosts, loads and policy. */
export interface StrandedContext {
  readonly cluster: Cluster;
  readonly loads: ReadonlyMap<string, HostLoad>;
  readonly policy: ResolvedPolicy;
}

/** Highest used / limit per resource over the survivors, and the survivors left with nothing free of a resource. */
function peaks(s: KernelScratch): { peak: Float64Array; saturated?: { host: string; resource: Resource }[] } {
  const k = s.kernel;
  const peak = new Float64Array(R);
  let saturated: { host: string; resource: Resource }[] | undefined;
  for (let h = 0; h < k.hosts; h++) {
    if (s.failed[h]) continue;
    for (let r = 0; r < R; r++) {
      const used = s.used[h * R + r]!;
      if (used <= 0) continue;
      const limit = k.limits[h * R + r]!;
      const u = limit > 0 ? used / limit : Infinity;
      if (u > peak[r]!) peak[r] = u;
      if (Number.isFinite(limit) && used >= limit - k.slack[h * R + r]!) (saturated ??= []).push({ host: k.hostIds[h]!, resource: RESOURCES[r]! });
    }
  }
  return { peak, ...(saturated && { saturated }) };
}

/**
 * Per resource, how many (stranded VM, available survivor) pairs are short of it: the count of
 * capacity reasons the stranded VMs' explanations hold, computed on the arrays (the same
 * comparison as `exceeds`) without building them. O(stranded x hosts x resources).
 */
function shortCounts(s: KernelScratch): Int32Array {
  const k = s.kernel;
  const counts = new Int32Array(R);
  for (let i = 0; i < s.count; i++) {
    const v = s.displaced[i]!;
    if (s.target[v]! >= 0) continue;
    for (let h = 0; h < k.hosts; h++) {
      if (s.failed[h] || !k.usable[h]) continue;
      const d = (v * k.clocks + k.clockOf[h]!) * R;
      for (let r = 0; r < R; r++) if (k.demand[d + r]! > k.limits[h * R + r]! - s.used[h * R + r]! + k.slack[h * R + r]!) counts[r]!++;
    }
  }
  return counts;
}

/**
 * The scenario of a failure set the kernel re-placed (`kernelReplace`): where each displaced VM
 * restarts, the highest used / limit per resource over the survivors, the binding resource and
 * the hosts left with nothing free. When VMs were stranded (`context` given), they are listed
 * with their reasons per host, built when first read (see `strandedUnplaced`), and the binding
 * resource is the one most often short for them, as the general engine's scenarios say.
 * O(displaced + hosts x resources), plus O(stranded x hosts x resources) when VMs are stranded.
 *
 * @example
 * if (kernelReplace(scratch, failed, 1) === 0) kernelScenario(scratch, 'c1', ['h3'], 'exhaustive').placements // => [{ vm: 'v7', host: 'h1' }, ...]
 */
export function kernelScenario(s: KernelScratch, cluster: string, failed: readonly string[], chosenAs: FailoverScenario['chosenAs'], context?: StrandedContext): FailoverScenario {
  const k = s.kernel;
  const placements: Placement[] = [];
  const stranded: string[] = [];
  for (let i = 0; i < s.count; i++) {
    const v = s.displaced[i]!;
    if (s.target[v]! >= 0) placements.push({ vm: k.vmIds[v]!, host: k.hostIds[s.target[v]!]! });
    else stranded.push(k.vmIds[v]!);
  }
  if (stranded.length && !context) throw new TypeError('kernelScenario: stranded VMs need the context to explain them');
  const { peak, saturated } = peaks(s);
  const peakUtilization = {} as Record<Resource, number>;
  RESOURCES.forEach((r, i) => (peakUtilization[r] = peak[i]!));
  let binding: Resource | null = null;
  let unplaced: Unplaced[] = [];
  if (stranded.length) {
    unplaced = strandedUnplaced({ ...context!, failed: new Set(failed), usedAfter: s.used.slice(), restarts: placements }, stranded);
    const counts = shortCounts(s);
    let most = 0;
    for (let r = 0; r < R; r++) if (counts[r]! > most) [most, binding] = [counts[r]!, RESOURCES[r]!];
  }
  if (binding === null) {
    let best = 0;
    for (let r = 0; r < R; r++) if (peak[r]! > best) [best, binding] = [peak[r]!, RESOURCES[r]!];
  }
  return { cluster, failed, placements, unplaced, peakUtilization, binding, chosenAs, ...(saturated && { saturated }) };
}
