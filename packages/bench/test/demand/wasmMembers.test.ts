import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { peakCoincidence } from '../../src/demand/coincidence.js';
import { WasmMembers } from '../../src/demand/wasmMembers.js';

/** A member's means: counter-like values, ties, signed zeros, and NaN where it has no value. */
const meanArb = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, -0, 1.5, NaN), fc.integer({ min: 0, max: 3 }));

/** What the JS passes compute for members whose grid of `m` buckets starts at `offsets`: complete flags, sums (member order), ranges, complete values. */
function reference(members: readonly Float64Array[], offsets: readonly number[], m: number) {
  const complete = Array.from({ length: m }, (_, j) => members.every((x, i) => !Number.isNaN(x[offsets[i]! + j]!)));
  const range = (xs: ArrayLike<number>) => {
    let min = Infinity;
    let max = -Infinity;
    for (let k = 0; k < xs.length; k++) {
      if (xs[k]! < min) min = xs[k]!;
      if (xs[k]! > max) max = xs[k]!;
    }
    return { min, max };
  };
  const window = members.map((x, i) => x.subarray(offsets[i]!, offsets[i]! + m));
  const allSums = new Float64Array(m);
  for (const w of window) for (let j = 0; j < m; j++) allSums[j]! += w[j]!;
  const kept = window.map((w) => Float64Array.from(Array.from(w).filter((_, j) => complete[j])));
  const n = complete.filter(Boolean).length;
  const keptSums = new Float64Array(n);
  for (const k of kept) for (let j = 0; j < n; j++) keptSums[j]! += k[j]!;
  return { n, scanRanges: window.map(range), allSums, kept, keptRanges: kept.map(range), keptSums };
}

/** Bit-for-bit equality of doubles (-0 apart from 0, NaN equal to NaN). */
const same = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((x, i) => Object.is(x, b[i]));

describe('WasmMembers (peakCoincidence\'s passes over its members in WebAssembly)', () => {
  it('marks, sums, ranges and compacts as the JS loops do, bit for bit, over grids of any size on one instance (property)', () => {
    const w = WasmMembers.create()!;
    expect(w).not.toBeNull();
    const gridArb = fc.integer({ min: 0, max: 400 }).chain((m) =>
      fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.array(meanArb, { minLength: m + 5, maxLength: m + 5 })), { minLength: 1, maxLength: 6 }).map((ms) => ({ m, ms })));
    fc.assert(fc.property(fc.array(gridArb, { minLength: 1, maxLength: 4 }), (grids) => {
      for (const { m, ms } of grids) {
        const members = ms.map(([, xs]) => Float64Array.from(xs));
        const offsets = ms.map(([o]) => o);
        const want = reference(members, offsets, m);
        w.begin(m);
        const scanned = members.map((x, i) => w.scan(x, offsets[i]!));
        expect(scanned.every((r, i) => Object.is(r.min, want.scanRanges[i]!.min) && Object.is(r.max, want.scanRanges[i]!.max))).toBe(true);
        expect(w.completeCount()).toBe(want.n);
        expect(same(w.sums(m), want.allSums)).toBe(true);
        w.restartSums(want.n);
        const kept = members.map((x, i) => w.compact(x, offsets[i]!, want.n));
        expect(kept.every((k, i) => same(k.values, want.kept[i]!))).toBe(true);
        expect(kept.every((k, i) => Object.is(k.range.min, want.keptRanges[i]!.min) && Object.is(k.range.max, want.keptRanges[i]!.max))).toBe(true);
        expect(same(w.sums(want.n), want.keptSums)).toBe(true);
      }
    }), { numRuns: 200 });
  });
});

describe('peakCoincidence without WebAssembly (node --jitless)', () => {
  it('gives what it gives here with WebAssembly, with and without incomplete buckets', () => {
    // 3 members of 2,000 buckets, staggered starts; one run with NaN buckets, one without
    const members = `(gaps) => [0, 1, 2].map((i) => ({ id: 'vm' + i, buckets: { firstBucketMs: i * 300000, bucketMs: 300000, means: Float64Array.from({ length: 2000 }, (_, j) => gaps && (j * (i + 3)) % 97 === 0 ? NaN : ((j * 7919 + i * 104729) % 1009) / 7 - (j % 5 === 0 ? 0 : 50)) } }))`;
    const run = `
      import { peakCoincidence } from './packages/bench/src/demand/coincidence.ts';
      const members = ${members};
      console.log(JSON.stringify({ wasm: typeof WebAssembly, results: [false, true].flatMap((gaps) => [50, 95, 100].map((p) => peakCoincidence(members(gaps), p))) }));`;
    const root = fileURLToPath(new URL('../../../../', import.meta.url));
    const child = spawnSync(process.execPath, ['--jitless', '--import', 'tsx/esm', '--input-type=module', '-e', run], { cwd: root, encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    const got = JSON.parse(child.stdout.trim().split('\n').pop()!) as { wasm: string; results: unknown[] };
    expect(got.wasm).toBe('undefined');
    const here = (eval(members) as (gaps: boolean) => Parameters<typeof peakCoincidence>[0]);
    const results = [false, true].flatMap((gaps) => [50, 95, 100].map((p) => peakCoincidence(here(gaps), p)));
    expect(results.some((r) => r.buckets < 1998)).toBe(true); // the gaps left buckets out
    expect(JSON.parse(JSON.stringify(results))).toEqual(got.results);
  }, 60_000);
});
