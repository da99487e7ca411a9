import { coincidenceProfiles, type DemandResult } from '@hostplan/bench';
import type { ExposureRow } from '@hostplan/report';
import { measuredExposure, PROFILED_RESOURCES, RESOURCE_UNITS, type Host, type HostExposure, type PlacementPlan, type Policy, type Vm } from '@hostplan/core';
import type { Io } from './io.js';
import { table } from './table.js';

/**
 * The plan's exposure to its measurements (`measuredExposure`), every resource the logs have a
 * series for, each VM shifted to its demand as peak coincidence does.
 *
 * @example
 * planExposure(demand, hosts, vms, result, policy)[0].resources[0].overShare // => 0.05
 */
export function planExposure(demand: DemandResult, hosts: readonly Host[], vms: readonly Vm[], plan: PlacementPlan, policy: Policy): HostExposure[] {
  const percentile = demand.assumptions.find((a) => a.name === 'demand.percentile')?.value;
  const p = typeof percentile === 'number' ? percentile : 95;
  const profiles = coincidenceProfiles(demand, { resources: PROFILED_RESOURCES, percentile: p });
  return measuredExposure(hosts, vms, plan, { profiles: profiles.coincidence.profiles, percentile: p, policy });
}

const pct = (x: number | null) => (x === null ? '-' : `${(100 * x).toFixed(1)} %`);

/**
 * Prints one row per host: for each measured resource, the share of the measured time the
 * host is over its limit and the worst overshoot (`4.9 % / +0.7 %`), and the buckets measured.
 *
 * @example
 * printExposure(io, planExposure(demand, hosts, vms, result, policy))
 */
export function printExposure(io: Io, exposure: readonly HostExposure[]): void {
  const resources = PROFILED_RESOURCES.filter((r) => exposure.some((h) => h.resources.some((x) => x.resource === r && x.points > 0)));
  if (!resources.length) return;
  const cell = (h: HostExposure, r: string) => {
    const x = h.resources.find((y) => y.resource === r);
    return !x || x.points === 0 ? '-' : `${pct(x.overShare)} / +${pct(x.worstOvershoot)}`;
  };
  io.stdout.write(`\nExposure: share of the measured time each host's summed demand (each VM shifted to its demand) is over its limit / worst overshoot\n`);
  io.stdout.write(table(['host', ...resources, 'buckets'], exposure.map((h) => [h.host, ...resources.map((r) => cell(h, r)), String(Math.min(...h.resources.map((x) => x.points)))])));
}

/**
 * The exposure as the report's plain rows (one per host and resource measured).
 *
 * @example
 * exposureRows(planExposure(demand, hosts, vms, result, policy))[0] // => { host: 'hv01', resource: 'cpuGHz', unit: 'GHz', ... }
 */
export function exposureRows(exposure: readonly HostExposure[]): ExposureRow[] {
  return exposure.flatMap((h) => h.resources.map((r) => ({ host: h.host, resource: r.resource, unit: RESOURCE_UNITS[r.resource], limit: r.limit, points: r.points, overShare: r.overShare, worstOvershoot: r.worstOvershoot })));
}
