import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { StatsCollector } from '../../src/stats/collector.js';
import { resolveStatsOptions } from '../../src/stats/options.js';
import { key } from './memorySource.js';

// A statistics worker, once the stream ends, hands its spill file's series over (selectSpilled's
// hand-over), then sends its alerts (closeAlerts) and takes the bucket means (takeBuckets) while
// the percentiles are selected, and builds its results (finish) later: the same alerts, the same
// results.

const root = mkdtempSync(join(tmpdir(), 'hostplan-ahead-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const VP = { object: 'Hyper-V Hypervisor Virtual Processor', counter: '% Guest Run Time' };
const rowsArb = fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(NaN)), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 400 });

/** Three series, two matching the PAL virtual-processor rules, fed `rows` one minute apart. */
function collect(rows: number[][], aligned = false, spill: { budget: number; dir: string } | null = null): StatsCollector {
  const c = new StatsCollector(resolveStatsOptions({ ...(aligned && { align: (k) => k.counter !== 'b', alignMs: 300_000 }), ...(spill && { memoryBudgetBytes: spill.budget, spillDirectory: spill.dir }) }));
  c.series(0, key('a', { ...VP, instance: 'vm0' }));
  c.series(1, key('b'));
  c.series(2, key('c', { ...VP, instance: 'vm2' }));
  rows.forEach((r, i) => c.row(Date.UTC(2024, 0, 1) + i * 60_000, Float64Array.from(r), 3));
  return c;
}

describe('StatsCollector: alerts and bucket means ahead of finish', () => {
  it('lists the alerts finish lists, and finish after it gives what finish alone gives (property)', () => {
    fc.assert(fc.property(rowsArb, (rows) => {
      const early = collect(rows);
      const alone = collect(rows);
      const alerts = early.closeAlerts();
      const later = early.finish(null);
      const expected = alone.finish(null);
      expect(alerts).toEqual(expected.alerts);
      expect(later).toEqual(expected);
    }));
  });

  it('takeBuckets before finish gives what finish alone gives, bucket means included (property)', () => {
    fc.assert(fc.property(rowsArb, (rows) => {
      const early = collect(rows, true);
      early.takeBuckets();
      const expected = collect(rows, true).finish(null);
      expect(expected.series.filter((s) => s.buckets).length).toBe(2);
      expect(early.finish(null)).toEqual(expected);
    }));
  });

  it('alerts and bucket means taken inside the spill selection\'s hand-over, before any percentile is selected, give what selectSpilled and finish alone give (property)', async () => {
    await fc.assert(fc.asyncProperty(rowsArb, fc.constantFrom(64, 512, 4096), async (rows, budget) => {
      const spill = { budget, dir: root };
      const early = collect(rows, true, spill);
      const alone = collect(rows, true, spill);
      try {
        let alerts: ReturnType<StatsCollector['closeAlerts']> | null = null;
        // the worker's order: the tasks handed over first, then the alerts and bucket means, then the selection
        const exact = await early.selectSpilled((tasks) => {
          alerts = early.closeAlerts();
          early.takeBuckets();
          return tasks;
        });
        if (exact) early.completeSpilled(exact);
        const expected = alone.finish(await alone.selectSpilled());
        expect(alerts ?? early.closeAlerts()).toEqual(expected.alerts);
        expect(early.finish(exact)).toEqual(expected);
      } finally {
        early.close();
        alone.close();
      }
    }), { numRuns: 60 });
  });

  it('lists alerts when values stay above a rule for a while', () => {
    const c = collect(Array.from({ length: 30 }, () => [96, 1, 10]));
    expect(c.closeAlerts().map((a) => a.series)).toContain(0);
  });
});
