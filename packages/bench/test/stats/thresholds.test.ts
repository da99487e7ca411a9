import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, type ThresholdRule } from '@hostplan/bench';
import { thresholdMatches, ThresholdTracker } from '../../src/stats/index.js';
import { ThresholdFeed } from '../../src/stats/collector/thresholdFeed.js';
import { key } from './memorySource.js';

const MIN = 60_000;
const rule = (over: Partial<ThresholdRule> = {}): ThresholdRule => ({ id: 'r', object: 'O', counter: 'C', op: 'above', value: 50, sustainMs: 5 * MIN, severity: 'warning', source: 'test', ...over });
const run = (r: ThresholdRule, values: number[], stepMs = MIN, maxGapMs = 10 * MIN) => {
  const t = new ThresholdTracker(r, 0, 'p', maxGapMs, 100);
  values.forEach((v, i) => t.add(i * stepMs, v));
  t.finish();
  return t;
};

describe('ThresholdTracker', () => {
  it('raises one alert for 6 consecutive minutes above 50 (5 steps + one 1-minute interval = 6 min >= 5 min)', () => {
    const t = run(rule(), [10, 60, 70, 80, 60, 55, 90, 20]);
    expect(t.alerts).toHaveLength(1);
    expect(t.alerts[0]).toMatchObject({ startMs: 1 * MIN, endMs: 6 * MIN, durationMs: 6 * MIN, samples: 6, worst: 90 });
    expect(t.alerts[0]!.mean).toBeCloseTo((60 + 70 + 80 + 60 + 55 + 90) / 6, 12);
  });

  it('does not alert for 4 minutes above (3 steps + 1 interval = 4 min < 5 min), but counts the time over', () => {
    const t = run(rule(), [10, 60, 70, 80, 60, 20]);
    expect(t.alerts).toHaveLength(0);
    expect([t.totalMs, t.runs]).toEqual([4 * MIN, 1]);
  });

  it('a dip to the threshold itself ends the run ("above" is strict)', () => {
    const t = run(rule({ sustainMs: 0 }), [60, 50, 60]);
    // two one-sample runs, each 0 + one 1-minute interval (the latest step, known when the run closes)
    expect(t.alerts.map((a) => [a.startMs, a.durationMs])).toEqual([[0, MIN], [2 * MIN, MIN]]);
  });

  it('below-rules alert on low values (available memory under 2 GB), worst is the lowest', () => {
    const t = run(rule({ op: 'below', value: 2048, sustainMs: 0 }), [4096, 1500, 1000, 3000]);
    expect(t.alerts).toHaveLength(1);
    expect(t.alerts[0]).toMatchObject({ startMs: MIN, endMs: 2 * MIN, durationMs: 2 * MIN, worst: 1000 });
  });

  it('a gap longer than maxGapMs splits a run in two', () => {
    const t = new ThresholdTracker(rule({ sustainMs: 0 }), 0, 'p', 5 * MIN, 100);
    [[0, 60], [MIN, 60], [60 * MIN, 60], [61 * MIN, 60]].forEach(([time, v]) => t.add(time!, v!));
    t.finish();
    expect(t.alerts.map((a) => [a.startMs, a.endMs])).toEqual([[0, MIN], [60 * MIN, 61 * MIN]]);
  });

  it('keeps at most maxAlerts alerts but counts all', () => {
    const t = new ThresholdTracker(rule({ sustainMs: 0 }), 0, 'p', 10 * MIN, 2);
    [60, 0, 60, 0, 60, 0].forEach((v, i) => t.add(i * MIN, v));
    t.finish();
    expect([t.alerts.length, t.alertCount, t.runs]).toEqual([2, 3, 3]);
  });
});

