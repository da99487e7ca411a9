import { failoverRunbook, hostCapacity, RESOURCES, vmDemand, type FailoverResult, type FailoverSummary, type Host, type PlacementPlan, type Policy, type Vm } from '@hostplan/core';
import type { ReportFailover, ReportHost, ReportInput, ReportVm } from './types.js';

/**
 * The thin adapter from core's results to a report input: the plan as it is (core's
 * `PlacementPlan` is assignable to the report's plan type, which this file checks at compile
 * time), each host's total and reserved capacity from `hostCapacity` when the hosts are given
 * (the reserve line of the utilisation bars), and each VM's group (`role`, else its first
 * anti-affinity group), size and demand on its host for the placement map and table.
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
  const hostOf = new Map(plan.placements.map((p) => [p.vm, p.host]));
  const reportVms: ReportVm[] | undefined = vms?.map((v) => {
    const group = v.role ?? v.antiAffinity?.[0];
    const host = byId.get(hostOf.get(v.id) ?? '');
    return { id: v.id, ...(group !== undefined && { group }), size: { vcpus: v.vcpus, memoryMB: v.memoryGB * 1024, ...(v.diskGB !== undefined && { storageGB: v.diskGB }) },
      ...(host && { demand: vmDemand(v, host, policy).vector }) };
  });
  return { plan: { ...plan, hosts: reportHosts }, ...(reportVms && { vms: reportVms }) };
}

/**
 * The failover section from core's `failoverReport`: its summary as it is (core's
 * `FailoverSummary` is assignable to the report's type), the runbook (`failoverRunbook`: where
 * each displaced VM restarts, worst failure sets first) plus the headroom of every surviving
 * host in the worst scenario: its limits from `hostCapacity` less what it ran before
 * (`plan.hosts[].used`) and the demand (`vmDemand`) of the VMs that restart on it.
 *
 * @example
 * const { result, summary } = failoverReport(hosts, plan, { vms, k: 1 });
 * renderHtmlReport({ plan, failover: reportFailoverFrom({ summary, result, plan, hosts, vms }) })
 */
export function reportFailoverFrom(options: { summary: FailoverSummary; result?: FailoverResult; plan?: PlacementPlan; hosts?: readonly Host[]; vms?: readonly Vm[]; policy?: Policy }): ReportFailover {
  const { summary, result, plan, hosts, vms, policy } = options;
  const worst = result?.worst;
  const runbook = result && plan ? failoverRunbook(result, plan) : undefined;
  if (!worst || !plan || !hosts || !vms) return runbook ? { ...summary, runbook } : summary;
  const hostById = new Map(hosts.map((h) => [h.id, h]));
  const vmById = new Map(vms.map((v) => [v.id, v]));
  const failed = new Set(worst.failed);
  const extra = new Map<string, Record<string, number>>();
  for (const p of worst.placements) {
    const host = hostById.get(p.host);
    const vm = vmById.get(p.vm);
    if (!host || !vm) continue;
    const d = vmDemand(vm, host, policy).vector;
    const e = extra.get(p.host) ?? {};
    for (const r of RESOURCES) e[r] = (e[r] ?? 0) + d[r];
    extra.set(p.host, e);
  }
  const headroom = plan.hosts.filter((u) => !failed.has(u.id) && hostById.has(u.id)).map((u) => {
    const limits = hostCapacity(hostById.get(u.id)!, policy).limits;
    const e = extra.get(u.id) ?? {};
    const free: Record<string, number> = {};
    for (const r of RESOURCES) free[r] = limits[r] - u.used[r] - (e[r] ?? 0);
    return { host: u.id, free, capacity: limits };
  });
  return { ...summary, headroom, ...(runbook && { runbook }) };
}
