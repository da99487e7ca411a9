import { asResolved } from '../capacity/hostCapacity.js';
import { vmDemand } from '../capacity/vmDemand.js';
import { invalid } from '../errors.js';
import type { Host } from '../model/host.js';
import type { Policy, ResolvedPolicy } from '../model/policy.js';
import type { Vm } from '../model/vm.js';
import type { PlacementPlan } from '../plan/types.js';
import { DEFAULT_COINCIDENCE_PERCENTILE, PROFILED_RESOURCES, type ProfiledResource, type VmProfile } from './coincidenceTypes.js';
import { quantileSelect7 } from '../math/quantile.js';

/** How often one host's measured demand of one resource went over its limit. */
export interface ResourceExposure {
  readonly resource: ProfiledResource;
  /** The host's limit after reserves, in the resource's unit. */
  readonly limit: number;
  /** Buckets at which every profiled VM on the host was measured (the measured time). */
  readonly points: number;
  /** Share of those buckets at which the summed demand is above the limit; null without any. */
  readonly overShare: number | null;
  /** Largest (summed demand - limit) / limit over those buckets, 0 when never over; null without any. */
  readonly worstOvershoot: number | null;
  /** Largest summed demand over those buckets; null without any. */
  readonly peak: number | null;
}

/** {@link measuredExposure} for one host. */
export interface HostExposure {
  readonly host: string;
  readonly resources: readonly ResourceExposure[];
}

/** Options of {@link measuredExposure}. */
export interface ExposureOptions {
  /** VM id -> measured series on one shared grid (NaN marks a gap), as for peak coincidence. */
  readonly profiles: Readonly<Record<string, VmProfile>>;
  /** Percentile each VM's measured points are shifted against (its demand's percentile). @defaultValue 95 */
  readonly percentile?: number;
  /** Reserves and overheads of the plan. @defaultValue {@link POLICY_DEFAULTS} */
  readonly policy?: Policy | ResolvedPolicy;
}

/**
 * A plan's exposure to its own measurements: for each host and each resource some VM on it has
 * a series for, the share of the measured time the host's summed demand is above its limit,
 * and the worst overshoot. Each VM's series is shifted as peak coincidence shifts it (so that
 * the percentile of its measured points equals its demand on that host); unprofiled VMs count
 * at their demand; only buckets at which every profiled VM on the host was measured count (a
 * gap is not a measurement). A plan sized on the 95th percentile is over its limit about 5 %
 * of the time by design: this says how often and by how much. O(VMs x points).
 *
 * @example
 * measuredExposure(hosts, vms, plan, { profiles }).find((h) => h.host === 'h1')!.resources[0]
 * // => { resource: 'cpuGHz', limit: 21.6, points: 2016, overShare: 0.05, worstOvershoot: 0.68, peak: 36.3 }
 */
export function measuredExposure(hosts: readonly Host[], vms: readonly Vm[], plan: PlacementPlan, options: ExposureOptions): HostExposure[] {
  const policy = asResolved(options.policy);
  const percentile = options.percentile ?? DEFAULT_COINCIDENCE_PERCENTILE;
  if (typeof percentile !== 'number' || !(percentile >= 0 && percentile <= 100)) invalid('exposure.percentile', 'a number from 0 to 100', percentile);
  const hostById = new Map(hosts.map((h) => [h.id, h]));
  const vmById = new Map(vms.map((v) => [v.id, v]));
  const out: HostExposure[] = [];
  for (const use of plan.hosts) {
    const host = hostById.get(use.id);
    if (!host || use.vms.length === 0) continue;
    const on = use.vms.map((id) => vmById.get(id)!).filter(Boolean);
    const resources: ResourceExposure[] = [];
    for (const r of PROFILED_RESOURCES) {
      const profiled = on.filter((v) => options.profiles[v.id]?.[r] !== undefined);
      if (!profiled.length) continue;
      resources.push(exposureOf(r, use.capacity[r], on, profiled, host, options.profiles, percentile / 100, policy));
    }
    if (resources.length) out.push({ host: use.id, resources });
  }
  return out;
}

function exposureOf(r: ProfiledResource, limit: number, on: readonly Vm[], profiled: readonly Vm[], host: Host,
  profiles: Readonly<Record<string, VmProfile>>, q: number, policy: ResolvedPolicy): ResourceExposure {
  const points = profiles[profiled[0]!.id]![r]!.length;
  const sum = new Float64Array(points);
  const measured = new Uint8Array(points).fill(1);
  let flat = 0;
  for (const vm of on) {
    const d = vmDemand(vm, host, policy).vector[r];
    const series = profiles[vm.id]?.[r];
    if (!series) { flat += d; continue; }
    if (series.length !== points) invalid(`profiles.${vm.id}.${r}`, `${points} values (one shared time grid)`, series.length);
    const real = Float64Array.from(series).filter((x) => !Number.isNaN(x));
    if (!real.length) { flat += d; continue; }
    const shift = d - quantileSelect7(real, q);
    for (let i = 0; i < points; i++) {
      const x = series[i]!;
      if (Number.isNaN(x)) measured[i] = 0;
      else sum[i]! += x + shift;
    }
  }
  let n = 0;
  let over = 0;
  let peak = -Infinity;
  for (let i = 0; i < points; i++) {
    if (!measured[i]) continue;
    const total = sum[i]! + flat;
    n++;
    if (total > limit + 1e-9 * Math.max(1, limit)) over++;
    if (total > peak) peak = total;
  }
  if (n === 0) return { resource: r, limit, points: 0, overShare: null, worstOvershoot: null, peak: null };
  const worst = Number.isFinite(limit) && limit > 0 ? Math.max(0, (peak - limit) / limit) : 0;
  return { resource: r, limit, points: n, overShare: over / n, worstOvershoot: worst, peak };
}
