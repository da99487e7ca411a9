import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BucketMeanTracker, DailyPeakTracker, WindowPeakTracker } from '../../src/stats/index.js';

const MIN = 60_000;

describe('WindowPeakTracker', () => {
  it('keeps the peak of each 10-minute window aligned to the epoch', () => {
    const r = new WindowPeakTracker(10 * MIN);
    // 0-9 min: 5, 9 -> 9; 10-19 min: 2; 30 min: 7 (window 20-29 has no data, so no peak)
    [[0, 5], [5 * MIN, 9], [10 * MIN, 2], [30 * MIN, 7]].forEach(([t, v]) => r.add(t!, v!));
    expect(r.peaks()).toEqual([9, 2, 7]);
  });
});

describe('DailyPeakTracker', () => {
  it('keeps the highest value per UTC day, also when a day comes back', () => {
    const d = new DailyPeakTracker();
    const day = (n: number, h: number) => Date.UTC(2024, 0, n, h);
    [[day(1, 9), 40], [day(1, 15), 60], [day(2, 9), 50], [day(1, 23), 70]].forEach(([t, v]) => d.add(t!, v!));
    expect(d.peaks()).toEqual([{ dayMs: Date.UTC(2024, 0, 1), peak: 70 }, { dayMs: Date.UTC(2024, 0, 2), peak: 50 }]);
  });
});

describe('BucketMeanTracker', () => {
  it('averages per 5-minute bucket, NaN where a bucket has no data', () => {
    const a = new BucketMeanTracker(5 * MIN);
    [[0, 10], [MIN, 20], [10 * MIN, 5]].forEach(([t, v]) => a.add(t!, v!));
    const { firstBucketMs, means } = a.aligned();
    expect(firstBucketMs).toBe(0);
    expect([...means]).toEqual([15, NaN, 5]); // (10 + 20) / 2; nothing in 5-10 min; 5
  });

  it('moves its start back when an earlier sample arrives', () => {
    const a = new BucketMeanTracker(5 * MIN);
    a.add(20 * MIN, 4);
    a.add(6 * MIN, 8);
    const { firstBucketMs, means } = a.aligned();
    expect(firstBucketMs).toBe(5 * MIN);
    expect([...means]).toEqual([8, NaN, NaN, 4]);
  });

  it('doubles the bucket length when the span needs more than maxBuckets (sums and counts merge exactly)', () => {
    const a = new BucketMeanTracker(MIN, 4);
    // minutes 0..5 with values 0..5: 6 buckets > 4 -> 2-minute buckets: (0+1)/2, (2+3)/2, (4+5)/2
    for (let m = 0; m < 6; m++) a.add(m * MIN, m);
    const r = a.aligned();
    expect([r.bucketMs, r.firstBucketMs, [...r.means], [...r.counts]]).toEqual([2 * MIN, 0, [0.5, 2.5, 4.5], [2, 2, 2]]);
  });

  it('coarsens also when an early sample would stretch the span backwards', () => {
    const a = new BucketMeanTracker(MIN, 4);
    a.add(10 * MIN, 1);
    a.add(3 * MIN, 3); // 8 one-minute buckets needed -> 2-minute buckets 2..10 min (5) -> 4-minute buckets 0..12 min
    const r = a.aligned();
    expect(r.bucketMs).toBe(4 * MIN);
    expect([r.firstBucketMs, [...r.means]]).toEqual([0, [3, NaN, 1]]);
  });

  it('keeps at most maxBuckets whatever the span (property)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 200 }), (ts) => {
      const a = new BucketMeanTracker(7, 16);
      ts.forEach((t) => a.add(t, 1));
      const r = a.aligned();
      expect(r.means.length).toBeLessThanOrEqual(16);
      expect([...r.counts].reduce((x, y) => x + y, 0)).toBe(ts.length); // nothing lost
      expect(r.firstBucketMs % r.bucketMs === 0).toBe(true); // aligned to the epoch (negative times too)
    }), { numRuns: 200 });
  });
});

describe('BucketMeanTracker.addAll', () => {
  it('gives what add gives, bit for bit: each bucket sums its samples in their order, also when a bucket comes back, before the first one and across a coarsening (property)', () => {
    // fractional values, so that another order of additions would round differently
    const block = fc.array(fc.tuple(fc.integer({ min: -12, max: 20 }), fc.double({ min: -1e3, max: 1e3, noNaN: true })), { minLength: 1, maxLength: 40 });
    fc.assert(fc.property(fc.array(block, { maxLength: 12 }), fc.constantFrom(4, 64), (blocks, maxBuckets) => {
      const one = new BucketMeanTracker(5 * MIN, maxBuckets);
      const plain = new BucketMeanTracker(5 * MIN, maxBuckets);
      const numbered = new BucketMeanTracker(5 * MIN, maxBuckets);
      let t = Date.UTC(2024, 0, 1);
      for (const b of blocks) {
        const ts = Float64Array.from(b, ([dt]) => (t += dt * MIN));
        const vs = Float64Array.from(b, ([, v]) => v / 3);
        ts.forEach((x, i) => one.add(x, vs[i]!));
        plain.addAll(ts, vs, ts.length);
        numbered.addAllNumbered(ts, ts.map((x) => Math.floor(x / (5 * MIN))), 5 * MIN, vs, ts.length);
      }
      expect(plain.aligned()).toEqual(one.aligned());
      expect(numbered.aligned()).toEqual(one.aligned());
    }), { numRuns: 300 });
  });
});

describe('BucketMeanTracker.addAllNumbered', () => {
  it('gives what addAll gives, bit for bit, in blocks of any size, also across a coarsening and with times going back (property)', () => {
    const block = fc.array(fc.tuple(fc.integer({ min: -3, max: 40 }), fc.double({ min: -1e3, max: 1e3, noNaN: true })), { minLength: 1, maxLength: 30 });
    // near the epoch a bucket number at the old length can fall among the buckets in use at a doubled one
    fc.assert(fc.property(fc.array(block, { maxLength: 20 }), fc.constantFrom(4, 64), fc.constantFrom(17, Date.UTC(2024, 0, 1) + 17), (blocks, maxBuckets, startMs) => {
      const plain = new BucketMeanTracker(5 * MIN, maxBuckets);
      const numbered = new BucketMeanTracker(5 * MIN, maxBuckets);
      let t = startMs;
      for (const b of blocks) {
        const ts = Float64Array.from(b, ([dt]) => (t += dt * MIN));
        const vs = Float64Array.from(b, ([, v]) => v);
        plain.addAll(ts, vs, ts.length);
        numbered.addAllNumbered(ts, ts.map((x) => Math.floor(x / (5 * MIN))), 5 * MIN, vs, ts.length);
      }
      expect(numbered.aligned()).toEqual(plain.aligned());
    }), { numRuns: 300 });
  });

  it('stops using the numbers once a sample doubles the bucket length in the middle of a block', () => {
    // 0 and 30 min need 7 five-minute buckets of at most 4: 10-minute ones; 6 min is then in the first, though its 5-minute number is 1
    const ts = Float64Array.of(0, 30 * MIN, 6 * MIN);
    const a = new BucketMeanTracker(5 * MIN, 4);
    a.addAllNumbered(ts, ts.map((x) => Math.floor(x / (5 * MIN))), 5 * MIN, Float64Array.of(1, 2, 3), 3);
    expect(a.aligned()).toEqual({ firstBucketMs: 0, bucketMs: 10 * MIN, means: Float64Array.of(2, NaN, NaN, 2), counts: Float64Array.of(2, 0, 0, 1) });
  });
});
