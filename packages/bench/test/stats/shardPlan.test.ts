import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveStatsOptions } from '../../src/stats/options.js';
import { seriesLoad, ShardPlan } from '../../src/stats/parallel/shardPlan.js';
import { key } from './memorySource.js';

const vp = key('% Guest Run Time', { object: 'Hyper-V Hypervisor Virtual Processor', instance: 'vm1:Hv VP 0' });
const lp = key('% Total Run Time', { object: 'Hyper-V Hypervisor Logical Processor', instance: '_Total' });

describe('ShardPlan', () => {
  it('deals series round robin with equal weights and loads, and puts a mirror with its source', () => {
    const plan = new ShardPlan([1, 1]);
    plan.hint(1, 0);
    plan.hint(3, 2);
    expect([0, 1, 2, 3, 4, 5].map((i) => plan.shardOf(i))).toEqual([0, 0, 1, 1, 0, 1]);
    expect(plan.shardOf(0, 100)).toBe(0); // chosen once, at the announcement
  });

  it('gives a shard of weight 1/4 a quarter of the load of series of one load, and none to a shard of weight 0', () => {
    const plan = new ShardPlan([3 / 4, 1 / 4, 0]);
    const shards = Array.from({ length: 400 }, (_, i) => plan.shardOf(i));
    expect(shards.filter((s) => s === 1).length).toBe(100);
    expect(shards.filter((s) => s === 2).length).toBe(0);
    expect(plan.loadsSoFar()).toEqual([300, 100, 0]);
  });

  it('keeps every shard\'s load against its weight within one series\' load of every other\'s, for any weights and loads (property)', () => {
    const arb = fc.tuple(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }).filter((w) => w.some((x) => x > 1e-3)), fc.array(fc.double({ min: 0.05, max: 3, noNaN: true }), { minLength: 1, maxLength: 300 }));
    fc.assert(fc.property(arb, ([weights, loads]) => {
      const plan = new ShardPlan(weights);
      const shards = loads.map((load, i) => plan.shardOf(i, load));
      const given = plan.loadsSoFar();
      const most = Math.max(...loads);
      for (let s = 0; s < weights.length; s++) {
        if (weights[s] === 0) expect(given[s]).toBe(0);
        if (!shards.includes(s)) continue;
        // when it took its last series it was the lowest against its weight, and the others only grew since
        for (let t = 0; t < weights.length; t++) if (weights[t]! > 0) expect(given[s]! / weights[s]!).toBeLessThanOrEqual((given[t]! + most) / weights[t]! * (1 + 1e-12));
      }
      expect(loads.reduce((a, b) => a + b, 0)).toBeCloseTo(given.reduce((a, b) => a + b, 0), 9);
    }), { numRuns: 300 });
  });

  it('puts a hinted series with its source and adds its load there, whatever the weights (property)', () => {
    const arb = fc.tuple(fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }), fc.array(fc.option(fc.nat(), { nil: undefined }), { minLength: 1, maxLength: 100 }));
    fc.assert(fc.property(arb, ([weights, sources]) => {
      const plan = new ShardPlan(weights);
      sources.forEach((source, i) => source !== undefined && i > 0 && plan.hint(i, source % i));
      const shards = sources.map((_, i) => plan.shardOf(i, 1));
      sources.forEach((source, i) => source !== undefined && i > 0 && expect(shards[i]).toBe(shards[source % i]));
      expect(plan.loadsSoFar().reduce((a, b) => a + b, 0)).toBe(sources.length);
    }), { numRuns: 200 });
  });

  it('refuses weights that are all 0, negative or not finite', () => {
    for (const weights of [[], [0, 0], [1, -1], [NaN], [Infinity]]) expect(() => new ShardPlan(weights)).toThrow(/shard weights/);
  });
});

describe('seriesLoad', () => {
  const o = resolveStatsOptions();
  it('counts a series of its own as 1, each threshold run fed (rules of one operator and value share one) and aligned buckets as 0.2', () => {
    expect(seriesLoad(key('c'), o, true, false)).toBe(1);
    expect(seriesLoad(key('c'), o, true, true)).toBe(1.2);
    // VP guest run time: above 75 (two rules) and above 90
    expect(seriesLoad(vp, o, true, false)).toBeCloseTo(1.4, 12);
    // LP total run time: above 50, 75 and 90
    expect(seriesLoad(lp, o, true, false)).toBeCloseTo(1.6, 12);
  });

  it('counts a mirror or declared series as its buckets only, unless a threshold makes it compute its column', () => {
    expect(seriesLoad(key('c'), o, false, false)).toBe(0);
    expect(seriesLoad(key('c'), o, false, true)).toBe(0.2);
    expect(seriesLoad(vp, o, false, false)).toBeCloseTo(1.4, 12);
  });
});
