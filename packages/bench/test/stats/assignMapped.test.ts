import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BucketMeanTracker, DailyPeakTracker, WindowPeakTracker } from '../../src/stats/index.js';
import { MomentsAccumulator } from '../../src/stats/moments.js';
import { SustainedPeakTracker } from '../../src/stats/sustainedPeak.js';

const MIN = 60_000;
const map = (v: number, scale: number, offset: number) => 0 + v * scale + offset;

/**
 * A stream split in two: `before` is folded into a source tracker, whose state is then assigned
 * mapped to a second tracker, which goes on with the mapped values of `after`; the reference
 * tracker folds every mapped value. Times step 0-3 minutes from a day's end (daily peaks span two days).
 */
const streamArb = fc.record({
  before: fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.double({ min: -1e3, max: 1e3, noNaN: true })), { maxLength: 200 }),
  after: fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.double({ min: -1e3, max: 1e3, noNaN: true })), { maxLength: 200 }),
  scale: fc.constantFrom(0.01, 8e-6, 1, 2.5, 1 / 1024),
  offset: fc.constantFrom(0, 100, -3),
});
const times = (steps: readonly (readonly [number, number])[], fromMs: number) => {
  let t = fromMs;
  return Float64Array.from(steps, ([dt]) => (t += dt * MIN));
};

interface Tracker {
  addAll(ts: Float64Array, vs: Float64Array, count: number): void;
  assignMapped(source: this, scale: number, offset: number): void;
}

/** [the tracker assigned from a source and continued, the reference], after the stream. */
function play<T extends Tracker>(make: () => T, s: { before: [number, number][]; after: [number, number][]; scale: number; offset: number }): [T, T] {
  const t0 = times(s.before, Date.UTC(2024, 0, 1, 23));
  const t1 = times(s.after, t0.length ? t0[t0.length - 1]! : Date.UTC(2024, 0, 1, 23));
  const v0 = Float64Array.from(s.before, ([, v]) => v);
  const m0 = v0.map((v) => map(v, s.scale, s.offset));
  const m1 = Float64Array.from(s.after, ([, v]) => map(v, s.scale, s.offset));
  const source = make();
  source.addAll(t0, v0, t0.length);
  const assigned = make();
  assigned.assignMapped(source, s.scale, s.offset);
  assigned.addAll(t1, m1, t1.length);
  const reference = make();
  reference.addAll(t0, m0, t0.length);
  reference.addAll(t1, m1, t1.length);
  return [assigned, reference];
}

/** The moments accumulator as a tracker of (time, value) samples. */
class Moments {
  readonly m = new MomentsAccumulator();
  addAll(_ts: Float64Array, vs: Float64Array, count: number): void {
    this.m.addAll(vs, 0, count);
  }
  assignMapped(source: Moments, scale: number, offset: number): void {
    this.m.assignMapped(source.m, scale, offset);
  }
}

/** As in mirrorCompare.ts: the values' rounding errors over n values, all of one sign at worst (magnitude 1e3 x scale + 2 |offset|). */
const tolerance = (s: { before: unknown[]; after: unknown[]; scale: number; offset: number }) => 8 * (s.before.length + s.after.length + 1) * Number.EPSILON * (1e3 * s.scale + 2 * Math.abs(s.offset));

describe('assignMapped: a tracker takes another one state, its values mapped by v -> 0 + v x scale + offset, and folds on', () => {
  it('window and daily peaks: exactly those of folding the mapped values (property)', () => {
    fc.assert(fc.property(streamArb, (s) => {
      const [a, b] = play(() => new WindowPeakTracker(10 * MIN), s);
      expect(a.peaks()).toEqual(b.peaks());
      const [c, d] = play(() => new DailyPeakTracker(), s);
      expect(c.peaks()).toEqual(d.peaks());
    }), { numRuns: 200 });
  });

  it('moments: count, min and max exactly, sum, mean and m2 within the rounding bound (property)', () => {
    fc.assert(fc.property(streamArb, (s) => {
      const [a, b] = play(() => new Moments(), s).map((m) => m.m.summary());
      const tol = tolerance(s);
      expect([a!.count, a!.min, a!.max]).toEqual([b!.count, b!.min, b!.max]);
      expect(Math.abs(a!.sum - b!.sum)).toBeLessThanOrEqual(tol);
      expect(Math.abs(a!.mean - b!.mean)).toBeLessThanOrEqual(tol);
      expect(Math.abs(Math.sqrt(a!.m2) - Math.sqrt(b!.m2))).toBeLessThanOrEqual(tol * Math.sqrt(a!.count + 1));
    }), { numRuns: 200 });
  });

  it('sustained peak: the same window count, the peak within the rounding bound (property)', () => {
    fc.assert(fc.property(streamArb, (s) => {
      const [a, b] = play(() => new SustainedPeakTracker(5 * MIN, 5 * MIN), s);
      expect(a.windows).toBe(b.windows);
      expect(a.peak === null).toBe(b.peak === null);
      // plus the tie rule's slack: a later window replaces the peak only when higher by more than
      // 1e-13 of it, so each tracker may keep a window up to that much below the other's (seed
      // -1369995216: values ~100 +- 0.008, 8.6e-12 apart, the rounding bound alone 3.6e-12)
      if (a.peak !== null) expect(Math.abs(a.peak - b.peak!)).toBeLessThanOrEqual(tolerance(s) + 2e-13 * Math.max(Math.abs(a.peak), Math.abs(b.peak!)));
    }), { numRuns: 200 });
  });

  it('bucket means: the same buckets and counts, means within the rounding bound, also when mapped in place (property)', () => {
    fc.assert(fc.property(streamArb, (s) => {
      const [a, b] = play(() => new BucketMeanTracker(5 * MIN), s);
      const x = a.aligned();
      const y = b.aligned();
      expect([x.firstBucketMs, x.bucketMs, [...x.counts]]).toEqual([y.firstBucketMs, y.bucketMs, [...y.counts]]);
      x.means.forEach((m, i) => (Number.isNaN(m) ? expect(y.means[i]).toBeNaN() : expect(Math.abs(m - y.means[i]!)).toBeLessThanOrEqual(tolerance(s))));
      // in place: the source's own values, then mapped
      const inPlace = new BucketMeanTracker(5 * MIN);
      const t = times([...s.before, ...s.after], Date.UTC(2024, 0, 1, 23));
      inPlace.addAll(t, Float64Array.from([...s.before, ...s.after], ([, v]) => v), t.length);
      inPlace.mapInPlace(s.scale, s.offset);
      const z = inPlace.aligned();
      expect([...z.counts]).toEqual([...y.counts]);
      z.means.forEach((m, i) => (Number.isNaN(m) ? expect(y.means[i]).toBeNaN() : expect(Math.abs(m - y.means[i]!)).toBeLessThanOrEqual(tolerance(s))));
    }), { numRuns: 200 });
  });
});
