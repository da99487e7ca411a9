import { ckmeans } from 'simple-statistics';
import { invalid } from '../errors.js';
import type { Vm } from '../model/vm.js';
import type { VmPlan } from './quoteTypes.js';
import { maxOf } from '../math/fold.js';

/** A suggested plan tier: the plan and the inventory VMs it covers. */
export interface PlanTier {
  readonly plan: VmPlan;
  readonly vms: readonly string[];
  /** Range of the VMs' size scores in this tier (see `suggestPlanTiers`). */
  readonly sizeRange: readonly [number, number];
}

const NAMES = ['S', 'M', 'L', 'XL', 'XXL'];

/**
 * Suggests plan tiers from an inventory: ckmeans (optimal 1-D k-means, simple-statistics) on
 * each VM's size score, the mean of its vCPUs, memory and disk each divided by the inventory's
 * largest; each tier's plan is the largest vCPUs, memory and disk among its VMs, so every VM
 * fits its tier. Tiers are named S, M, L, XL, XXL (T6... beyond). O(n^2 x tiers).
 *
 * @example
 * suggestPlanTiers([{ id: 'a', vcpus: 1, memoryGB: 2 }, { id: 'b', vcpus: 1, memoryGB: 2 }, { id: 'c', vcpus: 4, memoryGB: 16 }], { tiers: 2 })
 *   .map((t) => t.plan) // => [{ name: 'S', vcpus: 1, memoryGB: 2, diskGB: 0 }, { name: 'M', vcpus: 4, memoryGB: 16, diskGB: 0 }]
 */
export function suggestPlanTiers(vms: readonly Vm[], options: { readonly tiers?: number } = {}): PlanTier[] {
  const tiers = options.tiers ?? 3;
  if (!Number.isInteger(tiers) || tiers < 1) invalid('tiers', 'a whole number >= 1', tiers);
  if (vms.length === 0) return [];
  const max = (f: (v: Vm) => number) => maxOf(vms, f) || 1;
  const maxCpu = max((v) => v.vcpus);
  const maxMem = max((v) => v.memoryGB);
  const maxDisk = max((v) => v.diskGB ?? 0);
  const score = (v: Vm) => (v.vcpus / maxCpu + v.memoryGB / maxMem + (v.diskGB ?? 0) / maxDisk) / 3;
  const scored = vms.map((v) => ({ vm: v, score: score(v) }));
  const distinct = new Set(scored.map((s) => s.score)).size;
  const groups = ckmeans(scored.map((s) => s.score), Math.min(tiers, distinct));
  return groups.map((g, i) => {
    const lo = g[0]!;
    const hi = g[g.length - 1]!;
    const members = scored.filter((s) => s.score >= lo && s.score <= hi).map((s) => s.vm);
    return {
      plan: {
        name: NAMES[i] ?? `T${i + 1}`,
        vcpus: maxOf(members, (v) => v.vcpus),
        memoryGB: maxOf(members, (v) => v.memoryGB),
        diskGB: maxOf(members, (v) => v.diskGB ?? 0),
      },
      vms: members.map((v) => v.id),
      sizeRange: [lo, hi] as const,
    };
  });
}
