import { RESOURCES } from '../model/resources.js';
import type { Farm, FarmHost } from './farm.js';
import type { Unit } from './units.js';

/**
 * The candidate hosts of the greedy construction without testing every empty host (internal):
 * hosts that are empty when it starts and identical (limits, clock, platform, availability,
 * use) can take exactly the same units and score the same, so only the first of each such
 * group in id order is tested; it is the host the scorers would pick among them (ties go to
 * the first in id order). A host leaves its group when it takes a VM. Without peak coincidence
 * only (a host's use then depends on its VMs' series). O(occupied hosts + groups) per call.
 */
export class GreedyCandidates {
  /** Per empty host: its group (hosts in id order; the first still empty is the representative). */
  private readonly groupOf = new Map<FarmHost, FarmHost[]>();
  private readonly groups: FarmHost[][] = [];
  /** Hosts tested for every unit (occupied, or not grouped), in id order. */
  private readonly always: FarmHost[] = [];
  private readonly position = new Map<FarmHost, number>();

  constructor(private readonly farm: Farm) {
    const byKey = new Map<string, FarmHost[]>();
    const platforms = new Map<object, number>();
    farm.hosts.forEach((fh, i) => {
      this.position.set(fh, i);
      if (farm.coincidence !== null || fh.vms.length > 0) {
        this.always.push(fh);
        return;
      }
      const key = signature(fh, platforms);
      let g = byKey.get(key);
      if (!g) {
        byKey.set(key, (g = []));
        this.groups.push(g);
      }
      g.push(fh);
      this.groupOf.set(fh, g);
    });
  }

  /** Hosts that can take the unit now, in id order; among identical empty hosts the first only. O(occupied + groups). */
  fitting(u: Unit): FarmHost[] {
    const reps = this.groups.flatMap((g) => (g.length > 0 ? [g[0]!] : [])).sort((a, b) => this.position.get(a)! - this.position.get(b)!);
    const out: FarmHost[] = [];
    let j = 0;
    const take = (fh: FarmHost) => { if (this.farm.fitsFast(u.vms, fh)) out.push(fh); };
    for (const fh of this.always) {
      const at = this.position.get(fh)!;
      while (j < reps.length && this.position.get(reps[j]!)! < at) take(reps[j++]!);
      take(fh);
    }
    while (j < reps.length) take(reps[j++]!);
    return out;
  }

  /** Records that `fh` took a unit: it leaves its group of identical empty hosts and is tested for every unit from now on. */
  placed(fh: FarmHost): void {
    const g = this.groupOf.get(fh);
    if (g === undefined) return;
    g.splice(g.indexOf(fh), 1);
    this.groupOf.delete(fh);
    const at = this.position.get(fh)!;
    let lo = 0;
    let hi = this.always.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.position.get(this.always[mid]!)! < at) lo = mid + 1;
      else hi = mid;
    }
    this.always.splice(lo, 0, fh);
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
