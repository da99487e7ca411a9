import type { Farm, FarmHost } from './farm.js';
import { scoreHosts, type ResolvedScoring } from './scoring.js';
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
  for (const u of failed) {
    let done = false;
    for (const h of farm.hosts) {
      if (done || used >= effort) break;
      const rs = farm.reasons(u.vms, h, u.label);
      used++;
      if (rs.length === 0) { farm.place(u.vms, h); unitHost.set(u, h); placed.add(u); done = true; break; }
      if (rs.some((r) => r.kind === 'unavailable' || r.kind === 'platform')) continue;
      const residents = [...unitHost].filter(([, fh]) => fh === h).map(([x]) => x);
      for (const x of residents) {
        if (used >= effort) break;
        farm.remove(x.vms, h);
        used++;
        if (farm.reasons(u.vms, h, u.label).length === 0) {
          farm.place(u.vms, h);
          const others = farm.hosts.filter((o) => o !== h && farm.reasons(x.vms, o, x.label).length === 0);
          used += farm.hosts.length;
          if (others.length > 0) {
            const scores = scoreHosts(others, others.map((o) => farm.unitDemand(x.vms, o.host)), scoring);
            let best = 0;
            for (let i = 1; i < others.length; i++) if (scores[i]!.score > scores[best]!.score + 1e-12) best = i;
            farm.place(x.vms, others[best]!);
            unitHost.set(x, others[best]!);
            unitHost.set(u, h);
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
