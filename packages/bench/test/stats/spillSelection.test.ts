import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { StatsCollector } from '../../src/stats/collector.js';
import { mirroredValue } from '../../src/stats/collector/mirrors.js';
import { claimTasks, queueSpillTasks, selectHandedOver, type SpillHandOver, type SpillTask } from '../../src/stats/collector/spillSelection.js';
import { resolveStatsOptions } from '../../src/stats/options.js';
import { key } from './memorySource.js';

// The end of a spilled run, shared out: the worker that wrote the spill file shares its series with
// the calling thread, which selects those it claims from the same file through the worker's descriptor.

const root = mkdtempSync(join(tmpdir(), 'hostplan-spill-selection-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const value = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 5 }), fc.constant(-0), fc.constant(NaN));
/** Raw series' rows (every row as wide as the series), and derived series announced as mirrors of a raw one (2.5 v + 100). */
const runArb = fc.record({
  raw: fc.integer({ min: 1, max: 6 }),
  rows: fc.array(fc.array(value, { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 700 }),
  mirrorsOf: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 3 }),
  budget: fc.constantFrom(64, 2048, 16_384),
  percentiles: fc.constantFrom<number[]>([50, 95], [12.5, 99.9]),
});
type Run = typeof runArb extends fc.Arbitrary<infer T> ? T : never;

/** A collector fed `run` with a spill file in `dir`. */
function collect(run: Run, dir: string): StatsCollector {
  const c = new StatsCollector(resolveStatsOptions({ memoryBudgetBytes: run.budget, spillDirectory: dir, percentiles: run.percentiles }));
  for (let i = 0; i < run.raw; i++) c.series(i, key(`c${i}`));
  const sources = run.mirrorsOf.map((s) => s % run.raw);
  sources.forEach((s, k) => {
    c.mirrors(run.raw + k, s, 2.5, 100);
    c.series(run.raw + k, key(`d${k}`));
  });
  const width = run.raw + sources.length;
  run.rows.forEach((r, i) => {
    const values = Float64Array.from({ length: width }, (_, j) => (j < run.raw ? r[j]! : Number.isFinite(r[sources[j - run.raw]!]!) ? mirroredValue(r[sources[j - run.raw]!]!, 2.5, 100) : NaN));
    c.row(Date.UTC(2024, 0, 1) + i * 60_000, values, width);
  });
  return c;
}

describe('a spill file selection shared between threads', () => {
  it('gives the map one thread gives, whichever series the other thread claims (property)', async () => {
    await fc.assert(fc.asyncProperty(runArb, fc.nat(8), async (run, most) => {
      const alone = collect(run, root);
      const shared = collect(run, root);
      try {
        const one = await alone.selectSpilled();
        let claimedThere = new Map<string, number>();
        const own = await shared.selectSpilled((tasks, budgetValues, fd) => {
          const { own, shared } = queueSpillTasks(tasks, budgetValues);
          const handOver: SpillHandOver = { fd, tasks: shared, next: new SharedArrayBuffer(4) };
          // the other thread claims the first `most`, this one the rest
          claimedThere = selectHandedOver(handOver, most);
          return [...own, ...claimTasks(handOver)];
        });
        expect(own === null).toBe(one === null);
        if (one === null || own === null) return;
        for (const [k, v] of claimedThere) own.set(k, v);
        shared.completeSpilled(own);
        expect(new Map([...own].sort())).toEqual(new Map([...one].sort()));
        // the results built from either map are the same too
        expect(shared.finish(own)).toEqual(alone.finish(one));
      } finally {
        alone.close();
        shared.close();
      }
      expect(readdirSync(root)).toEqual([]);
    }), { numRuns: 60 });
  });

  it('gives every shared task to exactly one claimer, however their claims interleave (property)', () => {
    const taskArb = fc.array(fc.integer({ min: 1, max: 1000 }), { maxLength: 40 }).map((counts) => counts.map((count, series): SpillTask => ({ series, ranks: [0], count, min: 0, max: 1, runs: [0, count] })));
    fc.assert(fc.property(taskArb, fc.integer({ min: 1, max: 1200 }), fc.array(fc.nat(2), { maxLength: 100 }), (tasks, maxValues, turns) => {
      const { own, shared } = queueSpillTasks(tasks, maxValues);
      expect(own.every((t) => t.count > maxValues) && shared.every((t) => t.count <= maxValues)).toBe(true);
      expect([...own, ...shared].sort((a, b) => a.series - b.series)).toEqual(tasks);
      const handOver: SpillHandOver = { fd: -1, tasks: shared, next: new SharedArrayBuffer(4) };
      const claimers = [claimTasks(handOver), claimTasks(handOver), claimTasks(handOver)];
      const got: SpillTask[][] = [[], [], []];
      for (const c of turns) {
        const next = claimers[c]!.next();
        if (!next.done) got[c]!.push(next.value);
      }
      got.forEach((g, c) => {
        for (const t of claimers[c]!) g.push(t);
      });
      expect(got.flat().sort((a, b) => a.series - b.series)).toEqual(shared);
    }));
  });

  it('an error while the other thread selects leaves no spill file behind once the collector is closed', async () => {
    const dir = mkdtempSync(join(root, 'e'));
    const run: Run = { raw: 2, rows: Array.from({ length: 300 }, (_, i) => [i, -i, 0, 0, 0, 0]), mirrorsOf: [], budget: 64, percentiles: [50] };
    const c = collect(run, dir);
    let threw = false;
    try {
      await c.selectSpilled((tasks, budgetValues, fd) => {
        expect(readdirSync(dir)).toEqual([]); // unlinked as soon as it was opened
        selectHandedOver({ fd, tasks: [{ ...tasks[0]!, runs: [1 << 30, 4] }], next: new SharedArrayBuffer(4) }); // past its end: the read fails
        return tasks;
      });
    } catch (e) {
      threw = true;
      expect(String(e)).toMatch(/spill file: unexpected end/);
    } finally {
      c.close();
    }
    expect(threw).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });
});
