import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUCKETS_MODULE, compileBucketPasses, generatedBucketsModule } from '../../../../scripts/wasm.mjs';
import { orderStatistics, orderStatisticsScratch } from '../../src/stats/orderStatistics.js';
import { bucketsFor, WasmBuckets } from '../../src/stats/wasmBuckets.js';
import { StatsCollector } from '../../src/stats/collector.js';
import { resolveStatsOptions } from '../../src/stats/options.js';

/** Values of the shapes counters have: uniform, tied, clustered, wide, tiny ranges, signed zeros. */
const valuesArb = fc.oneof(
  fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 5000 }),
  fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 3000 }),
  fc.array(fc.constantFrom(0, -0, 1, 1e-300, -1e-300), { minLength: 1, maxLength: 2000 }),
  fc.array(fc.double({ min: -1e300, max: 1e300, noNaN: true }), { minLength: 1, maxLength: 500 }),
  fc.array(fc.double({ min: 1, max: 1 + 1e-12, noNaN: true }), { minLength: 1, maxLength: 500 }),
  fc.array(fc.oneof(fc.constant(5), fc.double({ min: 4, max: 6, noNaN: true })), { minLength: 1, maxLength: 6000 }),
).map((xs) => Float64Array.from(xs));

/** The least and greatest of `values` (a signed zero as 0), as the moments give them. */
function rangeOf(values: Float64Array): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min: min === 0 ? 0 : min, max: max === 0 ? 0 : max };
}

describe('WasmBuckets (the bucket passes in WebAssembly)', () => {
  it('counts per bucket what the JS expression ((v - min) * scale) | 0 counts', () => {
    const w = WasmBuckets.create()!;
    fc.assert(fc.property(valuesArb.filter((xs) => rangeOf(xs).min < rangeOf(xs).max), (values) => {
      const { min, max } = rangeOf(values);
      const buckets = bucketsFor(values.length);
      const scale = buckets / (max - min);
      fc.pre(Number.isFinite(scale) && scale > 0 && Number.isFinite(max - min));
      const expected = new Int32Array(buckets + 1);
      for (const v of values) expected[((v - min) * scale) | 0]!++;
      w.values(values.length).set(values);
      expect([...w.countBuckets(values.length, min, scale, buckets)]).toEqual([...expected]);
    }), { numRuns: 150 });
  });

  it('gives orderStatistics the JS passes\' values bit for bit (-0 included), through memory grown and reused over calls of any sizes', () => {
    const callsArb = fc.array(fc.tuple(valuesArb, fc.array(fc.nat(), { minLength: 1, maxLength: 8 })), { minLength: 1, maxLength: 5 });
    fc.assert(fc.property(callsArb, (calls) => {
      const scratch = orderStatisticsScratch(true);
      expect(scratch.wasm).not.toBeNull();
      for (const [values, picks] of calls) {
        const ranks = picks.map((p) => p % values.length);
        const into = scratch.wasm!.values(values.length);
        into.set(values);
        expect(scratch.wasm!.holds(into)).toBe(true);
        const got = [...orderStatistics(into, ranks, rangeOf(values), scratch)];
        const js = [...orderStatistics(values, ranks, rangeOf(values), orderStatisticsScratch())];
        expect(got.map((v) => Object.is(v, -0) ? '-0' : v)).toEqual(js.map((v) => Object.is(v, -0) ? '-0' : v));
        // and what a sort puts there (a sort orders -0 before 0: compared as numbers)
        const sorted = values.slice().sort();
        expect(got.map((v) => v + 0)).toEqual(ranks.map((k) => sorted[k]! + 0));
      }
    }), { numRuns: 120 });
  });

  it('selects target buckets of over 4,096 equal values, and pools larger than the room reserved ahead (the memory grows while selecting)', () => {
    // 20,000 values, ~90 % equal: one bucket holds most of them, more than values() reserves for the pool
    fc.assert(fc.property(fc.array(fc.oneof({ arbitrary: fc.constant(2), weight: 9 }, { arbitrary: fc.double({ min: 0, max: 4, noNaN: true }), weight: 1 }), { minLength: 20000, maxLength: 20000 }), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (raw, picks) => {
      const values = Float64Array.from(raw, (v) => v + 0);
      const ranks = picks.map((p) => p % values.length);
      const scratch = orderStatisticsScratch(true);
      const into = scratch.wasm!.values(values.length);
      into.set(values);
      const sorted = values.slice().sort();
      expect([...orderStatistics(into, ranks, rangeOf(values), scratch)]).toEqual(ranks.map((k) => sorted[k]));
    }), { numRuns: 20 });
  });

  it('holds only its own memory\'s first values: other arrays take the JS passes', () => {
    const w = WasmBuckets.create()!;
    const into = w.values(8);
    expect(w.holds(into)).toBe(true);
    expect(w.holds(into.subarray(1))).toBe(false);
    expect(w.holds(new Float64Array(8))).toBe(false);
    expect(WasmBuckets.create()!.holds(into)).toBe(false);
    // a plain array with a wasm scratch: the JS passes, the same values
    const scratch = orderStatisticsScratch(true);
    expect([...orderStatistics(Float64Array.of(5, 1, 4, 2, 3), [0, 2, 4], undefined, scratch)]).toEqual([1, 3, 5]);
  });
});

