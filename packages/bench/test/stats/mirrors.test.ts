import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { seriesStatistics, type SeriesSink, type StatsOptions, type StatsResult } from '@hostplan/bench';
import { columnMirrors, mirroredValue } from '../../src/stats/collector/mirrors.js';
import { key } from './memorySource.js';
import { shareArb } from './shares.js';
import { expectMirrored, received, withoutThreads } from './mirrorCompare.js';

const MIN = 60_000;
const spillDir = mkdtempSync(join(tmpdir(), 'hostplan-mirrors-'));
afterAll(() => rmSync(spillDir, { recursive: true, force: true }));

/** A derived series announced with a mirror hint: its source, the map, and how often its row value is not the source's mapped (the hint is wrong there). */
interface Derived {
  readonly source: number;
  readonly scale: number;
  readonly offset: number;
  readonly wrongEvery: number;
}
type Op = { kind: 'row'; dt: number; width: number; values: number[] } | { kind: 'sample'; index: number; dt: number; value: number };

/**
 * Plays `raw` series and the `derived` ones (each announced right after a mirror hint, when
 * `hints` is true), then rows in which a derived value is its source's mapped (but every
 * `wrongEvery`-th row of it, when not 0), rows narrower than all series, and single samples.
 */
const play = (raw: number, derived: readonly Derived[], ops: readonly Op[], hints: boolean) => (sink: SeriesSink) => {
  for (let i = 0; i < raw; i++) sink.series(i, key(`c${i}`, i % 2 ? {} : { object: 'Hyper-V Hypervisor Virtual Processor', counter: '% Guest Run Time', instance: `vm${i}` }));
  derived.forEach((d, k) => {
    if (hints) sink.mirrors?.(raw + k, d.source, d.scale, d.offset);
    // every other derived series matches the VP threshold rules: a mirror folds its threshold runs itself
    sink.series(raw + k, key(`d${k}`, k % 2 ? {} : { object: 'Hyper-V Hypervisor Virtual Processor', counter: '% Guest Run Time', instance: `vd${k}` }));
  });
  let t = Date.UTC(2024, 0, 1);
  ops.forEach((op, r) => {
    t += op.dt * MIN;
    if (op.kind === 'sample') return sink.sample(op.index, t, op.value);
    const values = Float64Array.from({ length: raw + derived.length }, (_, i) => op.values[i % op.values.length]!);
    derived.forEach((d, k) => {
      const v = values[d.source]!;
      const wrong = d.wrongEvery > 0 && r % d.wrongEvery === 0;
      values[raw + k] = wrong ? values[raw + k]! : Number.isFinite(v) ? mirroredValue(v, d.scale, d.offset) : NaN;
    });
    sink.row!(t, values, Math.min(op.width, values.length));
  });
};

