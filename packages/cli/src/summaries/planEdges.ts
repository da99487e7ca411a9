import { RESOURCE_LABELS, RESOURCES, resolvePolicy, type HostUse, type Policy, type Resource } from '@hostplan/core';

/** A host counts as full on a resource from this share of its limit after reserves. */
export const FULL_SHARE = 0.995;

const percent = (x: number) => `${Math.round(100 * x)} %`;

/**
 * The resource most used hosts are bound by, with the count: `CPU on 14 of 14 used hosts`; when
 * the hosts split, the two largest shares (`CPU on 9, memory on 5 of 14 used hosts`).
 *
 * @example
 * const host = (binding: 'cpuGHz' | 'memoryMB') => ({ binding, vms: ['v'] }) as unknown as HostUse;
 * bindingHeadline([host('cpuGHz'), host('cpuGHz'), host('memoryMB')]) // => 'CPU on 2, memory on 1 of 3 used hosts'
 */
export function bindingHeadline(hosts: readonly HostUse[]): string {
  const used = hosts.filter((h) => h.vms.length > 0 && h.binding);
  if (!used.length) return 'no host used';
  const counts = new Map<Resource, number>();
  for (const h of used) counts.set(h.binding!, (counts.get(h.binding!) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || RESOURCES.indexOf(a[0]) - RESOURCES.indexOf(b[0]));
  const parts = ranked.slice(0, 2).map(([r, n]) => `${RESOURCE_LABELS[r]} on ${n}`);
  const others = ranked.slice(2).reduce((n, [, c]) => n + c, 0);
  return `${parts.join(', ')}${others ? `, other resources on ${others}` : ''} of ${used.length} used host${used.length === 1 ? '' : 's'}`;
}

/**
 * The line under every plan that states how far hosts were allowed to fill, and where to change
 * it: `Planned to 100 % of CPU and 100 % of memory after reserves, comfort 1.0 (defaults; change with --policy targetUtilization, --comfort).`
 *
 * @example
 * defaultsLine({}, 1, false) // => 'Planned to 100 % of CPU and 100 % of memory after reserves (hostplan defaults: no ceiling beyond the reserves; change with --policy targetUtilization).'
 */
export function defaultsLine(policy: Policy, comfortFactor: number, measured: boolean): string {
  const p = resolvePolicy(policy);
  const targets = `${percent(p.targetUtilization.cpuGHz)} of CPU and ${percent(p.targetUtilization.memoryMB)} of memory after reserves`;
  const setByUser = policy.targetUtilization?.cpuGHz !== undefined || policy.targetUtilization?.memoryMB !== undefined;
  const origin = setByUser ? 'from the policy' : 'hostplan defaults: no ceiling beyond the reserves';
  const comfort = measured ? `, measured VMs at their percentile x comfort ${comfortFactor.toFixed(1)}` : '';
  return `Planned to ${targets}${comfort} (${origin}; change with --policy targetUtilization${measured ? ', --comfort' : ''}).`;
}

/**
 * Warnings for resources that a plan fills to 100 % after reserves on some hosts (a resource
 * whose policy target is below 100 % keeps that headroom by design: no warning), naming the anchors' choices
 * as options (domain.md section 6 and the failover section): Azure Migrate's comfort factor 1.3,
 * Azure VMware Solution's 80 % CPU cap, Nutanix Sizer's 95 % thresholds.
 *
 * @example
 * const full = { id: 'h1', vms: ['v'], used: { cpuGHz: 20 }, capacity: { cpuGHz: 20 } } as unknown as HostUse;
 * edgeWarnings([full], {}, false)[0] // => 'warning: 1 of 1 used hosts at 100 % of CPU after reserves (h1): no headroom for peaks or growth. Options: a CPU ceiling of 80 % (Azure VMware Solution) or 95 % (Nutanix Sizer) with --policy targetUtilization.cpuGHz.'
 */
export function edgeWarnings(hosts: readonly HostUse[], policy: Policy, measured: boolean): string[] {
  const used = hosts.filter((h) => h.vms.length > 0);
  const targets = resolvePolicy(policy).targetUtilization;
  const out: string[] = [];
  for (const r of ['cpuGHz', 'memoryMB'] as const) {
    if (targets[r] < FULL_SHARE) continue;
    const full = used.filter((h) => h.capacity[r] > 0 && Number.isFinite(h.capacity[r]) && h.used[r] >= FULL_SHARE * h.capacity[r]);
    if (!full.length) continue;
    const names = full.length <= 4 ? full.map((h) => h.id).join(', ') : `${full.slice(0, 3).map((h) => h.id).join(', ')} and ${full.length - 3} more`;
    const ceiling = r === 'cpuGHz' ? 'a CPU ceiling of 80 % (Azure VMware Solution) or 95 % (Nutanix Sizer)' : 'a memory ceiling of 95 % (Nutanix Sizer)';
    const comfort = measured ? '--comfort 1.3 (Azure Migrate\'s default) or ' : '';
    out.push(`warning: ${full.length} of ${used.length} used hosts at 100 % of ${RESOURCE_LABELS[r]} after reserves (${names}): no headroom for peaks or growth. Options: ${comfort}${ceiling} with --policy targetUtilization.${r}.`);
  }
  return out;
}
