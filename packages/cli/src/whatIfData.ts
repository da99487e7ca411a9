import type { Host, PlacementGoal, Policy, Vm } from '@hostplan/core';
import type { DemandResult } from '@hostplan/bench';
import type { MeasuredField, ReportWhatIf } from '@hostplan/report';

/**
 * What the report page needs to re-plan as `hostplan plan` did: the hosts, the VMs as planned
 * (measured ones sized), the policy, goal and failover k, the comfort factor and, per measured
 * VM, which figures came from measurements (the page's comfort factor scales those).
 *
 * @example
 * const whatIf = whatIfData({ hosts, vms, policy, k: 1, demand });
 * renderHtmlReport({ ...input, whatIf })
 */
export function whatIfData(options: { hosts: readonly Host[]; vms: readonly Vm[]; policy: Policy; goal?: PlacementGoal | undefined; k?: number | undefined; comfortFactor?: number | undefined; demand?: DemandResult | undefined }): ReportWhatIf {
  const { hosts, vms, policy, goal, k, comfortFactor, demand } = options;
  const planned = new Set(vms.map((v) => v.id));
  const measured = (demand?.vms ?? []).flatMap((m) => {
    if (!m.vm || !planned.has(m.vm.id)) return [];
    const fields: MeasuredField[] = [];
    if (m.vm.cpuDemandGHz !== undefined && m.demand.cpuGHz !== null) fields.push('cpuDemandGHz');
    else if (m.vm.cpuUtilization !== undefined && m.demand.cpuUtilization !== null) fields.push('cpuUtilization');
    if (m.demand.memoryMB !== null) fields.push('memoryGB');
    if (m.vm.iops !== undefined && m.demand.iops !== null) fields.push('iops');
    if (m.vm.networkMbps !== undefined && m.demand.networkMbps !== null) fields.push('networkMbps');
    return fields.length ? [{ id: m.vm.id, fields }] : [];
  });
  return { hosts, vms, policy, ...(goal && { goal }), failover: k ?? 0, comfortFactor: comfortFactor ?? 1, ...(measured.length && { measured }) };
}
