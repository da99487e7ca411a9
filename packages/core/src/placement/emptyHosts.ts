import type { Farm, FarmHost } from './farm.js';
import { chooseHost } from './chooseHost.js';
import { utilisationAfter, type ResolvedScoring } from './scoring.js';
import { RESOURCES, zeroVector } from '../model/resources.js';
import type { Unit } from './units.js';

/**
 * Consolidation phase of placeVms: take the least-used host (no pinned VMs), move each of
 * its units to the best other occupied host that passes every filter; keep the moves if the
 * host empties, undo them otherwise and try the next host. Repeats until no host empties or
 * `effort` host-move evaluations are spent. Never adds a host or unplaces a VM. Returns the
 * effort used. O(effort x resources).
 */
export function emptyHosts(farm: Farm, unitHost: Map<Unit, FarmHost>, scoring: ResolvedScoring, effort: number): number {
  let used = 0;
  const zero = zeroVector();
  const load = (fh: FarmHost) => RESOURCES.reduce((s, r) => s + scoring.weights[r] * utilisationAfter(fh, zero, r), 0);
  for (;;) {
    const byHost = new Map<FarmHost, Unit[]>();
    for (const [u, fh] of unitHost) {
      const list = byHost.get(fh);
      if (list) list.push(u);
      else byHost.set(fh, [u]);
    }
    const order = farm.hosts.filter((fh) => fh.vms.length > 0 && fh.pinned === 0 && byHost.has(fh))
      .map((fh) => ({ fh, l: load(fh) })).sort((a, b) => a.l - b.l || (a.fh.host.id < b.fh.host.id ? -1 : 1)).map((x) => x.fh);
    let emptied = false;
    for (const victim of order) {
      if (used >= effort) return used;
      const units = byHost.get(victim)!;
      const moves: [Unit, FarmHost][] = [];
      for (const u of units) farm.remove(u.vms, victim);
      let ok = true;
      for (const u of units) {
        const candidates = farm.hosts.filter((fh) => fh !== victim && fh.vms.length > 0);
        used += candidates.length;
        const fit = candidates.filter((fh) => farm.fitsFast(u.vms, fh));
        if (fit.length === 0) { ok = false; break; }
        const target = chooseHost(farm, u, fit, scoring);
        farm.place(u.vms, target);
        moves.push([u, target]);
      }
      if (ok) {
        for (const [u, fh] of moves) unitHost.set(u, fh);
        emptied = true;
        break;
      }
      for (const [u, fh] of moves) farm.remove(u.vms, fh);
      for (const u of units) farm.place(u.vms, victim);
    }
    if (!emptied) return used;
  }
}
