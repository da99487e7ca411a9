import type { Resource } from '@hostplan/core';
import type { FarmSeries } from './farm.js';

const DAY = 86_400_000;

/** When one resource of the farm runs out at the trend of its daily peaks. */
export interface ResourceRunway {
  readonly resource: Resource;
  readonly target: number;
  /** Daily peaks of the farm's demand, one per UTC day with data. */
  readonly peaks: readonly { readonly dayMs: number; readonly peak: number }[];
  /** Least-squares slope of the daily peaks, per day; null with fewer than two days. */
  readonly slopePerDay: number | null;
  /** The trend's value on the last day. */
  readonly trendAtLast: number | null;
  /** Days after the last day until the trend reaches the target; 0 when already over; null when it never does (flat or falling, too few days). */
  readonly daysRemaining: number | null;
  readonly reason: string;
}

/**
 * The growth runway of a farm resource: the peak of every UTC day, a least-squares line through
 * them (peak = a + b x day), and the days after the last day until the line reaches the
 * target: (target - trend on the last day) / b when b > 0. O(buckets).
 *
 * @example
 * // peaks 10, 11, 12 on three days, target 20: 8 days remain
 * farmRunway({ resource: 'cpuGHz', values: [10, 11, 12], target: 20, limit: 20 }, 0, 86_400_000).daysRemaining // => 8
 */
export function farmRunway(series: FarmSeries, startMs: number, stepMs: number): ResourceRunway {
  const byDay = new Map<number, number>();
  series.values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) return;
    const day = Math.floor((startMs + i * stepMs) / DAY) * DAY;
    byDay.set(day, Math.max(byDay.get(day) ?? -Infinity, v));
  });
  const peaks = [...byDay.entries()].sort((a, b) => a[0] - b[0]).map(([dayMs, peak]) => ({ dayMs, peak }));
  const base = { resource: series.resource, target: series.target, peaks };
  if (peaks.length < 2) return { ...base, slopePerDay: null, trendAtLast: null, daysRemaining: null, reason: `${peaks.length} day${peaks.length === 1 ? '' : 's'} of data: no trend` };
  const xs = peaks.map((p) => (p.dayMs - peaks[0]!.dayMs) / DAY);
  const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
  const my = peaks.reduce((s, p) => s + p.peak, 0) / peaks.length;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => { sxy += (x - mx) * (peaks[i]!.peak - my); sxx += (x - mx) ** 2; });
  const slopePerDay = sxy / sxx;
  const trendAtLast = my + slopePerDay * (xs.at(-1)! - mx);
  const over = trendAtLast >= series.target;
  const daysRemaining = over ? 0 : slopePerDay > 0 ? (series.target - trendAtLast) / slopePerDay : null;
  const reason = over ? 'the trend of daily peaks is already at or over the target'
    : slopePerDay > 0 ? `daily peaks grow ${slopePerDay.toPrecision(3)} a day over ${peaks.length} days`
    : `daily peaks do not grow over ${peaks.length} days`;
  return { ...base, slopePerDay, trendAtLast, daysRemaining, reason };
}
