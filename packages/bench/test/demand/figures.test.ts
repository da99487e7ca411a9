import fc from 'fast-check';
import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { applyMeasuredCapacity } from '@hostplan/bench';
import { confidenceOf, expectedSamples, growthTrend, peakCoincidence } from '../../src/demand/index.js';

const DAY = 86_400_000;

describe('confidenceOf(present, expected)', () => {
  it.each([
    [0, 100, 0, 1],
    [20, 100, 20, 1], // 0-20 % = 1 star
    [21, 100, 21, 2],
    [40, 100, 40, 2],
    [41, 100, 41, 3],
    [61, 100, 61, 4],
    [80, 100, 80, 4],
    [81, 100, 81, 5],
    [120, 100, 100, 5], // capped
  ])('%i of %i -> %i %%, %i stars', (present, expected, percent, stars) => {
    expect(confidenceOf(present, expected)).toMatchObject({ percent, stars });
  });

  it('expectedSamples counts both ends: one hour at 15 s = 3,600 / 15 + 1 = 241', () => {
    expect(expectedSamples(0, 3_600_000, 15_000)).toBe(241);
  });
});

describe('growthTrend(dailyPeaks, target)', () => {
  it('finds the crossing day of a rising trend: 50, 52, 54 -> +2/day, 80 reached on day 15', () => {
    const g = growthTrend([{ dayMs: 0, peak: 50 }, { dayMs: DAY, peak: 52 }, { dayMs: 2 * DAY, peak: 54 }], 80);
    expect(g.slopePerDay).toBeCloseTo(2, 12);
    expect(g.crossesAtMs! / DAY).toBeCloseTo(15, 9);
    expect(g.daysFromLast).toBeCloseTo(13, 9); // day 15 - last day 2
  });

  it('never crosses on a flat or falling trend, and needs two days', () => {
    expect(growthTrend([{ dayMs: 0, peak: 60 }, { dayMs: DAY, peak: 50 }], 80)).toMatchObject({ crossesAtMs: null, reason: expect.stringMatching(/falling/) });
    expect(growthTrend([{ dayMs: 0, peak: 60 }], 80)).toMatchObject({ slopePerDay: null, reason: expect.stringMatching(/at least 2 days/) });
  });
});