const value = fc.oneof({ weight: 6, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) }, { weight: 2, arbitrary: fc.integer({ min: 70, max: 100 }) }, { weight: 1, arbitrary: fc.constant(NaN) }, { weight: 1, arbitrary: fc.constant(-0) }, { weight: 1, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constant(1e300) });
const derivedArb = (raw: number) => fc.record({
  source: fc.integer({ min: 0, max: raw - 1 }),
  // 0, -1 and a scale above 2^64 are not taken as mirrors; the others are until a row disagrees (2^64 x 1e300 overflows: missing in one, present in the other)
  scale: fc.constantFrom(0.01, 8e-6, 1, 2.5, 2 ** 64, 0, -1, 1e308),
  offset: fc.constantFrom(0, 100, -3),
  wrongEvery: fc.constantFrom(0, 0, 0, 7, 400),
});
const opsArb = (series: number) => fc.array(fc.oneof(
  { weight: 20, arbitrary: fc.record({ kind: fc.constant('row' as const), dt: fc.integer({ min: 0, max: 2 }), width: fc.constant(series), values: fc.array(value, { minLength: 1, maxLength: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('row' as const), dt: fc.integer({ min: 0, max: 2 }), width: fc.integer({ min: 0, max: series }), values: fc.array(value, { minLength: 1, maxLength: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sample' as const), index: fc.integer({ min: 0, max: series - 1 }), dt: fc.integer({ min: 0, max: 2 }), value }) },
), { minLength: 1, maxLength: 2000 });
const scriptArb = fc.integer({ min: 1, max: 5 }).chain((raw) => fc.array(derivedArb(raw), { minLength: 1, maxLength: 5 }).chain((derived) =>
  fc.tuple(fc.constant(raw), fc.constant(derived), opsArb(raw + derived.length))));
const budgets: StatsOptions[] = [{}, { memoryBudgetBytes: 4096, spillDirectory: spillDir }, { memoryBudgetBytes: 64, spillDirectory: spillDir }, { memoryBudgetBytes: 64, spillDirectory: false }, { sketch: 0.01 }];

const options = (budget: StatsOptions): StatsOptions => ({ windowMs: 2 * MIN, rollupMs: 10 * MIN, alignMs: 5 * MIN, align: (k) => k.counter.startsWith('d') || k.instance === 'vd0' || /[13]$/.test(k.counter), ...budget });

describe('mirror hints (a derived series of one member keeps no values of its own)', () => {
  it('give what no hints give: bit for bit but for the sums, means and spreads, within the rounding bound of expectMirrored, whether the hints hold, fail part-way or are refused (property)', async () => {
    await fc.assert(fc.asyncProperty(scriptArb, fc.constantFrom(...budgets), async ([raw, derived, ops], budget) => {
      const o = options(budget);
      const plain = await seriesStatistics(play(raw, derived, ops, false), o);
      const hinted = await seriesStatistics(play(raw, derived, ops, true), o);
      const values = received(play(raw, derived, ops, false));
      const { series: hSeries, ...hRest } = withoutThreads(hinted);
      const { series: pSeries, ...pRest } = withoutThreads(plain);
      expect(hRest).toEqual(pRest);
      // the raw series fold as without hints: toEqual compares numbers with Object.is, every bit of a double counts
      expect(hSeries.slice(0, raw)).toEqual(pSeries.slice(0, raw));
      derived.forEach((d, k) => expectMirrored(hinted.series[raw + k]!, plain.series[raw + k]!, values.get(raw + k) ?? [], d, 2 * MIN, 3 * MIN));
      // mirrors keep fewer values, so a run may fit the budget where the plain one spilled; never the reverse
      hinted.series.forEach((s, i) => expect([plain.series[i]!.method, plain.series[i]!.method === 'spilled' ? 'in-memory' : plain.series[i]!.method]).toContain(s.method));
    }), { numRuns: 200 });
    expect(readdirSync(spillDir)).toEqual([]);
  }, 300_000);

  it('give what no hints give when a mirror ends after a first block of rows: a diverging row, a lone sample, a value missing in the source only', async () => {
    // 6,000 rows of 3 series: the first block (4,096 rows) is mirrored, the mirror ends in the second
    const script = (end: 'row' | 'sample' | 'missing', hints: boolean) => (sink: SeriesSink) => {
      sink.series(0, key('c0'));
      sink.series(1, key('c1'));
      if (hints) sink.mirrors?.(2, 0, 0.01, 3);
      sink.series(2, key('d0'));
      for (let r = 0, t = Date.UTC(2024, 0, 1); r < 6000; r++, t += MIN) {
        const v = 400.5 + 500 * Math.sin(r / 50) + (r % 13) / 7;
        const row = Float64Array.of(v, r % 7, mirroredValue(v, 0.01, 3));
        if (r === 4500 && end === 'sample') {
          sink.sample(2, t, row[2]!);
          continue;
        }
        if (r === 4500) row[end === 'row' ? 2 : 0] = end === 'row' ? 1 : NaN;
        sink.row!(t, row, 3);
      }
    };
    for (const end of ['row', 'sample', 'missing'] as const) {
      const o = options({});
      const plain = await seriesStatistics(script(end, false), o);
      const hinted = await seriesStatistics(script(end, true), o);
      expect(hinted.series.slice(0, 2)).toEqual(plain.series.slice(0, 2));
      expectMirrored(hinted.series[2]!, plain.series[2]!, received(script(end, false)).get(2)!, { scale: 0.01, offset: 3 }, 2 * MIN, 3 * MIN);
      expect(hinted.series[2]!.buckets!.counts.length).toBeGreaterThan(1000);
    }
  });

  it('give on 2 and 3 threads, whatever share the calling thread folds, what they give on one, a mirror computed where its source is (property)', async () => {
    await fc.assert(fc.asyncProperty(scriptArb, fc.constantFrom(...budgets), fc.integer({ min: 2, max: 3 }), shareArb, async ([raw, derived, ops], budget, threads, callingThreadShare) => {
      const o = options(budget);
      const one = await seriesStatistics(play(raw, derived, ops, true), o);
      const many = await seriesStatistics(play(raw, derived, ops, true), { ...o, threads, callingThreadShare });
      expect(withoutThreads(many)).toEqual(withoutThreads(one));
    }), { numRuns: 8 });
  }, 300_000);

  it('columnMirrors checks every row: mapped where the source is present (sign of zero included), missing where it is missing; counts the present values', () => {
    // rows of [source, mirror], width 2
    expect(columnMirrors(Float64Array.of(50, 0.5, NaN, NaN, 0, 0), 2, 3, 1, 0, 0.01, 0)).toBe(2); // 2 present values
    expect(columnMirrors(Float64Array.of(50, 0.5, NaN, 1), 2, 2, 1, 0, 0.01, 0)).toBe(-1); // present where the source is missing
    expect(columnMirrors(Float64Array.of(50, NaN), 2, 1, 1, 0, 0.01, 0)).toBe(-1); // missing where the source is present
    expect(columnMirrors(Float64Array.of(-0, -0), 2, 1, 1, 0, 1, 0)).toBe(-1); // 0 + -0 is +0
    expect(columnMirrors(Float64Array.of(1e308, Infinity), 2, 1, 1, 0, 10, 0)).toBe(-1); // an overflow is missing in one, present in the other
  });
});
