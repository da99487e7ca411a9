import { linearRegression } from 'simple-statistics';

/** A linear trend of daily peaks and when it crosses a target. */
export interface GrowthTrend {
  readonly days: number;
  /** Change of the daily peak per day, in the resource's unit (null with fewer than 2 days). */
  readonly slopePerDay: number | null;
  /** Trend value on the first day. */
  readonly intercept: number | null;
  readonly target: number;
  /** UTC ms of the day the trend reaches the target, or null (flat/falling trend, too few days). */
  readonly crossesAtMs: number | null;
  /** Days after the last measured day; negative when the trend was already above. */
  readonly daysFromLast: number | null;
  readonly reason: string;
}

const DAY = 86_400_000;

/**
 * Fits peak = intercept + slope x day (least squares, simple-statistics `linearRegression`)
 * to daily peaks and returns the day the line reaches `target`. Needs peaks on at least two
 * different days. O(days).
 *
 * @example
 * // peaks 50, 52, 54 % on three days: +2 %/day; 80 % is (80 - 50) / 2 = 15 days after day 0
 * growthTrend([{ dayMs: 0, peak: 50 }, { dayMs: 86_400_000, peak: 52 }, { dayMs: 172_800_000, peak: 54 }], 80).crossesAtMs
 * // => 15 * 86_400_000
 */
export function growthTrend(dailyPeaks: readonly { readonly dayMs: number; readonly peak: number }[], target: number): GrowthTrend {
  const days = dailyPeaks.length;
  if (days < 2) return { days, slopePerDay: null, intercept: null, target, crossesAtMs: null, daysFromLast: null, reason: `needs daily peaks on at least 2 days, got ${days}` };
  const first = dailyPeaks[0]!.dayMs;
  const last = dailyPeaks[days - 1]!.dayMs;
  const { m, b } = linearRegression(dailyPeaks.map((d) => [(d.dayMs - first) / DAY, d.peak]));
  if (!(m > 0)) return { days, slopePerDay: m, intercept: b, target, crossesAtMs: null, daysFromLast: null, reason: `daily peaks are ${m === 0 ? 'flat' : 'falling'}: the trend never reaches ${target}` };
  const x = (target - b) / m;
  const crossesAtMs = first + x * DAY;
  const daysFromLast = (crossesAtMs - last) / DAY;
  return {
    days, slopePerDay: m, intercept: b, target, crossesAtMs, daysFromLast,
    reason: `${days} daily peaks rise ${round(m)} per day; the trend reaches ${target} on ${new Date(crossesAtMs).toISOString().slice(0, 10)}${daysFromLast < 0 ? ' (already past)' : ''}`,
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * How much a rising trend adds over `days` (slope x days), or 0 without a rising trend (flat,
 * falling, or fewer than 2 days): added to a size measured now, what that size must cover to
 * last that long.
 *
 * @example
 * const peaks = [{ dayMs: 0, peak: 1 }, { dayMs: 86_400_000, peak: 1.1 }];
 * trendRise(growthTrend(peaks, 2), 10) // => 1 (+0.1 a day for 10 days)
 */
export function trendRise(trend: GrowthTrend | null, days: number): number {
  const slope = trend?.slopePerDay ?? null;
  return slope !== null && slope > 0 ? round(slope * days) : 0;
}
