import { HostplanError, invalid, PROFILED_RESOURCES, type Assumption, type CoincidenceOptions, type ProfiledResource, type VmProfile } from '@hostplan/core';
import { coarsenAligned, type AlignedSeries } from '../stats/rollup.js';
import type { DemandResult } from './measureDemand.js';

/** Options of {@link coincidenceProfiles}. */
export interface CoincidenceProfilesOptions {
  /**
   * Resources to profile. Memory is left out by default: a VM holds its memory at every
   * instant unless it uses dynamic memory, and going over is paging, not a slower run.
   * @defaultValue ['cpuGHz', 'iops', 'networkMbps']
   */
  readonly resources?: readonly ProfiledResource[];
  /** Percentile of the summed series that placement uses. @defaultValue the result's `demand.percentile` (95) */
  readonly percentile?: number;
  /** Most points per profile: longer grids double their bucket length until they fit (exact merges). @defaultValue 4096 */
  readonly maxPoints?: number;
}

/** What {@link coincidenceProfiles} returns. */
export interface CoincidenceProfiles {
  /** Ready for core: `placeVms(hosts, vms, { coincidence })`, VM ids as in `result.vms`. */
  readonly coincidence: CoincidenceOptions;
  readonly firstBucketMs: number;
  readonly bucketMs: number;
  readonly points: number;
  /**
   * Per VM and resource, buckets with no data: left as NaN gaps, which core counts as the VM's
   * highest measured bucket in a host's sum (conservative) without moving its measured points.
   */
  readonly filled: Readonly<Record<string, Partial<Record<ProfiledResource, number>>>>;
  /** VMs and resources no profile could be built for, with the reason (placement counts them at their demand). */
  readonly skipped: readonly CoincidenceSkip[];
  readonly assumptions: readonly Assumption[];
}

/** A VM resource {@link coincidenceProfiles} built no profile for, and why. */
export interface CoincidenceSkip {
  /** The measured VM (its `vm.id` when it has one). */
  readonly vm: string;
  readonly resource: ProfiledResource | null;
  readonly reason: string;
}

/** Default resources of {@link coincidenceProfiles}. */
export const DEFAULT_COINCIDENCE_RESOURCES: readonly ProfiledResource[] = ['cpuGHz', 'iops', 'networkMbps'];
/** Default most points per profile of {@link coincidenceProfiles} (14 days of 5-minute buckets is 4,032). */
export const DEFAULT_COINCIDENCE_MAX_POINTS = 4096;

const SERIES: Record<Exclude<ProfiledResource, 'cpuGHz'>, string> = { memoryMB: 'vm.memoryMB', iops: 'vm.iops', networkMbps: 'vm.networkMbps' };

/**
 * Per-VM demand profiles for peak coincidence in `placeVms`, from a {@link measureDemand}
 * result: each VM's aligned bucket means (`stats.series[].buckets`) of CPU (cores x the VM's
 * host clock, else measured GHz), IOPS, Mbps (and memory if asked), put on one time grid
 * (the longest bucket length; from the first bucket of any VM to the last), buckets without
 * data left as NaN gaps and counted in `filled`. Core shifts each profile so that the
 * percentile of its measured points equals the VM's demand, so the level comes from the
 * demand (percentile x comfort factor) and only the shape from here; a gap counts as the
 * VM's peak in a host's sum. VMs without a `vm` (not placeable) or without a series are left
 * out and listed in `skipped` with the reason (core counts them at their demand).
 * O(groups + VMs x points).
 *
 * @example
 * const r = await measureDemand(source, { clockGHz: 2.93 });
 * const { coincidence } = coincidenceProfiles(r);
 * placeVms(hosts, r.vms.flatMap((v) => (v.vm ? [v.vm] : [])), { coincidence });
 * coincidence.percentile // => 95
 */
export function coincidenceProfiles(result: DemandResult, options: CoincidenceProfilesOptions = {}): CoincidenceProfiles {
  const { resources, percentile, maxPoints } = resolveProfileOptions(result, options);
  const { wanted, skipped } = wantedSeries(result, resources);
  const withData = wanted.filter((w) => w.b.means.some((x) => !Number.isNaN(x)));
  const base = { percentile, resources: [...resources] };
  for (const w of wanted) if (!withData.includes(w)) skipped.push({ vm: w.id, resource: w.r, reason: `every ${w.r} bucket is empty` });
  if (withData.length === 0) return { coincidence: { ...base, profiles: {} }, firstBucketMs: 0, bucketMs: 0, points: 0, filled: {}, skipped, assumptions: assumptionsOf(options, percentile, resources, 0, 0, maxPoints) };
  const grid = profileGrid(withData, maxPoints);
  const profiles: Record<string, Record<string, Float64Array>> = {};
  const filled: Record<string, Partial<Record<ProfiledResource, number>>> = {};
  for (const w of withData) {
    const { profile, gaps } = onGrid(w, grid);
    (profiles[w.id] ??= {})[w.r] = profile;
    if (gaps > 0) (filled[w.id] ??= {})[w.r] = gaps;
  }
  return {
    coincidence: { ...base, profiles: profiles as Record<string, VmProfile> },
    firstBucketMs: grid.first * grid.bucketMs,
    bucketMs: grid.bucketMs,
    points: grid.points,
    filled,
    skipped,
    assumptions: assumptionsOf(options, percentile, resources, grid.bucketMs, grid.points, maxPoints),
  };
}