describe('peakCoincidence(members, percentile)', () => {
  const b = (values: number[], first = 0) => ({ firstBucketMs: first, bucketMs: 300_000, means: Float64Array.from(values), counts: Float64Array.from(values, (v) => (Number.isNaN(v) ? 0 : 1)) });

  it('VMs peaking at different times: max of the sum 4 vs sum of maxes 8 (ratio 0.5)', () => {
    const c = peakCoincidence([{ id: 'A', buckets: b([4, 0]) }, { id: 'B', buckets: b([0, 4]) }], 100);
    expect(c).toMatchObject({ buckets: 2, sumOfPercentiles: 8, percentileOfSum: 4, ratio: 0.5 });
  });

  it('uses only buckets where every member has data', () => {
    // A covers buckets 0..3 (bucket 1 empty), B covers 1..3: common buckets are 2 and 3
    const c = peakCoincidence([{ id: 'A', buckets: b([9, NaN, 2, 3]) }, { id: 'B', buckets: b([5, 1, 2], 300_000) }], 100);
    // A: 2, 3 -> max 3; B: 1, 2 -> max 2; sum of maxes 5; sums 3, 5 -> max 5
    expect(c).toMatchObject({ buckets: 2, sumOfPercentiles: 5, percentileOfSum: 5 });
  });

  it('re-buckets members on different bucket lengths to the longest (count-weighted)', () => {
    // A at 5 minutes: 2, 4 (one sample each) -> one 10-minute bucket of mean 3; B already at 10 minutes: 1
    const a = b([2, 4]);
    const c = peakCoincidence([{ id: 'A', buckets: a }, { id: 'B', buckets: { firstBucketMs: 0, bucketMs: 600_000, means: Float64Array.of(1), counts: Float64Array.of(2) } }], 100);
    expect(c).toMatchObject({ buckets: 1, sumOfPercentiles: 4, percentileOfSum: 4 });
  });

  it('the percentile of the sum never exceeds the sum of percentiles at p100 (property: max of a sum <= sum of maxes)', () => {
    fc.assert(fc.property(fc.array(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (vms) => {
      const c = peakCoincidence(vms.map((v, i) => ({ id: String(i), buckets: b(v) })), 100);
      expect(c.percentileOfSum!).toBeLessThanOrEqual(c.sumOfPercentiles! * (1 + 1e-12) + 1e-12);
    }), { numRuns: 200 });
  });

  it('selects the type-7 percentiles a full sort gives, for any percentile (property, simple-statistics on sorted copies)', () => {
    const vm = fc.array(fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.integer({ min: 0, max: 3 })), { minLength: 40, maxLength: 40 });
    fc.assert(fc.property(fc.array(vm, { minLength: 1, maxLength: 4 }), fc.double({ min: 0, max: 100, noNaN: true }), (vms, percentile) => {
      const c = peakCoincidence(vms.map((v, i) => ({ id: String(i), buckets: b(v) })), percentile);
      const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y);
      const sums = vms[0]!.map((_, k) => vms.reduce((s, v) => s + v[k]!, 0));
      expect(c.percentileOfSum).toBe(quantileSorted(sorted(sums), percentile / 100) + 0);
      expect(c.sumOfPercentiles).toBe(vms.reduce((s, v) => s + quantileSorted(sorted(v), percentile / 100), 0) + 0);
    }), { numRuns: 300 });
  });

  it('on members starting at different buckets with gaps: the complete buckets row by row, sums in member order, means left unchanged (property)', () => {
    const value = fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.integer({ min: 0, max: 3 }), fc.constant(NaN));
    const member = fc.record({ start: fc.integer({ min: 0, max: 5 }), values: fc.array(value, { minLength: 0, maxLength: 30 }) });
    fc.assert(fc.property(fc.array(member, { minLength: 1, maxLength: 5 }), fc.double({ min: 0, max: 100, noNaN: true }), (vms, percentile) => {
      const members = vms.map((v, i) => ({ id: String(i), buckets: b(v.values, v.start * 300_000) }));
      const before = members.map((m) => Array.from(m.buckets.means));
      const c = peakCoincidence(members, percentile);
      // reference: walk the buckets every member covers, keep those where all have a value
      const first = Math.max(...vms.map((v) => v.start));
      const end = Math.min(...vms.map((v) => v.start + v.values.length));
      const rows: number[][] = [];
      for (let t = first; t < end; t++) {
        const row = vms.map((v) => v.values[t - v.start]!);
        if (!row.some(Number.isNaN)) rows.push(row);
      }
      expect(members.map((m) => Array.from(m.buckets.means))).toEqual(before);
      if (rows.length === 0) return void expect(c).toMatchObject({ buckets: 0, sumOfPercentiles: null, percentileOfSum: null });
      const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y);
      const q = (xs: number[]) => quantileSorted(sorted(xs), percentile / 100) + 0;
      expect(c.buckets).toBe(rows.length);
      expect(c.percentileOfSum).toBe(q(rows.map((r) => r.reduce((s, x) => s + x, 0))));
      expect(c.sumOfPercentiles).toBe(vms.reduce((s, _, i) => s + q(rows.map((r) => r[i]!)), 0));
    }), { numRuns: 300 });
  });
});

describe('applyMeasuredCapacity(host, measured)', () => {
  const host = Object.freeze({ id: 'h', sockets: 2, coresPerSocket: 4, threadsPerCore: 1, clockGHz: 3, memoryGB: 32, storage: { iops: 5000, capacityGB: 1000 }, nics: [{ role: 'management' as const, gbps: 1, ports: 1 }, { role: 'guest' as const, gbps: 1, ports: 2 }] });

  it('replaces storage IOPS and the guest ports with the measured sustained figures, keeping the rest', () => {
    const h = applyMeasuredCapacity(host, { iops: 1840, networkMbps: 940 });
    expect(h.storage).toEqual({ iops: 1840, capacityGB: 1000 });
    expect(h.nics).toEqual([{ role: 'management', gbps: 1, ports: 1 }, { role: 'guest', gbps: 0.94, ports: 1 }]);
    expect(host.storage.iops).toBe(5000); // frozen input untouched
  });

  it('leaves nominal figures where nothing was measured', () => {
    expect(applyMeasuredCapacity(host, { iops: null })).toEqual(host);
  });
});
