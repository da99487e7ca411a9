import { RESOURCES } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import type { Farm, FarmHost } from '../placement/farm.js';

/** Highest share of a finite limit any host uses (over every resource). */
export function peakUtilisation(farm: Farm): number {
  let peak = 0;
  for (const fh of farm.hosts) peak = Math.max(peak, hostPeak(fh));
  return peak;
}

function hostPeak(fh: FarmHost): number {
  let peak = 0;
  for (const r of RESOURCES) {
    const limit = fh.capacity.limits[r];
    if (limit > 0 && Number.isFinite(limit)) peak = Math.max(peak, fh.used[r] / limit);
  }
  return peak;
}

/**
 * Keeps in place the VMs whose move does not pay (internal): `farm` holds the target layout;
 * for each moving VM in id order, it goes back to where it runs today when that host can take
 * it, no more hosts are used (its target host does not empty while its own host was empty) and
 * its own host's peak utilisation stays within the target's peak. The farm is updated; returns
 * the VMs kept. O(moving VMs x resources).
 */
export function pruneTarget(farm: Farm, moving: readonly { vm: Vm; from: string; to: string }[]): Set<string> {
  const kept = new Set<string>();
  const bound = peakUtilisation(farm) + 1e-12;
  for (const m of [...moving].sort((a, b) => (a.vm.id < b.vm.id ? -1 : a.vm.id > b.vm.id ? 1 : 0))) {
    const to = farm.byId.get(m.to)!;
    const from = farm.byId.get(m.from)!;
    farm.remove([m.vm], to);
    const opensHost = from.vms.length === 0 && to.vms.length > 0;
    if (!opensHost && farm.fitsFast([m.vm], from)) {
      farm.place([m.vm], from);
      if (hostPeak(from) <= bound) {
        kept.add(m.vm.id);
        continue;
      }
      farm.remove([m.vm], from);
    }
    farm.place([m.vm], to);
  }
  return kept;
}
