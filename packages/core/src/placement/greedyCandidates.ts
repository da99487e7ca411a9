import { tolerance } from '../capacity/fits.js';
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
  /** Hosts tested for every unit (occupied, or not grouped), in id order, and their positions in the farm. */
  private readonly always: FarmHost[] = [];
  private readonly alwaysAt: number[] = [];
  private readonly position = new Map<FarmHost, number>();
  /**
   * Free capacity per host (farm position) and resource, limit - used + tolerance: the capacity
   * test of `fitsFast` on flat arrays, run first so that most hosts that cannot take a unit
   * are passed over without the full filter. Null under peak coincidence (use is not a sum).
   */
  private readonly freeWithSlack: Float64Array | null;
  /** The demand of the unit being tested at the clock of the last host tested, reused across the hosts of one call. */
  private demandClockGHz = NaN;
  private readonly demand = new Float64Array(RESOURCES.length);

  constructor(private readonly farm: Farm) {
    const byKey = new Map<string, FarmHost[]>();
    const platforms = new Map<object, number>();
    this.freeWithSlack = farm.coincidence === null ? new Float64Array(farm.hosts.length * RESOURCE_COUNT) : null;
    farm.hosts.forEach((fh, i) => {
      this.position.set(fh, i);
      this.refreshFree(fh, i);
      if (farm.coincidence !== null || fh.vms.length > 0) {
        this.always.push(fh);
        this.alwaysAt.push(i);
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
    const repsAt = reps.map((fh) => this.position.get(fh)!);
    const out: FarmHost[] = [];
    this.demandClockGHz = NaN;
    let j = 0;
    for (let i = 0; i < this.always.length; i++) {
      const at = this.alwaysAt[i]!;
      while (j < reps.length && repsAt[j]! < at) { this.take(u, reps[j]!, repsAt[j]!, out); j++; }
      this.take(u, this.always[i]!, at, out);
    }
    for (; j < reps.length; j++) this.take(u, reps[j]!, repsAt[j]!, out);
    return out;
  }

  /** Records that `fh` took a unit: its free capacity shrinks, and it leaves its group of identical empty hosts to be tested for every unit from now on. */
  placed(fh: FarmHost): void {
    const at = this.position.get(fh)!;
    this.refreshFree(fh, at);
    const g = this.groupOf.get(fh);
    if (g === undefined) return;
    g.splice(g.indexOf(fh), 1);
    this.groupOf.delete(fh);
    let lo = 0;
    let hi = this.always.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.alwaysAt[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    this.always.splice(lo, 0, fh);
    this.alwaysAt.splice(lo, 0, at);
  }

  /** Appends `fh` to `out` when the unit passes every filter there; the capacity test on the flat arrays first. */
  private take(u: Unit, fh: FarmHost, at: number, out: FarmHost[]): void {
    const free = this.freeWithSlack;
    if (free !== null) {
      const demand = this.demand;
      if (fh.host.clockGHz !== this.demandClockGHz) {
        const vector = this.farm.unitDemand(u.vms, fh.host);
        RESOURCES.forEach((r, i) => (demand[i] = vector[r]));
        this.demandClockGHz = fh.host.clockGHz;
      }
      const base = at * RESOURCE_COUNT;
      for (let r = 0; r < RESOURCE_COUNT; r++) if (demand[r]! > free[base + r]!) return;
    }
    if (this.farm.fitsFast(u.vms, fh)) out.push(fh);
  }

  /** limit - used + tolerance per resource of the host at farm position `at` (the comparison of `exceeds`). */
  private refreshFree(fh: FarmHost, at: number): void {
    const free = this.freeWithSlack;
    if (free === null) return;
    const limits = fh.capacity.limits;
    RESOURCES.forEach((r, i) => (free[at * RESOURCE_COUNT + i] = limits[r] - fh.used[r] + tolerance(limits[r])));
  }
}

const RESOURCE_COUNT = RESOURCES.length;

/** Everything that decides whether a unit fits an empty host and how it scores there; `platforms` numbers the platform objects seen. */
function signature(fh: FarmHost, platforms: Map<object, number>): string {
  const p = fh.capacity.platform as object;
  if (!platforms.has(p)) platforms.set(p, platforms.size);
  const parts: (string | number | boolean)[] = [fh.host.clockGHz, fh.host.unavailable === true, fh.pinned, platforms.get(p)!];
  for (const r of RESOURCES) parts.push(fh.capacity.limits[r], fh.used[r]);
  return parts.join('|');
}
