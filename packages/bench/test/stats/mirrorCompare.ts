import { expect } from 'vitest';
import type { SeriesSink, SeriesStats, StatsResult } from '@hostplan/bench';

/** The present samples each series received, in order, as [time ms, value]. */
export type Received = Map<number, [number, number][]>;

/** Plays `source` into a sink that only records the present samples of each series (rows and single samples alike). */
export function received(source: (sink: SeriesSink) => void): Received {
  const out: Received = new Map();
  const put = (i: number, t: number, v: number) => {
    if (!Number.isFinite(v)) return;
    const list = out.get(i) ?? [];
    list.push([t, v]);
    out.set(i, list);
  };
  source({
    series: () => {},
    issue: () => {},
    sample: put,
    row: (t, values, count) => {
      for (let i = 0; i < count; i++) put(i, t, values[i]!);
    },
  });
  return out;
}

/**
 * The covered windows of the sustained-peak definition (sustainedPeak.ts), computed directly:
 * for each present sample, the mean of the samples of its run in (t - W, t], when its run
 * started at or before t - W. Each window's end time and mean (summed in order).
 */
export function coveredWindows(samples: readonly (readonly [number, number])[], windowMs: number, maxGapMs: number): { endMs: number; mean: number }[] {
  const out: { endMs: number; mean: number }[] = [];
  let runFrom = 0;
  for (let i = 0; i < samples.length; i++) {
    const t = samples[i]![0];
    if (i > 0 && (!(t >= samples[i - 1]![0]) || t - samples[i - 1]![0] > maxGapMs)) runFrom = i;
    if (samples[runFrom]![0] > t - windowMs) continue;
    let sum = 0;
    let n = 0;
    for (let j = runFrom; j <= i; j++) {
      if (samples[j]![0] <= t - windowMs) continue;
      sum += samples[j]![1];
      n++;
    }
    out.push({ endMs: t, mean: sum / n });
  }
  return out;
}

const EPSILON = Number.EPSILON;

/**
 * Asserts that the statistics of a mirrored series (`hinted`: derived from its source's, mapped,
 * or folded on from a state so derived) match the plain run's (`plain`: every value folded).
 *
 * Identical: everything but what a floating-point sum depends on. Count, missing, min, max,
 * percentiles (order statistics of the same values), times, window and run counts, roll-up
 * and daily peaks (a rounded map v -> 0 + v x scale + offset with scale > 0 is monotonic, so a
 * maximum maps to the maximum of the mapped values), threshold runs and bucket counts.
 *
 * Within a tolerance: mean, stddev, sum, m2, sustained peak and bucket means. In the standard
 * model a floating-point operation gives (exact)(1 + d) + e with |d| <= eps/2 and |e| at most
 * half the smallest subnormal, 2^-1075 (eps: the double's machine epsilon). Each mapped value
 * x = fl(fl(v x scale) + offset) is then within eps A + 2^-1074 of v x scale + offset, where
 * A = max |x| + 2 |offset| bounds |v x scale| + |offset|. The plain run sums the rounded x; the
 * derived run does the source's arithmetic on v, whose absolute errors the map multiplies by
 * `scale` (an underflow at 2^-1074 becomes scale x 2^-1074: a series of subnormals and a huge
 * scale), then maps once. Both runs' summation, block merging and window re-summing round at
 * most a few times per value added. In the worst case all errors have one sign, so over n
 * values they add up to no more than 8 n (eps A + scale x 2^-1074): the tolerance of the sum
 * and of every mean-like figure (a mean is off by at most its sum's error over its count; the
 * stddev is a norm of the deviations, each off no more than a value and the mean). `m2` is
 * compared through the stddev, which adds scale x sqrt(8 x 2^-1074) for squares that
 * underflow (mirrorAllowed takes scales up to 2^64, so at most 1e-142). With at most 2,000
 * values of at most 2,600 (scale 2.5, offset 100) this is below 1e-8: far below any slip of
 * the map (a missing offset, a scale applied twice, a skipped block or value).
 */
export function expectMirrored(hinted: SeriesStats, plain: SeriesStats, values: readonly (readonly [number, number])[], map: { readonly scale: number; readonly offset: number }, windowMs: number, maxGapMs: number): void {
  const { mean: hMean, stddev: hSd, sum: hSum, moments: hM, sustainedPeak: hPeak, sustainedPeakEndMs: hEnd, buckets: hB, method: _h, ...hSame } = hinted;
  const { mean: pMean, stddev: pSd, sum: pSum, moments: pM, sustainedPeak: pPeak, sustainedPeakEndMs: pEnd, buckets: pB, method: _p, ...pSame } = plain;
  expect(hSame).toEqual(pSame);
  expect([hM.count, hM.min, hM.max]).toEqual([pM.count, pM.min, pM.max]);
  const magnitude = values.reduce((a, [, v]) => Math.max(a, Math.abs(v)), 0) + 2 * Math.abs(map.offset);
  const tolerance = 8 * Math.max(1, values.length) * (EPSILON * magnitude + Math.abs(map.scale) * Number.MIN_VALUE);
  const close = (a: number | null, b: number | null, what: string) => {
    expect(a === null, what).toBe(b === null);
    if (a !== null && b !== null && !Object.is(a, b)) expect(Math.abs(a - b), `${what}: ${a} vs ${b}, tolerance ${tolerance}`).toBeLessThanOrEqual(tolerance);
  };
  close(hMean, pMean, 'mean');
  close(hM.mean, pM.mean, 'moments.mean');
  // squares of deviations below 2^-537 underflow (absolute error 2^-1074 each in m2), which a square root turns into sqrt(8 x 2^-1074) in the stddev, scaled
  const spread = tolerance + Math.abs(map.scale) * Math.sqrt(8 * Number.MIN_VALUE);
  expect(hSd === null).toBe(pSd === null);
  if (hSd !== null && pSd !== null && !Object.is(hSd, pSd)) expect(Math.abs(hSd - pSd), `stddev: ${hSd} vs ${pSd}, tolerance ${spread}`).toBeLessThanOrEqual(spread);
  close(hSum, pSum, 'sum');
  close(hM.sum, pM.sum, 'moments.sum');
  close(hPeak, pPeak, 'sustained peak');
  // the peak's window: a near tie may be broken otherwise by rounding, so either run's end is a window whose mean is the peak's
  const windows = coveredWindows(values, windowMs, maxGapMs);
  for (const [end, peak] of [[hEnd, hPeak], [pEnd, pPeak]] as const) {
    if (peak === null) expect(end).toBeNull();
    else expect(windows.some((w) => w.endMs === end && Math.abs(w.mean - peak) <= 2 * tolerance), `a window ending at ${end} with mean ${peak}`).toBe(true);
  }
  expect(hB === undefined).toBe(pB === undefined);
  if (hB && pB) {
    expect([hB.firstBucketMs, hB.bucketMs, [...hB.counts]]).toEqual([pB.firstBucketMs, pB.bucketMs, [...pB.counts]]);
    hB.means.forEach((m, i) => (Number.isNaN(m) ? expect(pB.means[i]).toBeNaN() : close(m, pB.means[i]!, `bucket ${i}`)));
  }
}

/** The results without what a hint may change by design: each series' method (a mirror keeps fewer values, so may not spill), the threads assumption. */
export const withoutThreads = (r: StatsResult) => ({ ...r, series: r.series.map(({ method: _m, ...s }) => s), assumptions: r.assumptions.filter((a) => a.name !== 'stats.threads') });
