import { hostCapacity, type Host, type PlacementPlan, type Policy, type Vm } from '@hostplan/core';
import type { ReportHost, ReportInput, ReportVm } from './types.js';

/**
 * The thin adapter from core's results to a report input: the plan as it is (core's
 * `PlacementPlan` is assignable to the report's plan type, which this file checks at compile
 * time), each host's total and reserved capacity from `hostCapacity` when the hosts are given
 * (the reserve line of the utilisation bars), and each VM's group (`role`, else its first
 * anti-affinity group) and size for the placement map.
 *
 * @example
 * const plan = placeVms(hosts, vms, { policy });
 * renderHtmlReport({ ...reportInputFromPlan({ plan, hosts, vms, policy }), costs })
 */
export function reportInputFromPlan(options: { plan: PlacementPlan; hosts?: readonly Host[]; vms?: readonly Vm[]; policy?: Policy }): Pick<ReportInput, 'plan' | 'vms'> {
  const { plan, hosts, vms, policy } = options;
  const byId = new Map((hosts ?? []).map((h) => [h.id, h]));
  const reportHosts: ReportHost[] = plan.hosts.map((use) => {
    const host = byId.get(use.id);
    if (!host) return use;
    const capacity = hostCapacity(host, policy);
    return { ...use, total: capacity.total, reserved: capacity.reserved };
  });
  const reportVms: ReportVm[] | undefined = vms?.map((v) => {
    const group = v.role ?? v.antiAffinity?.[0];
    return { id: v.id, ...(group !== undefined && { group }), size: { vcpus: v.vcpus, memoryMB: v.memoryGB * 1024, ...(v.diskGB !== undefined && { storageGB: v.diskGB }) } };
  });
  return { plan: { ...plan, hosts: reportHosts }, ...(reportVms && { vms: reportVms }) };
}
