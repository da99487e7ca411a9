import { hostCapacity } from '../capacity/hostCapacity.js';
import { vmDemand } from '../capacity/vmDemand.js';
import type { PricedHost } from '../cost/costTypes.js';
import { RESOURCES, addVectors, zeroVector } from '../model/resources.js';
import type { Vm } from '../model/vm.js';
import { resolvePlatform } from '../platform/profiles.js';
import { withSpares, type FarmSpec } from './buildFarm.js';
import { describeFarm, tryFarm, unfitVms, type SizingContext } from './evaluateFarm.js';
import type { SizingOption } from './types.js';

/** A sized option with what it was built from (for what-ifs and mixes). */
export interface SizedOption {
  readonly option: SizingOption;
  readonly spec: readonly FarmSpec[];
  readonly vms: readonly Vm[];
}

/**
 * max over resources of ceil(total demand / one host's limit): no packing can use fewer hosts.
 *
 * @example
 * // 30 VMs of 2,088 MB on hosts of 32,256 MB: ceil(62,640 / 32,256) = 2
 * hostsLowerBound(entry.host, vms, policy) // => 2
 */
export function hostsLowerBound(host: PricedHost['host'], vms: readonly Vm[], policy: SizingContext['policy']): number {
  const limits = hostCapacity(host, policy).limits;
  const total = vms.reduce((s, v) => addVectors(s, vmDemand(v, host, policy).vector), zeroVector());
  let n = vms.length ? 1 : 0;
  for (const r of RESOURCES) if (total[r] > 0 && Number.isFinite(limits[r])) n = Math.max(n, Math.ceil(total[r] / limits[r] - 1e-9));
  return n;
}

/** The fewest hosts that pack the VMs, then with k spares per cluster verified by re-placement. */
function grow(spec: (extra: number) => FarmSpec[], start: number, cap: number, vms: readonly Vm[], ctx: SizingContext, withFailover: boolean): number | null {
  for (let n = start; n <= cap; n++) if (tryFarm(spec(n), vms, ctx, withFailover, true).ok) return n;
  return null;
}

/**
 * Sizes a farm of one host model: the fewest hosts that hold every VM that fits the model at
 * all (from the resource lower bound up), then k spare hosts per cluster, added until
 * re-placement shows every cluster survives k failures, with the spares kept empty (passive)
 * or the load spread over every host, whichever holds first. With one cluster the passive
 * layout holds at load + k (any failed host's VMs fit an empty host of the same model), and no
 * farm can do with fewer than the load's minimum + k (the survivors must hold every VM).
 *
 * @example
 * sizeModel(entry, vms, ctx).option.hosts // => 4 (3 for the load + 1 spare)
 */
export function sizeModel(entry: PricedHost, vms: readonly Vm[], ctx: SizingContext): SizedOption {
  const unfit = unfitVms(vms, [entry.host], ctx.policy);
  const out = new Set(unfit.map((u) => u.vm));
  const fitted = vms.filter((v) => !out.has(v.id));
  const maxNodes = resolvePlatform(entry.host.platform ?? ctx.policy.platform).maxClusterNodes;
  const lb = hostsLowerBound(entry.host, fitted, ctx.policy);
  const forLoad = fitted.length === 0 ? 0 : grow((n) => [{ entry, count: n }], lb, Math.max(lb, fitted.length), fitted, ctx, false) ?? fitted.length;
  const first = forLoad === 0 ? 0 : withSpares(forLoad, ctx.k, maxNodes);
  const total = forLoad === 0 ? 0 : grow((n) => [{ entry, count: n }], first, first + forLoad + 16, fitted, ctx, true) ?? first + forLoad + 16;
  const spec = [{ entry, count: total }];
  return { option: describeFarm(spec, fitted, unfit, ctx, forLoad, lb), spec, vms: fitted };
}

/** Fewest `fill` hosts that can hold what `m` hosts of `bulk` leave over (CPU demand taken at the faster clock). */
function fillLowerBound(bulk: PricedHost, fill: PricedHost, m: number, vms: readonly Vm[], ctx: SizingContext): number {
  const a = hostCapacity(bulk.host, ctx.policy).limits;
  const b = hostCapacity(fill.host, ctx.policy).limits;
  const da = vms.reduce((s, v) => addVectors(s, vmDemand(v, bulk.host, ctx.policy).vector), zeroVector());
  const db = vms.reduce((s, v) => addVectors(s, vmDemand(v, fill.host, ctx.policy).vector), zeroVector());
  let n = 1;
  for (const r of RESOURCES) {
    const left = Math.min(da[r], db[r]) - m * a[r];
    if (left > 0 && Number.isFinite(b[r]) && b[r] > 0 && Number.isFinite(a[r])) n = Math.max(n, Math.ceil(left / b[r] - 1e-9));
  }
  return n;
}

/**
 * A mix of two models: the bulk on `bulk` (one or two hosts fewer than it needs alone), the
 * rest on as few `fill` hosts as hold it, then spares of the bulk model until failover holds.
 * Returns the cheaper of the two tries, or null when neither is feasible.
 *
 * @example
 * sizeMix(big, small, vms, 5, ctx)?.option.name // => 'R910 + R610'
 */
export function sizeMix(bulk: PricedHost, fill: PricedHost, vms: readonly Vm[], bulkForLoad: number, ctx: SizingContext): SizedOption | null {
  const unfit = unfitVms(vms, [bulk.host, fill.host], ctx.policy);
  const out = new Set(unfit.map((u) => u.vm));
  const fitted = vms.filter((v) => !out.has(v.id));
  const maxNodes = Math.min(...[bulk, fill].map((e) => resolvePlatform(e.host.platform ?? ctx.policy.platform).maxClusterNodes));
  let best: SizedOption | null = null;
  for (let m = bulkForLoad - 1; m >= Math.max(1, bulkForLoad - 2); m--) {
    const j = grow((n) => [{ entry: bulk, count: m }, { entry: fill, count: n }], fillLowerBound(bulk, fill, m, fitted, ctx), fitted.length, fitted, ctx, false);
    if (j === null) continue;
    const spares = withSpares(m + j, ctx.k, maxNodes) - (m + j);
    const s = grow((n) => [{ entry: bulk, count: m + n }, { entry: fill, count: j }], spares, spares + m + j + 16, fitted, ctx, true);
    if (s === null) continue;
    const spec = [{ entry: bulk, count: m + s }, { entry: fill, count: j }];
    const option = describeFarm(spec, fitted, unfit, ctx, m + j, null);
    if (option.feasible && (!best || option.costPerMonth < best.option.costPerMonth)) best = { option, spec, vms: fitted };
  }
  return best;
}
