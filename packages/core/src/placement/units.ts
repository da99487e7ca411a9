import type { Vm } from '../model/vm.js';
import { cmp } from './farm.js';

/** VMs that must share a host (joined by affinity groups), sorted by id (internal). */
export interface Unit {
  readonly vms: readonly Vm[];
  /** `VM web-01` or `affinity group g (3 VMs)`, for messages. */
  readonly label: string;
  /** An anti-affinity group held by two members: the unit can go nowhere. */
  readonly conflict: { readonly group: string; readonly a: string; readonly b: string } | null;
}

/**
 * Joins VMs that share an affinity group (transitively) into units, each sorted by VM id,
 * units sorted by their first VM id. O(n alpha(n)) plus sorting.
 */
export function affinityUnits(vms: readonly Vm[]): Unit[] {
  const sorted = [...vms].sort((a, b) => cmp(a.id, b.id));
  const parent = sorted.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const firstOfGroup = new Map<string, number>();
  sorted.forEach((vm, i) => {
    for (const g of vm.affinity ?? []) {
      const j = firstOfGroup.get(g);
      if (j === undefined) firstOfGroup.set(g, i);
      else parent[find(i)] = find(j);
    }
  });
  const byRoot = new Map<number, Vm[]>();
  sorted.forEach((vm, i) => {
    const r = find(i);
    const list = byRoot.get(r);
    if (list) list.push(vm);
    else byRoot.set(r, [vm]);
  });
  return [...byRoot.values()].map((members) => {
    const groups = [...new Set(members.flatMap((m) => m.affinity ?? []))].sort(cmp);
    let conflict: Unit['conflict'] = null;
    const seen = new Map<string, string>();
    for (const m of members) for (const g of m.antiAffinity ?? []) {
      const other = seen.get(g);
      if (other !== undefined && conflict === null) conflict = { group: g, a: other, b: m.id };
      seen.set(g, m.id);
    }
    const label = members.length === 1 ? `VM ${members[0]!.id}` : `affinity group ${groups.join('+')} (${members.length} VMs)`;
    return { vms: members, label, conflict };
  });
}

/**
 * What decides whether a one-VM unit fits a host and why not: every field demand, platform
 * rules and anti-affinity read. Two units with the same signature fit the same hosts and fail
 * for the same reasons (without peak coincidence, whose profiles are per VM). Null for a unit
 * of several VMs (internal). O(fields).
 */
export function fitSignature(unit: Unit): string | null {
  if (unit.vms.length !== 1 || unit.conflict) return null;
  const v = unit.vms[0]!;
  return [v.vcpus, v.memoryGB, v.diskGB, v.vhd, v.iops, v.networkMbps, v.cpuUtilization, v.cpuDemandGHz, v.guestOS, (v.antiAffinity ?? []).join('\u0001')].join('\u0000');
}
