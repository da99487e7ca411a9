import fc from 'fast-check';
import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { seriesStatistics } from '@hostplan/bench';
import { mergeSeriesSummaries, momentsOf } from '../../src/stats/index.js';
import { key, memorySource, regular } from './memorySource.js';

describe('mergeSeriesSummaries(stats, percentiles)', () => {
  it('merges per-host series into fleet figures: exact moments, sketch percentiles within 1 % (property)', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 200 }), { minLength: 1, maxLength: 5 }), async (hosts) => {
      const { series } = await seriesStatistics(memorySource(hosts.map((v, i) => ({ key: key('cpu', { host: `H${i}` }), samples: regular(v) }))), { sketch: 0.01 });
      const merged = mergeSeriesSummaries(series, [95]);
      const all = hosts.flat();
      const batch = momentsOf(all);
      expect([merged.count, merged.min, merged.max]).toEqual([batch.count, batch.min, batch.max]);
      expect(Math.abs(merged.mean! - batch.mean)).toBeLessThanOrEqual(1e-9 * 100);
      const exact = quantileSorted([...all].sort((a, b) => a - b), 0.95);
      expect(Math.abs(merged.percentiles['95']! - exact)).toBeLessThanOrEqual(0.01 * exact * (1 + 1e-9));
      const reversed = mergeSeriesSummaries([...series].reverse(), [95]);
      expect(reversed.percentiles).toEqual(merged.percentiles);
    }), { numRuns: 50 });
  });

  it('refuses series computed without a sketch, naming the index', async () => {
    const { series } = await seriesStatistics(memorySource([{ key: key('x'), samples: regular([1]) }]));
    expect(() => mergeSeriesSummaries(series)).toThrow(/stats\[0\]\.sketch/);
  });
});