/** The options, checked, with their defaults (the percentile defaults to the demand's). */
function resolveProfileOptions(result: DemandResult, options: CoincidenceProfilesOptions): { resources: readonly ProfiledResource[]; percentile: number; maxPoints: number } {
  const resources = options.resources ?? DEFAULT_COINCIDENCE_RESOURCES;
  if (!Array.isArray(resources)) invalid('resources', `an array of ${PROFILED_RESOURCES.join(', ')}`, resources);
  resources.forEach((r, i) => { if (!PROFILED_RESOURCES.includes(r)) invalid(`resources[${i}]`, `a profiled resource (${PROFILED_RESOURCES.join(', ')})`, r); });
  const fromResult = result.assumptions.find((a) => a.name === 'demand.percentile')?.value;
  const percentile = options.percentile ?? (typeof fromResult === 'number' ? fromResult : 95);
  if (typeof percentile !== 'number' || !(percentile >= 0 && percentile <= 100)) invalid('percentile', 'a number from 0 to 100', percentile);
  const maxPoints = options.maxPoints ?? DEFAULT_COINCIDENCE_MAX_POINTS;
  if (!Number.isInteger(maxPoints) || maxPoints < 1) invalid('maxPoints', 'an integer >= 1', maxPoints);
  return { resources, percentile, maxPoints };
}

/** A VM's series of one resource to profile: bucket means times a scale (the clock for cores). */
interface WantedSeries {
  readonly id: string;
  readonly r: ProfiledResource;
  readonly b: AlignedSeries;
  readonly scale: number;
}

/** The counter groups of a result by host (any case), entity and resource: bucket means, and whether measured at all. O(groups) once, O(1) a look-up. */
function groupLookup(result: DemandResult): { bucketsOf(host: string, entity: string, resource: string): AlignedSeries | null; measuredAt(host: string, entity: string, resource: string): boolean } {
  const byIndex = new Map(result.stats.series.map((s) => [s.index, s]));
  const groupOf = new Map<string, DemandResult['groups'][number]>();
  // measureDemand spells a VM's host as the inventory does (hv01), the counter groups as perfmon does (HV01)
  const key = (host: string, entity: string, resource: string) => `${host.toLowerCase()}\u0000${entity}\u0000${resource}`;
  for (const g of result.groups) {
    const k = key(g.host, g.entity, g.resource);
    if (!groupOf.has(k)) groupOf.set(k, g);
  }
  return {
    bucketsOf(host, entity, resource) {
      const g = groupOf.get(key(host, entity, resource));
      return (g && byIndex.get(g.index)?.buckets) || null;
    },
    measuredAt: (host, entity, resource) => groupOf.has(key(host, entity, resource)),
  };
}

const NO_CLOCK = 'measured, but not on a time grid (no timestamps to align): no profile';

