import { RESOURCES } from '../model/resources.js';
import type { Farm, FarmHost } from './farm.js';
import type { Unit } from './units.js';

/**
 * The candidate hosts of the greedy construction without testing every empty host (internal):
 * hosts that are empty when it starts and identical (limits, clock, platform, availability,
 * use) can take exactly the same units and score the same, so only the first of each such
 * group in id order is tested; it is the host the scorers would pick among them (ties go to
 * the first in id order). A host leaves its group when it takes a VM. Without peak coincidence
 * only (a host's use then depends on its VMs' series). O(hosts) per call, a fit test only for
 * occupied hosts and one host per group.
 */
export class GreedyCandidates {
  /** Per empty host: its group (hosts in id order; the first still empty is the representative). */
  private readonly groupOf = new Map<FarmHost, FarmHost[]>();

  constructor(private readonly farm: Farm) {
    if (farm.coincidence !== null) return;
    const groups = new Map<string, FarmHost[]>();
    const platforms = new Map<object, number>();
    for (const fh of farm.hosts) {
      if (fh.vms.length > 0) continue;
      const key = signature(fh, platforms);
      const g = groups.get(key);
      if (g) g.push(fh);
      else groups.set(key, [fh]);
      this.groupOf.set(fh, groups.get(key)!);
    }
  }

  /** Hosts that can take the unit now, in id order; among identical empty hosts the first only. */
  fitting(u: Unit): FarmHost[] {
    const out: FarmHost[] = [];
    for (const fh of this.farm.hosts) {
      const g = this.groupOf.get(fh);
      if (g !== undefined && g[0] !== fh) continue;
      if (this.farm.fitsFast(u.vms, fh)) out.push(fh);
    }
    return out;
  }

  /** Records that `fh` took a unit: it leaves its group of identical empty hosts. */
  placed(fh: FarmHost): void {
    const g = this.groupOf.get(fh);
    if (g === undefined) return;
    g.splice(g.indexOf(fh), 1);
    this.groupOf.delete(fh);
  }
}

/** Everything that decides whether a unit fits an empty host and how it scores there; `platforms` numbers the platform objects seen. */
function signature(fh: FarmHost, platforms: Map<object, number>): string {
  const p = fh.capacity.platform as object;
  if (!platforms.has(p)) platforms.set(p, platforms.size);
  const parts: (string | number | boolean)[] = [fh.host.clockGHz, fh.host.unavailable === true, fh.pinned, platforms.get(p)!];
  for (const r of RESOURCES) parts.push(fh.capacity.limits[r], fh.used[r]);
  return parts.join('|');
}