describe('without WebAssembly (node --jitless)', () => {
  it('a spilled run selects the same percentiles with the JS passes (the series read back into the arena)', async () => {
    // 3 series of 5,000 values (ties, a wide range, signed zeros) through a 4 KiB budget: spilled
    const run = `
      import { mkdtempSync, rmSync } from 'node:fs';
      import { tmpdir } from 'node:os';
      import { join } from 'node:path';
      import { StatsCollector } from './packages/bench/src/stats/collector.ts';
      import { resolveStatsOptions } from './packages/bench/src/stats/options.ts';
      const dir = mkdtempSync(join(tmpdir(), 'hostplan-jitless-'));
      const c = new StatsCollector(resolveStatsOptions({ memoryBudgetBytes: 4096, spillDirectory: dir, percentiles: [1, 50, 95, 99.9] }));
      ['a', 'b', 'c'].forEach((name, i) => c.series(i, { host: 'h', object: 'o', instance: name, counter: 'x', path: name }));
      for (let r = 0; r < 5000; r++) c.row(Date.UTC(2024, 0, 1) + r * 15_000, Float64Array.of((r * 7919) % 101, ((r * 104729) % 10007) * 1e150 - 5e152, r % 3 === 0 ? -0 : (r % 17) / 4), 3);
      const exact = await c.selectSpilled();
      const { series } = c.finish(exact);
      c.close();
      rmSync(dir, { recursive: true, force: true });
      console.log(JSON.stringify({ wasm: typeof WebAssembly, methods: series.map((s) => s.method), percentiles: series.map((s) => s.percentiles) }));`;
    const root = fileURLToPath(new URL('../../../../', import.meta.url));
    const child = spawnSync(process.execPath, ['--jitless', '--import', 'tsx/esm', '--input-type=module', '-e', run], { cwd: root, encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    const got = JSON.parse(child.stdout.trim().split('\n').pop()!) as { wasm: string; methods: string[]; percentiles: unknown[] };
    expect(got.wasm).toBe('undefined');
    expect(got.methods).toEqual(['spilled', 'spilled', 'spilled']);
    // here, with WebAssembly: the same run
    const dir = mkdtempSync(join(tmpdir(), 'hostplan-wasm-'));
    try {
      const c = new StatsCollector(resolveStatsOptions({ memoryBudgetBytes: 4096, spillDirectory: dir, percentiles: [1, 50, 95, 99.9] }));
      ['a', 'b', 'c'].forEach((name, i) => c.series(i, { host: 'h', object: 'o', instance: name, counter: 'x', path: name }));
      for (let r = 0; r < 5000; r++) c.row(Date.UTC(2024, 0, 1) + r * 15_000, Float64Array.of((r * 7919) % 101, ((r * 104729) % 10007) * 1e150 - 5e152, r % 3 === 0 ? -0 : (r % 17) / 4), 3);
      const { series } = c.finish(await c.selectSpilled());
      c.close();
      expect(JSON.parse(JSON.stringify(series.map((s) => s.percentiles)))).toEqual(got.percentiles);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the committed bucket passes wasm (npm run wasm)', () => {
  it('is what assembly/bucketPasses.ts compiles to', async () => {
    const committed = readFileSync(fileURLToPath(new URL(`../../../../${BUCKETS_MODULE}`, import.meta.url)), 'utf8');
    expect(committed).toBe(generatedBucketsModule(await compileBucketPasses()));
  }, 60_000);
});
