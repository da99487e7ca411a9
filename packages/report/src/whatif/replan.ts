import { failoverReport, grownInventory, placeVms, RESOURCES, type FailoverResult, type FailoverSummary, type PlacementPlan, type Policy, type Resource, type Vm } from '@hostplan/core';
import type { ReportWhatIf } from '../input/types.js';

/** The what-if controls: each one left out keeps the command's value. */
export interface WhatIfSettings {
  /** Host failures to survive (0: no check). */
  readonly failover?: number;
  /** Target utilisation per resource, 0..1 (share of what is left after reserves). */
  readonly targetUtilization?: Partial<Record<Resource, number>>;
  readonly comfortFactor?: number;
  /** More VMs, as a share: 0.2 adds 20 % (copies of the inventory, as core's growth what-if). */
  readonly growth?: number;
  /** Margin of the price: price = cost / (1 - margin). */
  readonly margin?: number;
}

/** What the page shows after a re-plan. */
export interface WhatIfAnswer {
  readonly vms: readonly Vm[];
  readonly policy: Policy;
  readonly plan: PlacementPlan;
  readonly failover: { readonly result: FailoverResult; readonly summary: FailoverSummary } | null;
  /** Hosts used x cost per host-month / VMs placed / (1 - margin); null without a cost basis or a placed VM. */
  readonly pricePerVmMonth: number | null;
}

const CAPPED: Readonly<Record<string, number>> = { cpuUtilization: 1 };

/**
 * The VMs at another comfort factor: each measured figure times new / old factor (a share of
 * vCPUs stays at most 1), the other figures as they were.
 *
 * @example
 * scaleComfort([{ id: 'a', vcpus: 2, memoryGB: 4, cpuDemandGHz: 1 }], [{ id: 'a', fields: ['cpuDemandGHz'] }], 1, 1.3)[0].cpuDemandGHz // => 1.3
 */
export function scaleComfort(vms: readonly Vm[], measured: ReportWhatIf['measured'], from: number, to: number): Vm[] {
  if (to === from || !measured?.length) return [...vms];
  const fields = new Map(measured.map((m) => [m.id, m.fields]));
  const ratio = to / from;
  return vms.map((v) => {
    const f = fields.get(v.id);
    if (!f) return v;
    const out: Record<string, unknown> = { ...v };
    for (const k of f) {
      const x = v[k];
      if (typeof x === 'number') out[k] = CAPPED[k] !== undefined ? Math.min(CAPPED[k]!, x * ratio) : x * ratio;
    }
    return out as unknown as Vm;
  });
}

/**
 * Re-plans what a report was made from with other settings, with core's own `placeVms` and
 * `failoverReport` called as `hostplan plan` calls them: with the command's settings, the
 * command's answer. Growth adds copies of the inventory (core's `grownInventory`) up to
 * ceil(n x (1 + growth)). O(what placeVms and failoverReport cost).
 *
 * @example
 * replanWhatIf(data, { failover: 3 }).failover?.summary.met // => false when 3 failures cannot be absorbed
 */
export function replanWhatIf(data: ReportWhatIf, settings: WhatIfSettings = {}): WhatIfAnswer {
  const baseComfort = data.comfortFactor ?? 1;
  let vms = scaleComfort(data.vms, data.measured, baseComfort, settings.comfortFactor ?? baseComfort);
  const growth = settings.growth ?? 0;
  if (growth > 0) vms = grownInventory(vms, Math.ceil(vms.length * (1 + growth) - 1e-9));
  const targets = settings.targetUtilization ?? {};
  const changed = RESOURCES.filter((r) => targets[r] !== undefined);
  const policy: Policy = changed.length ? { ...data.policy, targetUtilization: { ...data.policy.targetUtilization, ...Object.fromEntries(changed.map((r) => [r, targets[r]])) } } : data.policy;
  const plan = placeVms(data.hosts, vms, { policy, ...(data.goal && { goal: data.goal }) });
  const k = settings.failover ?? data.failover;
  const failover = k > 0 ? failoverReport(data.hosts, plan, { vms, k, policy }) : null;
  const margin = settings.margin ?? data.margin ?? 0.35;
  const placed = plan.summary.vmsPlaced;
  const pricePerVmMonth = data.costPerHostMonth !== undefined && placed > 0 && margin < 1 ? (plan.summary.hostsUsed * data.costPerHostMonth) / placed / (1 - margin) : null;
  return { vms, policy, plan, failover, pricePerVmMonth };
}
