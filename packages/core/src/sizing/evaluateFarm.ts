import { fits } from '../capacity/fits.js';
import { hostCapacity } from '../capacity/hostCapacity.js';
import { vmDemand } from '../capacity/vmDemand.js';
import { hostMonthlyCost } from '../cost/hostMonthlyCost.js';
import { shareFarmCost } from '../cost/shareCost.js';
import { checkFailover } from '../failover/checkFailover.js';
import { splitClusters } from '../failover/clusters.js';
import { bindingOf } from '../failover/hostLoads.js';
import type { FailoverResult, Replacer } from '../failover/types.js';
import type { Host } from '../model/host.js';
import type { ResolvedPolicy } from '../model/policy.js';
import { RESOURCES, addVectors, zeroVector, type Resource } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import type { Placement, Reason, Unplaced } from '../plan/types.js';
import { buildFarm, type FarmSpec } from './buildFarm.js';
import { licenceFarmByHost } from './licenceFarm.js';
import type { SizingOption, SizingOptions } from './types.js';

/** Context shared by every evaluation of one sizing. */
export interface SizingContext {
  readonly policy: ResolvedPolicy;
  readonly k: number;
  readonly replace: Replacer;
  readonly options: SizingOptions;
}

/**
 * Places every VM onto fresh hosts with the sizing's engine; deterministic.
 *
 * @example
 * packFarm(buildFarm([{ entry, count: 3 }], policy), vms, ctx).unplaced // => []
 */
export function packFarm(hosts: readonly Host[], vms: readonly Vm[], ctx: SizingContext): { placements: readonly Placement[]; unplaced: readonly Unplaced[] } {
  return ctx.replace({ hosts, vms, pinned: [], displaced: vms.map((v) => v.id), policy: ctx.policy });
}

/**
 * VMs that fit no host of any of the given models even when empty, with the reasons per model.
 *
 * @example
 * unfitVms([{ id: 'big', vcpus: 8, memoryGB: 4 }], [host2008], policy)[0].reasons[0].kind // => 'platform'
 */
export function unfitVms(vms: readonly Vm[], models: readonly Host[], policy: ResolvedPolicy): Unplaced[] {
  const out: Unplaced[] = [];
  for (const vm of vms) {
    const reasons: Reason[] = [];
    let ok = false;
    for (const h of models) {
      const f = fits(vm, h, {}, policy);
      if (f.ok) ok = true;
      else {
        for (const s of f.shortfalls) reasons.push({ kind: 'capacity', host: h.id, shortfall: s, message: s.message });
        for (const v of f.violations) reasons.push({ kind: 'platform', host: h.id, violation: v, message: v.message });
      }
    }
    if (!ok) out.push({ vm: vm.id, reasons });
  }
  return out;
}

/** How a sized farm keeps its failover spares: `passive` (k empty hosts per cluster) or `spread` (the load packed over every host). */
export type SpareLayout = 'passive' | 'spread';

/**
 * The hosts a passive layout leaves empty: per failover cluster, the k largest (memory, then
 * CPU; the later host on a tie), so that any running host's VMs fit on one of them.
 *
 * @example
 * passiveSpares(buildFarm([{ entry, count: 5 }], policy), 1, policy) // => Set { 'R710-05' }
 */
export function passiveSpares(hosts: readonly Host[], k: number, policy: ResolvedPolicy): Set<string> {
  const out = new Set<string>();
  for (const c of splitClusters(hosts, policy)) {
    if (c.hosts.length <= k) continue;
    const size = c.hosts.map((h, i) => ({ h, i, cap: hostCapacity(h, policy).limits }));
    size.sort((a, b) => b.cap.memoryMB - a.cap.memoryMB || b.cap.cpuGHz - a.cap.cpuGHz || b.i - a.i);
    for (const x of size.slice(0, k)) out.add(x.h.id);
  }
  return out;
}

/**
 * Packs a farm built from `spec` and, when asked, checks its failover on two layouts in turn:
 * `passive` (the load packed on all but k hosts per cluster, those left empty) and `spread`
 * (packed over every host); returns the first whose failover holds (proven), else the last
 * tried. `settle` stops each check at its first failing set (enough to reject a size).
 *
 * @example
 * tryFarm([{ entry, count: 3 }], vms, ctx, true).ok // => true
 */
