import { RESOURCES, type Resource } from '../model/resources.js';
import type { Placement } from '../plan/types.js';
import { R } from './kernel.js';
import type { KernelScratch } from './kernelReplace.js';
import type { FailoverScenario } from './types.js';

/**
 * The scenario of a failure set the kernel re-placed in full (`kernelReplace` returned 0):
 * where each displaced VM restarts, the highest used / limit per resource over the survivors,
 * the binding resource and the hosts left with nothing free. O(displaced + hosts x resources).
 *
 * @example
 * if (kernelReplace(scratch, failed, 1) === 0) kernelScenario(scratch, 'c1', ['h3'], 'exhaustive').placements // => [{ vm: 'v7', host: 'h1' }, ...]
 */
export function kernelScenario(s: KernelScratch, cluster: string, failed: readonly string[], chosenAs: FailoverScenario['chosenAs']): FailoverScenario {
  const k = s.kernel;
  const placements: Placement[] = new Array(s.count);
  for (let i = 0; i < s.count; i++) {
    const v = s.displaced[i]!;
    placements[i] = { vm: k.vmIds[v]!, host: k.hostIds[s.target[v]!]! };
  }
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
  const peakUtilization = {} as Record<Resource, number>;
  let binding: Resource | null = null;
  let best = 0;
  RESOURCES.forEach((r, i) => {
    peakUtilization[r] = peak[i]!;
    if (peak[i]! > best) [best, binding] = [peak[i]!, r];
  });
  return { cluster, failed, placements, unplaced: [], peakUtilization, binding, chosenAs, ...(saturated && { saturated }) };
}
