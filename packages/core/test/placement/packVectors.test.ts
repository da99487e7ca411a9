import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLASSIC_HEURISTICS, HostplanError, packClassic, packVectors, parseVbp, seededRandom, vectorLowerBound } from '@hostplan/core';

const itemsArb = (d: number) => fc.array(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: d, maxLength: d }), { maxLength: 60 });
const instanceArb = fc.integer({ min: 1, max: 4 }).chain((d) => fc.record({ capacity: fc.constant(Array.from({ length: d }, () => 100)), items: itemsArb(d) }));

function checkPacking(capacity: readonly number[], items: readonly (readonly number[])[], assignment: readonly number[], bins: number): void {
  expect(assignment).toHaveLength(items.length);
  const loads = Array.from({ length: bins }, () => capacity.map(() => 0));
  assignment.forEach((b, i) => {
    expect(b).toBeGreaterThanOrEqual(0);
    expect(b).toBeLessThan(bins);
    items[i]!.forEach((x, k) => { loads[b]![k]! += x; });
  });
  for (const l of loads) l.forEach((x, k) => expect(x).toBeLessThanOrEqual(capacity[k]!));
}

describe('parseVbp(text)', () => {
  it('expands demands in file order', () => {
    expect(parseVbp('2\n10 10\n2\n6 3 1\n4 7 2\n')).toEqual({ capacity: [10, 10], items: [[6, 3], [4, 7], [4, 7]] });
  });
  it.each([
    ['2\n10\n1\n1 1 1\n', 'f:2'], // two capacities expected on line 2
    ['2\n10 10\n2\n1 1 1\n', 'f:5'], // second item type missing
    ['1\n10\n1\n1 x\n', 'f:4'], // not a number
    ['1\n10\n1\n1 1.5\n', 'f:4'], // demand not an integer
  ])('rejects %j naming the line', (text, path) => {
    try { parseVbp(text, 'f'); expect.unreachable(); } catch (e) {
      expect(e).toBeInstanceOf(HostplanError);
      expect((e as HostplanError).path).toBe(path);
      expect((e as HostplanError).code).toBe('parse-error');
    }
  });
});

describe('vectorLowerBound(capacity, items)', () => {
  it('takes the largest ceil(sum / capacity) over dimensions', () => {
    // dimension 0: 6 + 4 + 4 = 14 -> ceil(1.4) = 2; dimension 1: 3 + 7 + 7 = 17 -> ceil(1.7) = 2
    expect(vectorLowerBound([10, 10], [[6, 3], [4, 7], [4, 7]])).toBe(2);
    // 21 / 10 -> 3
    expect(vectorLowerBound([10, 10], [[7, 1], [7, 1], [7, 1]])).toBe(3);
    expect(vectorLowerBound([10], [])).toBe(0);
  });
});

describe('packVectors(capacity, items, options)', () => {
  it('pairs complementary items: [6,3]+[4,7] twice fills exactly 2 bins', () => {
    const r = packVectors([10, 10], [[6, 3], [4, 7], [4, 7], [6, 3]]);
    expect(r.bins).toBe(2);
    expect(r.lowerBound).toBe(2);
    checkPacking([10, 10], [[6, 3], [4, 7], [4, 7], [6, 3]], r.assignment, r.bins);
  });

  it('reports items larger than a bin as unplaced (-1) instead of failing', () => {
    const r = packVectors([10, 10], [[11, 1], [5, 5]]);
    expect(r.unplaced).toEqual([0]);
    expect(r.assignment).toEqual([-1, 0]);
    expect(r.bins).toBe(1);
  });

  it('rejects a bad capacity or effort with a HostplanError naming the field', () => {
    expect(() => packVectors([0], [[1]])).toThrow(/capacity\[0\]/);
    expect(() => packVectors([10], [[1]], { effort: -1 })).toThrow(/options.effort/);
    expect(() => packVectors([10, 10], [[1]])).toThrow(/items\[0\]/);
  });

  it('never exceeds a capacity, places every item, and never beats the lower bound (property)', () => {
    fc.assert(fc.property(instanceArb, ({ capacity, items }) => {
      const r = packVectors(capacity, items, { effort: 20_000 });
      checkPacking(capacity, items, r.assignment, r.bins);
      expect(r.bins).toBeGreaterThanOrEqual(r.lowerBound);
      expect(r.loads).toHaveLength(r.bins);
    }), { numRuns: 60 });
  });

  it('is never worse than the best classic heuristic, and the improvement phase never adds bins (property)', () => {
    fc.assert(fc.property(instanceArb, ({ capacity, items }) => {
      const best = Math.min(...CLASSIC_HEURISTICS.map((h) => packClassic(capacity, items, h).bins));
      const without = packVectors(capacity, items, { effort: 0 });
      const withSearch = packVectors(capacity, items, { effort: 50_000 });
      expect(without.bins).toBeLessThanOrEqual(best);
      expect(withSearch.bins).toBeLessThanOrEqual(without.bins);
      expect(withSearch.effortUsed).toBeLessThanOrEqual(50_000 + 10_000); // budget checked between moves
    }), { numRuns: 40 });
  });

  it('is deterministic: the same input and seed give the same assignment', () => {
    const rnd = seededRandom(3);
    const items = Array.from({ length: 150 }, () => [1 + Math.floor(rnd() * 60), 1 + Math.floor(rnd() * 60)]);
    const a = packVectors([100, 100], items, { seed: 5, effort: 200_000 });
    const b = packVectors([100, 100], items, { seed: 5, effort: 200_000 });
    expect(a.assignment).toEqual(b.assignment);
  });

  it('removes bins the greedy constructions leave: a known case where search beats every classic', () => {
    // Triplets that fill a bin exactly on both dimensions (CT01 class 10 style), shuffled.
    const rnd = seededRandom(11);
    const items: number[][] = [];
    for (let t = 0; t < 20; t++) {
      const a = [20 + Math.floor(rnd() * 20), 20 + Math.floor(rnd() * 20)];
      const b = [20 + Math.floor(rnd() * 20), 20 + Math.floor(rnd() * 20)];
      items.push(a, b, [100 - a[0]! - b[0]!, 100 - a[1]! - b[1]!]);
    }
    const best = Math.min(...CLASSIC_HEURISTICS.map((h) => packClassic([100, 100], items, h).bins));
    const r = packVectors([100, 100], items, { effort: 2_000_000 });
    // 20 triplets: the optimum is 20 bins
    expect(r.lowerBound).toBe(20);
    expect(r.bins).toBeLessThan(best);
    checkPacking([100, 100], items, r.assignment, r.bins);
  });
});