export function tryFarm(spec: readonly FarmSpec[], vms: readonly Vm[], ctx: SizingContext, withFailover: boolean, settle = false) {
  const hosts = buildFarm(spec, ctx.policy);
  if (!withFailover || ctx.k === 0) {
    const plan = packFarm(hosts, vms, ctx);
    return { hosts, plan, failover: null, ok: plan.unplaced.length === 0, layout: 'spread' as SpareLayout };
  }
  const spares = passiveSpares(hosts, ctx.k, ctx.policy);
  let last: { hosts: Host[]; plan: ReturnType<typeof packFarm>; failover: FailoverResult | null; ok: boolean; layout: SpareLayout } | undefined;
  for (const layout of ['passive', 'spread'] as const) {
    if (layout === 'passive' && (spares.size === 0 || spares.size === hosts.length)) continue;
    const plan = packFarm(layout === 'passive' ? hosts.filter((h) => !spares.has(h.id)) : hosts, vms, ctx);
    if (plan.unplaced.length > 0) { last = { hosts, plan, failover: null, ok: false, layout }; continue; }
    const failover = checkFailover(hosts, plan, { vms, k: ctx.k, policy: ctx.policy, replace: ctx.replace, ...(settle && { maxFailingScenarios: 1 }),
      ...(ctx.options.maxScenarios !== undefined && { maxScenarios: ctx.options.maxScenarios }), ...(ctx.options.seed !== undefined && { seed: ctx.options.seed }) });
    last = { hosts, plan, failover, ok: failover.tolerates, layout };
    if (last.ok) return last;
  }
  return last!;
}

/**
 * The full description of a farm that was packed and checked: hosts, clusters, binding,
 * utilisation, failover, cost (licences included when priced) and per-VM cost.
 *
 * @example
 * describeFarm([{ entry, count: 3 }], vms, [], ctx, 2, 2).costPerMonth // => 1234.73
 */
export function describeFarm(spec: readonly FarmSpec[], vms: readonly Vm[], unfit: readonly Unplaced[], ctx: SizingContext, hostsForLoad: number, lowerBound: number | null): SizingOption {
  const { hosts, plan, failover, ok, layout } = tryFarm(spec, vms, ctx, true);
  const vmById = new Map(vms.map((v) => [v.id, v]));
  const hostById = new Map(hosts.map((h) => [h.id, h]));
  let used = zeroVector();
  let limits = zeroVector();
  for (const h of hosts) limits = addVectors(limits, hostCapacity(h, ctx.policy).limits);
  const demands = plan.placements.map((p) => ({ id: p.vm, vector: vmDemand(vmById.get(p.vm)!, hostById.get(p.host)!, ctx.policy).vector }));
  for (const d of demands) used = addVectors(used, d.vector);
  const utilization = Object.fromEntries(RESOURCES.map((r) => [r, limits[r] > 0 && Number.isFinite(limits[r]) ? used[r] / limits[r] : 0])) as Record<Resource, number>;
  const licByHost = ctx.options.licensing ? licenceFarmByHost(hosts, vms, plan.placements, failover?.scenarios ?? [], ctx.options.licensing) : undefined;
  const lic = licByHost?.models;
  const models = spec.filter((s) => s.count > 0).map((s) => {
    const l = lic?.get(s.entry.host.model ?? s.entry.host.id);
    return {
      model: s.entry.host.id,
      ...(s.entry.host.model !== undefined && s.entry.host.model !== s.entry.host.id && { description: s.entry.host.model }),
      hosts: s.count,
      cost: hostMonthlyCost(s.entry, { ...ctx.options.costs, ...(l && { licencePrice: l.result.total }) }),
      ...(l && { licensing: { windowsGuests: l.windowsGuests, total: l.result.total, items: l.result.items, normal: { windowsGuests: l.normal.windowsGuests, total: l.normal.result.total, items: l.normal.result.items } } }),
    };
  });
  const costPerMonth = models.reduce((s, m) => s + m.hosts * m.cost.total, 0);
  return {
    name: models.map((m) => m.model).join(' + '),
    models,
    hosts: hosts.length,
    hostsForLoad,
    lowerBound,
    clusters: splitClusters(hosts, ctx.policy).map((c) => ({ id: c.id, hosts: c.hosts.map((h) => h.id) })),
    binding: bindingOf(used, limits).resource,
    utilization,
    failover: {
      k: ctx.k, tolerates: failover ? failover.tolerates : ok, exhaustive: failover ? failover.exhaustive : true, binding: failover?.binding ?? null, scenarios: failover?.scenarios.length ?? 0,
      verdict: failover ? failover.verdict : ok ? 'met' : 'not met', proof: failover ? failover.proof : ctx.k === 0 ? 'no failure to survive (k = 0)' : 'not checked: the VMs do not all fit',
      coverage: failover ? failover.coverage : { checked: 0, total: 0 }, warnings: failover?.warnings ?? [],
    },
    spares: layout,
    ...(licByHost && { licencesByHost: licByHost.hosts }),
    feasible: ok && unfit.length === 0,
    unplaced: [...unfit, ...plan.unplaced],
    costPerMonth,
    costPerVmMonth: plan.placements.length ? costPerMonth / plan.placements.length : null,
    vmCosts: shareFarmCost(costPerMonth, limits, demands, ctx.options.costShare),
    placements: plan.placements,
    runway: null,
  };
}
