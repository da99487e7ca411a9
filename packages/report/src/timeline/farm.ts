import type { Resource } from '@hostplan/core';
import type { ReportTimelines } from '../input/types.js';

/** The farm's demand of one resource over time: the hosts' values summed bucket by bucket. */
export interface FarmSeries {
  readonly resource: Resource;
  /** Sum of the hosts' present values per bucket; null where no host has one. */
  readonly values: readonly (number | null)[];
  /** Sum of the hosts' targets. */
  readonly target: number;
  /** Sum of the hosts' limits. */
  readonly limit: number;
}

/**
 * The farm's demand of `resource`: every host's values summed per bucket (a host without a
 * value in a bucket adds nothing), against the summed targets and limits. Null when no host
 * has the resource. O(hosts x buckets).
 *
 * @example
 * farmSeries({ startMs: 0, stepMs: 1, hosts: [
 *   { host: 'a', resources: [{ resource: 'cpuGHz', values: [1, 2], target: 10 }] },
 *   { host: 'b', resources: [{ resource: 'cpuGHz', values: [3, null], target: 5, limit: 6 }] }] }, 'cpuGHz')
 * // => { resource: 'cpuGHz', values: [4, 2], target: 15, limit: 16 }
 */
export function farmSeries(timelines: ReportTimelines, resource: Resource): FarmSeries | null {
  const series = timelines.hosts.flatMap((h) => h.resources.filter((r) => r.resource === resource));
  if (series.length === 0) return null;
  const n = Math.max(...series.map((s) => s.values.length));
  const values: (number | null)[] = new Array(n).fill(null);
  for (const s of series) {
    s.values.forEach((v, i) => { if (v !== null && Number.isFinite(v)) values[i] = (values[i] ?? 0) + v; });
  }
  const target = series.reduce((t, s) => t + s.target, 0);
  const limit = series.reduce((t, s) => t + (s.limit ?? s.target), 0);
  return { resource, values, target, limit };
}

/** Means of one UTC day, hour by hour. */
export interface DayRow {
  /** Midnight UTC of the day, epoch ms. */
  readonly dayMs: number;
  /** Mean of the present values whose bucket starts in each hour (0..23); null for none. */
  readonly hours: readonly (number | null)[];
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * A series by UTC day and hour of day: for each day from the first bucket's to the last's, the
 * mean of the present values whose bucket starts in each hour. O(buckets + days x 24).
 *
 * @example
 * dayHourMeans(0, 1_800_000, [1, 3, 5]) // => [{ dayMs: 0, hours: [2, 5, null, ...] }]
 */
export function dayHourMeans(startMs: number, stepMs: number, values: readonly (number | null)[]): DayRow[] {
  if (values.length === 0) return [];
  const firstDay = Math.floor(startMs / DAY) * DAY;
  const days = Math.floor((startMs + (values.length - 1) * stepMs - firstDay) / DAY) + 1;
  const sums = new Float64Array(days * 24);
  const counts = new Uint32Array(days * 24);
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) return;
    const k = Math.floor((startMs + i * stepMs - firstDay) / HOUR);
    sums[k] = sums[k]! + v;
    counts[k] = counts[k]! + 1;
  });
  return Array.from({ length: days }, (_, d) => ({
    dayMs: firstDay + d * DAY,
    hours: Array.from({ length: 24 }, (_, h) => (counts[d * 24 + h] ? sums[d * 24 + h]! / counts[d * 24 + h]! : null)),
  }));
}
