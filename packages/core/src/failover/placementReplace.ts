import { placeVms } from '../placement/placeVms.js';
import type { PlaceVmsOptions } from '../placement/types.js';
import type { Replacer } from './types.js';

/**
 * The placement engine (`placeVms`) as a re-placement engine: the survivors' VMs pinned where
 * they run, failed hosts unavailable, the displaced VMs placed by the engine's filters and
 * scorers. `options` pass through (goal, weights, effort; the policy comes from the request).
 *
 * @example
 * checkFailover(hosts, plan, { vms, k: 1, replace: placementReplace({ goal: 'balance' }) })
 */
export function placementReplace(options: Omit<PlaceVmsOptions, 'pinned' | 'policy'> = {}): Replacer {
  return ({ hosts, vms, pinned, displaced, policy }) => {
    const moved = new Set(displaced);
    const keep = new Set(pinned.map((p) => p.vm));
    const plan = placeVms(hosts, vms.filter((v) => moved.has(v.id) || keep.has(v.id)), { ...options, policy, pinned });
    return { placements: plan.placements.filter((p) => moved.has(p.vm)), unplaced: plan.unplaced.filter((u) => moved.has(u.vm)) };
  };
}
