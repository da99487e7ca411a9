import type { Farm, FarmHost } from './farm.js';
import { chooseHost } from './chooseHost.js';
import type { ResolvedScoring } from './scoring.js';
import type { Unit } from './units.js';

/**
 * Second chance for units the greedy could not place: on a host where only capacity or
 * anti-affinity stops the unit, move one placed unit (not pinned) to another host that takes it, if that makes
 * room. Never unplaces a VM. Returns the units placed and the effort (host evaluations) used.
 * O(effort x resources).
 */
export function repairUnplaced(farm: Farm, unitHost: Map<Unit, FarmHost>, failed: readonly Unit[], scoring: ResolvedScoring, effort: number): { placed: Set<Unit>; used: number } {
  const placed = new Set<Unit>();
  let used = 0;
  // units on each host, kept current as units move (not rebuilt per host visited)
  const residentsOf = new Map<FarmHost, Set<Unit>>(farm.hosts.map((h) => [h, new Set<Unit>()]));
  for (const [x, h] of unitHost) residentsOf.get(h)!.add(x);
  const moveTo = (x: Unit, h: FarmHost) => {
    const from = unitHost.get(x);
    if (from) residentsOf.get(from)!.delete(x);
    unitHost.set(x, h);
    residentsOf.get(h)!.add(x);
  };
  for (const u of failed) {
    if (used >= effort) break;
    let done = false;
    for (const h of farm.hosts) {
      if (done || used >= effort) break;
      used++;
      if (farm.fitsFast(u.vms, h)) { farm.place(u.vms, h); moveTo(u, h); placed.add(u); done = true; break; }
      if (h.host.unavailable || u.vms.some((v) => !farm.platformOk(v, h))) continue;
      const residents = [...residentsOf.get(h)!];
      for (const x of residents) {
        if (used >= effort) break;
        farm.remove(x.vms, h);
        used++;
        if (farm.fitsFast(u.vms, h)) {
          farm.place(u.vms, h);
          const others = farm.hosts.filter((o) => o !== h && farm.fitsFast(x.vms, o));
          used += farm.hosts.length;
          if (others.length > 0) {
            const target = chooseHost(farm, x, others, scoring);
            farm.place(x.vms, target);
            moveTo(x, target);
            moveTo(u, h);
            placed.add(u);
            done = true;
            break;
          }
          farm.remove(u.vms, h);
        }
        farm.place(x.vms, h);
      }
    }
  }
  return { placed, used };
}