/** The series to profile for each placeable VM (by id), and what is left out with the reason. */
function wantedSeries(result: DemandResult, resources: readonly ProfiledResource[]): { wanted: WantedSeries[]; skipped: CoincidenceSkip[] } {
  const { bucketsOf, measuredAt } = groupLookup(result);
  const wanted: WantedSeries[] = [];
  const skipped: CoincidenceSkip[] = [];
  for (const v of [...result.vms].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (!v.vm) { skipped.push({ vm: v.id, resource: null, reason: `not sized from the logs (${v.reasons?.[0] ?? 'incomplete measurements'})` }); continue; }
    for (const r of PROFILED_RESOURCES.filter((x) => resources.includes(x))) {
      if (r === 'cpuGHz') {
        const cores = bucketsOf(v.host, v.entity, 'vm.cpuCores');
        const ghz = bucketsOf(v.host, v.entity, 'vm.cpuGHz');
        // as measureVms does: cores x clock when cores are measured, else measured GHz
        if (cores && v.clockGHz !== null) wanted.push({ id: v.vm.id, r, b: cores, scale: v.clockGHz });
        else if (!cores && ghz) wanted.push({ id: v.vm.id, r, b: ghz, scale: 1 });
        else if (cores) skipped.push({ vm: v.vm.id, resource: r, reason: `CPU is measured in cores but the clock of host ${v.host} is unknown: name the host in --hosts (matched by name) or give its clock` });
        else if (measuredAt(v.host, v.entity, 'vm.cpuCores') || measuredAt(v.host, v.entity, 'vm.cpuGHz')) skipped.push({ vm: v.vm.id, resource: r, reason: `CPU ${NO_CLOCK}` });
      } else {
        const b = bucketsOf(v.host, v.entity, SERIES[r]);
        // a resource not measured for the VM is not profiled: it counts at its demand
        if (b) wanted.push({ id: v.vm.id, r, b, scale: 1 });
        else if (measuredAt(v.host, v.entity, SERIES[r])) skipped.push({ vm: v.vm.id, resource: r, reason: `${r} ${NO_CLOCK}` });
      }
    }
  }
  return { wanted, skipped };
}

/** The time grid of the profiles. */
interface ProfileGrid {
  readonly bucketMs: number;
  /** The first bucket, in buckets since the epoch. */
  readonly first: number;
  readonly points: number;
}

/** One grid: the longest bucket length (doubled while the span needs more than maxPoints), from the first bucket of any series to the last. */
function profileGrid(withData: readonly WantedSeries[], maxPoints: number): ProfileGrid {
  let bucketMs = Math.max(...withData.map((w) => w.b.bucketMs));
  const bad = withData.find((w) => bucketMs % w.b.bucketMs !== 0);
  if (bad) throw new HostplanError('invalid-value', `vms.${bad.id}.${bad.r}`, `expected bucket lengths that divide each other, got ${bad.b.bucketMs} ms and ${bucketMs} ms`, `a divisor of ${bucketMs}`, bad.b.bucketMs);
  const span = (ms: number) => {
    const first = Math.min(...withData.map((w) => Math.floor(w.b.firstBucketMs / ms)));
    const last = Math.max(...withData.map((w) => Math.floor((w.b.firstBucketMs + (w.b.means.length - 1) * w.b.bucketMs) / ms)));
    return { first, points: last - first + 1 };
  };
  let grid = span(bucketMs);
  while (grid.points > maxPoints) grid = span((bucketMs *= 2));
  return { bucketMs, ...grid };
}

/** A series coarsened to the grid and scaled; buckets without data stay NaN (core shifts a profile against its measured points only). */
function onGrid(w: WantedSeries, grid: ProfileGrid): { profile: Float64Array; gaps: number } {
  const c = coarsenAligned(w.b, grid.bucketMs);
  const profile = new Float64Array(grid.points).fill(Number.NaN);
  const offset = Math.floor(c.firstBucketMs / grid.bucketMs) - grid.first;
  for (let i = 0; i < c.means.length; i++) {
    const x = c.means[i]!;
    if (!Number.isNaN(x)) profile[offset + i] = x * w.scale;
  }
  let gaps = 0;
  for (let i = 0; i < profile.length; i++) if (Number.isNaN(profile[i]!)) gaps++;
  return { profile, gaps };
}

function assumptionsOf(o: CoincidenceProfilesOptions, percentile: number, resources: readonly ProfiledResource[], bucketMs: number, points: number, maxPoints: number): Assumption[] {
  return [
    { name: 'coincidence.percentile', value: percentile, unit: 'percentile of the summed series', source: o.percentile === undefined ? 'the demand percentile' : 'input', isDefault: o.percentile === undefined },
    { name: 'coincidence.resources', value: [...resources], source: o.resources === undefined ? 'hostplan: CPU, IOPS and network (memory is held, not time-shared)' : 'input', isDefault: o.resources === undefined },
    { name: 'coincidence.bucketMs', value: bucketMs, unit: 'ms per point (aligned bucket means)', source: 'measured: the longest bucket length, doubled to fit maxPoints', isDefault: false },
    { name: 'coincidence.points', value: points, unit: 'points per profile', source: 'measured', isDefault: false },
    { name: 'coincidence.maxPoints', value: maxPoints, unit: 'points', source: o.maxPoints === undefined ? 'hostplan' : 'input', isDefault: o.maxPoints === undefined },
    { name: 'coincidence.gapFill', value: 'the VM\'s highest measured bucket mean, after the shift', source: 'hostplan: each VM\'s series is shifted against the percentile of its measured buckets only; in a host\'s sum a bucket without data counts as the VM\'s peak (conservative); see `filled`', isDefault: true },
  ];
}