describe('thresholdMatches(rule, key)', () => {
  const lp = key('% Total Run Time', { object: 'Hyper-V Hypervisor Logical Processor', instance: '_Total' });
  const vp = key('% Guest Run Time', { object: 'Hyper-V Hypervisor Virtual Processor', instance: 'web01:Hv VP 0' });
  it('matches the host LP rules on _Total only, and the VP rules on VM instances only', () => {
    const ids = (k: typeof lp) => DEFAULT_THRESHOLDS.filter((r) => thresholdMatches(r, k)).map((r) => r.id);
    expect(ids(lp)).toEqual(['host-lp-sustained', 'host-lp-pal-warning', 'host-lp-pal-critical']);
    expect(ids({ ...lp, instance: '3' })).toEqual([]);
    expect(ids(vp)).toEqual(['vm-vp-sustained', 'vm-vp-pal-warning', 'vm-vp-pal-critical']);
    expect(ids({ ...vp, instance: '_Total' })).toEqual([]);
  });
  it('addAll in blocks of any size gives what add gives sample by sample: runs, time over, every alert (property)', () => {
    const sample = fc.tuple(fc.constantFrom(-1, 0, 1, 1, 1, 2, 15), fc.oneof(fc.integer({ min: 40, max: 60 }), fc.double({ min: 0, max: 100, noNaN: true })));
    fc.assert(fc.property(fc.array(sample, { maxLength: 300 }), fc.constantFrom('above' as const, 'below' as const), fc.constantFrom(0, 3 * MIN), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1 }), (samples, op, sustainMs, blocks) => {
      const r = rule({ op, sustainMs });
      const one = new ThresholdTracker(r, 0, 'p', 10 * MIN, 5);
      const many = new ThresholdTracker(r, 0, 'p', 10 * MIN, 5);
      let t = 0;
      const ts = Float64Array.from(samples, ([dt]) => (t += dt * MIN));
      const vs = Float64Array.from(samples, ([, v]) => v);
      ts.forEach((time, i) => one.add(time, vs[i]!));
      for (let at = 0, b = 0; at < ts.length; at += blocks[b++ % blocks.length]!) {
        const to = Math.min(ts.length, at + blocks[b % blocks.length]!);
        many.addAll(ts.subarray(at, to), vs.subarray(at, to), to - at);
      }
      one.finish();
      many.finish();
      expect([many.runs, many.totalMs, many.alertCount, many.alerts]).toEqual([one.runs, one.totalMs, one.alertCount, one.alerts]);
    }), { numRuns: 300 });
  });

  it("builds each alert's message from its run: path, rule, duration, start (UTC), worst and mean to 3 decimals, source", () => {
    const t = run(rule({ value: 50, sustainMs: 0 }), [10, 60.12345, 70.5, 10]);
    expect(t.alerts.map((a) => a.message)).toEqual(['p above 50 for 120 s from 1970-01-01T00:01:00.000Z (worst 70.5, mean 65.312); test']);
  });

  it('alerts read while samples still come are the ones read once at the end, in order, built once (property)', () => {
    const sample = fc.tuple(fc.constantFrom(0, 1, 1, 2, 15), fc.integer({ min: 40, max: 60 }));
    fc.assert(fc.property(fc.array(sample, { maxLength: 200 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 20 }), (samples, maxAlerts, readEvery) => {
      const r = rule({ sustainMs: 0 });
      const once = new ThresholdTracker(r, 3, 'p', 10 * MIN, maxAlerts);
      const often = new ThresholdTracker(r, 3, 'p', 10 * MIN, maxAlerts);
      const seen: unknown[] = [];
      let t = 0;
      samples.forEach(([dt, v], i) => {
        once.add((t += dt * MIN), v);
        often.add(t, v);
        if (i % readEvery === 0) seen.push(...often.alerts.slice(seen.length));
      });
      once.finish();
      often.finish();
      const first = often.alerts;
      expect(first.slice(0, seen.length)).toEqual(seen);
      expect(first).toEqual(once.alerts);
      expect(first.length).toBe(Math.min(maxAlerts, once.alertCount));
      expect(often.alerts[0]).toBe(first[0]);
    }), { numRuns: 200 });
  });

  it('a tracker leading others of the same operator and value gives each what it gives fed on its own (property)', () => {
    const sample = fc.tuple(fc.constantFrom(-1, 0, 1, 1, 2, 15), fc.integer({ min: 40, max: 60 }));
    fc.assert(fc.property(fc.array(sample, { maxLength: 300 }), fc.constantFrom('above' as const, 'below' as const), fc.integer({ min: 1, max: 40 }), (samples, op, blockSize) => {
      const rules = [0, 3 * MIN, 10 * MIN].map((sustainMs, i) => rule({ id: `r${i}`, op, sustainMs }));
      const alone = rules.map((r) => new ThresholdTracker(r, 0, 'p', 10 * MIN, 3));
      const led = rules.map((r) => new ThresholdTracker(r, 0, 'p', 10 * MIN, 3));
      led.slice(1).forEach((f) => {
        expect(led[0]!.canLead(f)).toBe(true);
        led[0]!.lead(f);
      });
      let t = 0;
      const ts = Float64Array.from(samples, ([dt]) => (t += dt * MIN));
      const vs = Float64Array.from(samples, ([, v]) => v);
      for (let at = 0; at < ts.length; at += blockSize) {
        const to = Math.min(ts.length, at + blockSize);
        alone.forEach((a) => a.addAll(ts.subarray(at, to), vs.subarray(at, to), to - at));
        led[0]!.addAll(ts.subarray(at, to), vs.subarray(at, to), to - at);
      }
      [...alone, ...led].forEach((x) => x.finish());
      expect(led.map((x) => [x.runs, x.totalMs, x.alertCount, x.alerts])).toEqual(alone.map((x) => [x.runs, x.totalMs, x.alertCount, x.alerts]));
      expect(led[0]!.canLead(new ThresholdTracker(rule({ op, value: 51 }), 0, 'p', 10 * MIN, 3))).toBe(false);
    }), { numRuns: 300 });
  });

  it('counts runs, time over and alerts as the definition reads them: stretches of samples beyond, cut by a gap or a time going back, lasting last - first + the latest step; the first maxAlerts kept (property)', () => {
    const sample = fc.tuple(fc.constantFrom(-1, 0, 1, 1, 2, 15), fc.integer({ min: 40, max: 60 }));
    fc.assert(fc.property(fc.array(sample, { maxLength: 300 }), fc.constantFrom(0, 2 * MIN), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 40 }), (samples, sustainMs, maxAlerts, blockSize) => {
      const r = rule({ sustainMs });
      let t = 0;
      const ts = Float64Array.from(samples, ([dt]) => (t += dt * MIN));
      const vs = Float64Array.from(samples, ([, v]) => v);
      // the definition: runs of consecutive samples above 50 with no gap over 10 minutes and no time going back
      const runs: { start: number; last: number; step: number; values: number[] }[] = [];
      let open: (typeof runs)[number] | null = null;
      let step = 0;
      ts.forEach((time, i) => {
        const prev = i > 0 ? ts[i - 1]! : NaN;
        const broken = i === 0 || time < prev || time - prev > 10 * MIN;
        if (!broken && time > prev) step = time - prev;
        if (open) open.step = step;
        if (broken || !(vs[i]! > 50)) open = null;
        if (!(vs[i]! > 50)) return;
        if (!open) runs.push((open = { start: time, last: time, step, values: [] }));
        open.last = time;
        open.step = step;
        open.values.push(vs[i]!);
      });
      const durations = runs.map((x) => x.last - x.start + x.step);
      const alerts = runs.filter((_, i) => durations[i]! >= sustainMs);
      const tracker = new ThresholdTracker(r, 0, 'p', 10 * MIN, maxAlerts);
      for (let at = 0; at < ts.length; at += blockSize) tracker.addAll(ts.subarray(at), vs.subarray(at), Math.min(blockSize, ts.length - at));
      tracker.finish();
      expect([tracker.runs, tracker.totalMs, tracker.alertCount]).toEqual([runs.length, durations.reduce((a, b) => a + b, 0), alerts.length]);
      expect(tracker.alerts.map((a) => [a.startMs, a.endMs, a.durationMs, a.samples, a.worst, a.mean])).toEqual(
        alerts.slice(0, maxAlerts).map((x) => [x.start, x.last, x.last - x.start + x.step, x.values.length, Math.max(...x.values), x.values.reduce((a, b) => a + b, 0) / x.values.length]),
      );
    }), { numRuns: 300 });
  });

  it('two nested thresholds fed in one pass (addAllPaired) give each what it gives fed on its own: runs, time over, every alert (property)', () => {
    const sample = fc.tuple(fc.constantFrom(-1, 0, 1, 1, 2, 15), fc.oneof(fc.integer({ min: 40, max: 60 }), fc.double({ min: 0, max: 100, noNaN: true })));
    const ruleArb = fc.record({ value: fc.integer({ min: 42, max: 58 }), sustainMs: fc.constantFrom(0, 2 * MIN, 10 * MIN) });
    fc.assert(fc.property(fc.array(sample, { maxLength: 300 }), fc.constantFrom('above' as const, 'below' as const), ruleArb, ruleArb, fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 40 }), (samples, op, a, b, maxAlerts, blockSize) => {
      fc.pre(a.value !== b.value);
      const [weak, strong] = (op === 'above') === a.value < b.value ? [a, b] : [b, a];
      const rules = [rule({ id: 'outer', op, ...weak }), rule({ id: 'inner', op, ...strong })];
      const alone = rules.map((r) => new ThresholdTracker(r, 0, 'p', 10 * MIN, maxAlerts));
      const [outer, inner] = rules.map((r) => new ThresholdTracker(r, 0, 'p', 10 * MIN, maxAlerts)) as [ThresholdTracker, ThresholdTracker];
      expect(outer.canPair(inner)).toBe(true);
      expect(inner.canPair(outer)).toBe(false);
      let t = 0;
      const ts = Float64Array.from(samples, ([dt]) => (t += dt * MIN));
      const vs = Float64Array.from(samples, ([, v]) => v);
      for (let at = 0; at < ts.length; at += blockSize) {
        const to = Math.min(ts.length, at + blockSize);
        alone.forEach((x) => x.addAll(ts.subarray(at, to), vs.subarray(at, to), to - at));
        outer.addAllPaired(inner, ts.subarray(at, to), vs.subarray(at, to), to - at);
      }
      [...alone, outer, inner].forEach((x) => x.finish());
      expect([outer, inner].map((x) => [x.runs, x.totalMs, x.alertCount, x.alerts])).toEqual(alone.map((x) => [x.runs, x.totalMs, x.alertCount, x.alerts]));
    }), { numRuns: 300 });
  });

  it('a ThresholdFeed of any rules (led, paired or alone) gives every tracker what it gives fed on its own (property)', () => {
    const sample = fc.tuple(fc.constantFrom(-1, 0, 1, 1, 2, 15), fc.integer({ min: 40, max: 60 }));
    const ruleArb = fc.record({ op: fc.constantFrom('above' as const, 'below' as const), value: fc.constantFrom(45, 50, 55), sustainMs: fc.constantFrom(0, 3 * MIN) });
    fc.assert(fc.property(fc.array(sample, { maxLength: 300 }), fc.array(ruleArb, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 40 }), (samples, specs, blockSize) => {
      const rules = specs.map((x, i) => rule({ id: `r${i}`, ...x }));
      const alone = rules.map((r) => new ThresholdTracker(r, 0, 'p', 10 * MIN, 3));
      const fed = rules.map((r) => new ThresholdTracker(r, 0, 'p', 10 * MIN, 3));
      const feed = new ThresholdFeed(fed);
      let t = 0;
      const ts = Float64Array.from(samples, ([dt]) => (t += dt * MIN));
      const vs = Float64Array.from(samples, ([, v]) => v);
      for (let at = 0; at < ts.length; at += blockSize) {
        const to = Math.min(ts.length, at + blockSize);
        alone.forEach((x) => x.addAll(ts.subarray(at, to), vs.subarray(at, to), to - at));
        feed.addAll(ts.subarray(at, to), vs.subarray(at, to), to - at);
      }
      [...alone, ...fed].forEach((x) => x.finish());
      expect(fed.map((x) => [x.runs, x.totalMs, x.alertCount, x.alerts])).toEqual(alone.map((x) => [x.runs, x.totalMs, x.alertCount, x.alerts]));
    }), { numRuns: 300 });
  });

  it('compares names case-insensitively', () => {
    expect(thresholdMatches(DEFAULT_THRESHOLDS[0]!, { ...lp, object: lp.object.toUpperCase(), instance: '_total' })).toBe(true);
  });
});
