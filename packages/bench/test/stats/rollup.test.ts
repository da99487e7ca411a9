import { describe, expect, it } from 'vitest';
import { BucketMeanTracker, DailyPeakTracker, WindowPeakTracker } from '@hostplan/bench';

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

  it('drops (and counts) a sample that would stretch the span beyond 10 million buckets', () => {
    const a = new BucketMeanTracker(1);
    a.add(0, 1);
    a.add(2e7, 1);
    expect([a.dropped, a.aligned().means.length]).toEqual([1, 1]);
  });
});
