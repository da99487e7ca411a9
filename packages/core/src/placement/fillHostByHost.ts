import { RESOURCES, type Resource } from '../model/resources.js';
import { maxOf } from '../math/fold.js';
import { cmp, type Farm, type FarmHost } from './farm.js';
import type { ResolvedScoring } from './scoring.js';
import type { Unit } from './units.js';

/** Each available host by its weighted capacity over the largest limits: occupied hosts first, then the largest, then id. */
function hostOrder(farm: Farm, weights: Readonly<Record<Resource, number>>): FarmHost[] {
  const largest = {} as Record<Resource, number>;
  for (const r of RESOURCES) largest[r] = maxOf(farm.hosts, (fh) => (Number.isFinite(fh.capacity.limits[r]) ? fh.capacity.limits[r] : 0), 0);
  const size = (fh: FarmHost) => RESOURCES.reduce((s, r) => s + (largest[r] > 0 && Number.isFinite(fh.capacity.limits[r]) ? (weights[r] || 0.01) * fh.capacity.limits[r] / largest[r] : 0), 0);
  return farm.hosts.filter((fh) => !fh.host.unavailable)
    .map((fh) => ({ fh, occupied: fh.vms.length > 0 ? 1 : 0, size: size(fh) }))
    .sort((a, b) => b.occupied - a.occupied || b.size - a.size || cmp(a.fh.host.id, b.fh.host.id)).map((x) => x.fh);
}

/** The unit (index in `left`) with the largest weighted dot product of its demand and the host's free share, or -1 when none fits. */
function bestDotProduct(farm: Farm, fh: FarmHost, left: readonly Unit[], weights: Readonly<Record<Resource, number>>): number {
  const limits = fh.capacity.limits;
  let best = -1;
  let bestScore = -Infinity;
  for (let j = 0; j < left.length; j++) {
    const u = left[j]!;
    if (!farm.fitsFast(u.vms, fh)) continue;
    const demand = farm.unitDemand(u.vms, fh.host);
    let score = 0;
    for (const r of RESOURCES) {
      const limit = limits[r];
      if (Number.isFinite(limit) && limit > 0) score += (weights[r] || 0.01) * (demand[r] / limit) * ((limit - fh.used[r]) / limit);
    }
    if (score > bestScore) { bestScore = score; best = j; }
  }
  return best;
}

/**
 * Bin-centric construction on a farm (Panigrahy et al.'s DotProduct, per host): occupied hosts
 * first, then the others by decreasing weighted capacity; each takes, while any fits, the
 * unit whose demand (over the host's limits) has the largest weighted dot product with the
 * host's free share. Records each unit's host in `unitHost`; returns the units no host took.
 * O(units^2 + hosts x units).
 *
 * @example
 * fillHostByHost(farm, unitsLargestFirst, unitHost, scoring) // => [] (every unit placed)
 */
export function fillHostByHost(farm: Farm, ordered: readonly Unit[], unitHost: Map<Unit, FarmHost>, scoring: ResolvedScoring): Unit[] {
  let left = [...ordered];
  for (const fh of hostOrder(farm, scoring.weights)) {
    for (;;) {
      const best = bestDotProduct(farm, fh, left, scoring.weights);
      if (best < 0) break;
      const u = left[best]!;
      farm.place(u.vms, fh);
      unitHost.set(u, fh);
      left = left.filter((_, j) => j !== best);
    }
    if (left.length === 0) break;
  }
  return left;
}
