import type { Vm } from '../model/vm.js';
import type { Farm, FarmHost } from '../placement/farm.js';
import type { Move, Unreachable } from './types.js';

/** A VM still on its way (internal). */
export interface Pending {
  readonly vm: Vm;
  readonly from: string;
  readonly to: string;
  /** Where it is now (its source, or a temporary host). */
  at: string;
  /** Whether it already made its one temporary hop. */
  hopped: boolean;
  /** Why it moves, for the move's reason. */
  readonly why: string;
}

const byId = (a: Pending, b: Pending) => (a.vm.id < b.vm.id ? -1 : a.vm.id > b.vm.id ? 1 : 0);

/**
 * Orders the moves in waves (internal). In a wave, each pending VM (id order) whose
 * destination can take it now (with the VMs already coming there in this wave, every VM in
 * flight still holding its source) and whose source and destination take part in fewer than
 * `limit` migrations goes; sources are freed when the wave ends. When no VM can go, the
 * smallest blocked VM (memory, then id) whose source another blocked VM needs hops to the host
 * with the most free memory that can take it (once per VM); when none can, the rest are
 * unreachable, each with its destination's shortfall. `farm` holds today's layout and is
 * updated. O(waves x pending x resources).
 */
export function sequenceMoves(farm: Farm, pending: Pending[], limit: number): { moves: Move[]; waves: number; unreachable: Unreachable[] } {
  const moves: Move[] = [];
  let wave = 0;
  /** First wave each VM had to wait, and for what. */
  const waited = new Map<string, { wave: number; forWhat: string }>();
  pending.sort(byId);
  while (pending.length > 0) {
    const busy = new Map<string, number>();
    const free = (id: string) => (busy.get(id) ?? 0) < limit;
    const inWave: { p: Pending; from: FarmHost; to: FarmHost; temporary: boolean; reason: string }[] = [];
    const blocked = new Map<Pending, string>();
    for (const p of pending) {
      const to = farm.byId.get(p.to)!;
      if (!free(p.at) || !free(p.to)) {
        blocked.set(p, `a migration slot on ${free(p.at) ? p.to : p.at}`);
        continue;
      }
      if (!farm.fitsFast([p.vm], to)) {
        blocked.set(p, `room on ${p.to}`);
        continue;
      }
      farm.place([p.vm], to);
      busy.set(p.at, (busy.get(p.at) ?? 0) + 1).set(p.to, (busy.get(p.to) ?? 0) + 1);
      const w = waited.get(p.vm.id);
      const reason = `${p.hopped ? 'from its temporary host: ' : ''}${p.why}${w !== undefined ? ` (waited from wave ${w.wave + 1} for ${w.forWhat})` : ''}`;
      inWave.push({ p, from: farm.byId.get(p.at)!, to, temporary: false, reason });
    }
    if (inWave.length === 0) {
      const hop = temporaryHop(farm, pending);
      if (hop === null) return { moves, waves: wave, unreachable: pending.map((p) => unreachableReason(farm, p)) };
      farm.place([hop.p.vm], hop.to);
      inWave.push({ p: hop.p, from: farm.byId.get(hop.p.at)!, to: hop.to, temporary: true, reason: `temporary: breaks a cycle of full hosts, making room on ${hop.p.at} for ${hop.needs}; goes on to ${hop.p.to} later` });
    }
    for (const [p, forWhat] of blocked) if (!inWave.some((m) => m.p === p) && !waited.has(p.vm.id)) waited.set(p.vm.id, { wave, forWhat });
    for (const m of inWave) {
      farm.remove([m.p.vm], m.from);
      moves.push({ vm: m.p.vm.id, from: m.from.host.id, to: m.to.host.id, wave, temporary: m.temporary, reason: m.reason });
      if (m.temporary) {
        m.p.at = m.to.host.id;
        m.p.hopped = true;
      }
    }
    pending = pending.filter((p) => !inWave.some((m) => m.p === p && !m.temporary));
    wave++;
  }
  return { moves, waves: wave, unreachable: [] };
}

/** A temporary hop that frees room a blocked VM needs, or null. */
function temporaryHop(farm: Farm, pending: readonly Pending[]): { p: Pending; to: FarmHost; needs: string } | null {
  const candidates = pending
    .filter((p) => !p.hopped)
    .map((p) => ({ p, needs: pending.find((q) => q !== p && q.to === p.at) }))
    .filter((c): c is { p: Pending; needs: Pending } => c.needs !== undefined)
    .sort((a, b) => a.p.vm.memoryGB - b.p.vm.memoryGB || byId(a.p, b.p));
  for (const { p, needs } of candidates) {
    const hosts = farm.hosts
      .filter((fh) => fh.host.id !== p.at && fh.host.id !== p.to && farm.fitsFast([p.vm], fh))
      .sort((a, b) => (b.capacity.limits.memoryMB - b.used.memoryMB) - (a.capacity.limits.memoryMB - a.used.memoryMB) || (a.host.id < b.host.id ? -1 : 1));
    if (hosts[0]) return { p, to: hosts[0], needs: needs.vm.id };
  }
  return null;
}

function unreachableReason(farm: Farm, p: Pending): Unreachable {
  const reasons = farm.reasons([p.vm], farm.byId.get(p.to)!, `VM ${p.vm.id}`);
  const why = reasons.map((r) => r.message).join('; ') || `${p.to} takes no more migrations`;
  return { vm: p.vm.id, from: p.at, to: p.to, reason: `not reachable: ${why}, and no other host has room for a temporary move that would break the deadlock` };
}
