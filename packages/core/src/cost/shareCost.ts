import { HostplanError, invalid } from '../errors.js';
import { RESOURCES, type Resource, type ResourceVector } from '../model/resources.js';

/** Resources a VM's cost share is taken over by default: the ones a host is bought for. */
export const COST_SHARE_RESOURCES: readonly Resource[] = ['cpuGHz', 'memoryMB', 'iops', 'storageGB'];

/** How the farm's cost is shared: each VM's dominant share (default), or a weighted mix of its shares. */
export interface CostShareOptions {
  /** Weights per resource for a weighted mix. @defaultValue none: each VM pays its dominant share */
  readonly weights?: Partial<Record<Resource, number>>;
  /** @defaultValue {@link COST_SHARE_RESOURCES} */
  readonly resources?: readonly Resource[];
}

/** One VM's part of the farm's monthly cost. */
export interface VmCost {
  readonly vm: string;
  /** The VM's share of the farm (dominant or weighted), before normalising. */
  readonly share: number;
  /** The resource that sets a dominant share; null for a weighted mix or a VM that uses nothing. */
  readonly dominant: Resource | null;
  readonly costPerMonth: number;
}

/**
 * Shares a farm's monthly cost (spare hosts included) among its VMs in proportion to the
 * resources each holds: by default each VM's dominant share (the largest of demand / farm
 * capacity over `resources`), or a weighted mix of its shares. The costs add up to the farm's
 * cost; resources with unlimited or zero capacity are skipped. O(VMs x resources).
 *
 * @example
 * // $1,000 farm of 100 GHz and 100,000 MB; a uses 10 GHz (10 %) and 5,000 MB (5 %), b 5 % and 20 %:
 * // dominant shares 0.10 and 0.20 -> $333.33 and $666.67
 * shareFarmCost(1000, { ...zero, cpuGHz: 100, memoryMB: 100000 }, [{ id: 'a', vector: ... }, { id: 'b', vector: ... }])
 */
export function shareFarmCost(
  farmCostPerMonth: number,
  capacity: Readonly<ResourceVector>,
  demands: readonly { readonly id: string; readonly vector: Readonly<ResourceVector> }[],
  options: CostShareOptions = {},
): VmCost[] {
  if (!Number.isFinite(farmCostPerMonth) || farmCostPerMonth < 0) invalid('farmCostPerMonth', 'a finite number >= 0', farmCostPerMonth);
  const resources = (options.resources ?? COST_SHARE_RESOURCES).filter((r) => capacity[r] > 0 && Number.isFinite(capacity[r]));
  for (const r of options.resources ?? []) if (!RESOURCES.includes(r)) invalid('costShare.resources', `one of ${RESOURCES.join(', ')}`, r);
  const weights = options.weights;
  if (weights) {
    for (const [r, w] of Object.entries(weights)) {
      if (!RESOURCES.includes(r as Resource)) throw new HostplanError('unknown-field', `costShare.weights.${r}`, `unknown resource; expected one of ${RESOURCES.join(', ')}`);
      if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) invalid(`costShare.weights.${r}`, 'a weight >= 0', w);
    }
  }
  const shares = demands.map((d) => {
    if (weights) {
      const total = resources.reduce((s, r) => s + (weights[r] ?? 0), 0);
      const share = total === 0 ? 0 : resources.reduce((s, r) => s + ((weights[r] ?? 0) * d.vector[r]) / capacity[r], 0) / total;
      return { vm: d.id, share, dominant: null };
    }
    let share = 0;
    let dominant: Resource | null = null;
    for (const r of resources) {
      const s = d.vector[r] / capacity[r];
      if (s > share) {
        share = s;
        dominant = r;
      }
    }
    return { vm: d.id, share, dominant };
  });
  const sum = shares.reduce((s, x) => s + x.share, 0);
  return shares.map((x) => ({ ...x, costPerMonth: sum === 0 ? farmCostPerMonth / Math.max(1, demands.length) : (farmCostPerMonth * x.share) / sum }));
}
