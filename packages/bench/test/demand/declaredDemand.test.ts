import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatSources, seriesStatistics, type CounterMap, type SeriesSink, type StatsOptions } from '@hostplan/bench';
import { demandSource, DemandSink } from '../../src/demand/index.js';
import { withoutThreads } from '../stats/mirrorCompare.js';
import { pdhKey, T0 } from './hyperv.js';

const MIN = 60_000;
const VP = 'Hyper-V Hypervisor Virtual Processor';
/** Virtual processors (cores: % / 100, one group per VM), memory (as is) and a network rule whose map overflows from 1.8e307 on. */
const MAP: CounterMap = {
  rules: [
    { object: VP, counter: '% Guest Run Time', resource: 'vm.cpuCores', entity: 'vp', scale: 0.01 },
    { object: 'Memory', counter: 'Available MBytes', resource: 'host.availableMemoryMB' },
    { object: 'Net', counter: 'Bytes', resource: 'vm.networkMbps', entity: 'instance', scale: 10, offset: 1 },
  ],
};

/** One log: its VMs' virtual processor counts, whether it has memory, then rows (each whole, or cell by cell: `cells`). */
interface Log {
  readonly vps: readonly number[];
  readonly memory: boolean;
  readonly rows: readonly { readonly values: readonly number[]; readonly cells: boolean }[];
}

/** A log's source: its columns (VPs per VM, memory, each VM's network), then its rows a minute apart. */
const logSource = (log: Log, day: number) => (sink: SeriesSink) => {
  const keys = log.vps.flatMap((n, vm) => Array.from({ length: n }, (_, p) => pdhKey('HV1', VP, `vm${vm}:Hv VP ${p}`, '% Guest Run Time')));
  if (log.memory) keys.push(pdhKey('HV1', 'Memory', null, 'Available MBytes'));
  log.vps.forEach((_, vm) => keys.push(pdhKey('HV1', 'Net', `vm${vm}`, 'Bytes')));
  keys.forEach((k, i) => sink.series(i, k));
  log.rows.forEach((r, m) => {
    const t = T0 + day * 86_400_000 + m * MIN;
    const values = Float64Array.from(keys, (_, i) => r.values[i % r.values.length]!);
    if (r.cells || typeof sink.row !== 'function') values.forEach((v, i) => sink.sample(i, t, v));
    else sink.row(t, values, values.length);
  });
};

/** The sink without `declares` (as a user's sink): the demand sink sends every value. */
const sendingAll = (sink: SeriesSink): SeriesSink => ({
  series: (i, k) => sink.series(i, k),
  sample: (i, t, v) => sink.sample(i, t, v),
  ...(typeof sink.row === 'function' && { row: (t: number, values: Float64Array, n: number) => sink.row!(t, values, n) }),
  mirrors: (i, s, scale, offset) => sink.mirrors?.(i, s, scale, offset),
  issue: (x) => sink.issue?.(x),
});

const value = fc.oneof({ weight: 8, arbitrary: fc.double({ min: 0, max: 100, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(NaN) }, { weight: 1, arbitrary: fc.constant(1e308) });
const logArb = fc.record({
  vps: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 }),
  memory: fc.boolean(),
  rows: fc.array(fc.record({ values: fc.array(value, { minLength: 1, maxLength: 9 }), cells: fc.constantFrom(false, false, false, false, false, false, false, false, false, true) }), { minLength: 1, maxLength: 1500 }),
});
const options: StatsOptions = { windowMs: 2 * MIN, alignMs: 5 * MIN, align: (k) => k.instance !== null };

describe('DemandSink declares its groups of one member (SeriesSink.declares)', () => {
  it('gives exactly the statistics and groups sending every derived value gives: one and several members, missing and overflowing values, rows sent cell by cell, a second log whose counters join groups of the first, percentiles from replays (property)', async () => {
    // no spill file and a tiny budget: the percentiles come from replays, into a sink without declarations
    const budgets: StatsOptions[] = [{}, { memoryBudgetBytes: 64, spillDirectory: false }];
    await fc.assert(fc.asyncProperty(fc.array(logArb, { minLength: 1, maxLength: 2 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom(...budgets), async (logs, threads, budget) => {
      const source = concatSources(logs.map((log, day) => logSource(log, day)));
      const declaring = demandSource(source, MAP);
      const sending = demandSource(source, MAP);
      const a = await seriesStatistics(declaring.source, { ...options, ...budget, threads });
      const b = await seriesStatistics((sink) => sending.source(sendingAll(sink)), { ...options, ...budget });
      // toEqual compares numbers with Object.is: every bit of a double counts
      expect(withoutThreads(a)).toEqual(withoutThreads(b));
      expect(declaring.groups()).toEqual(sending.groups());
    }), { numRuns: 40 });
  }, 300_000);

  it('announces the groups after the raw series, those of several members first, declares those of one, and sends rows without them', () => {
    const calls: string[] = [];
    const sink: SeriesSink = {
      series: (i, k) => calls.push(`series ${i} ${k.path}`),
      sample: () => calls.push('sample'),
      row: (_t, _v, n) => calls.push(`row ${n}`),
      declares: (i, s, scale) => calls.push(`declares ${i} from ${s} x${scale}`),
      revokes: (i) => calls.push(`revokes ${i}`),
    };
    const d = new DemandSink(sink, MAP);
    logSource({ vps: [1, 2], memory: true, rows: [{ values: [50], cells: false }] }, 0)(d);
    d.finish();
    expect(calls).toEqual([
      'series 0 \\\\HV1\\Hyper-V Hypervisor Virtual Processor(vm0:Hv VP 0)\\% Guest Run Time',
      'series 1 \\\\HV1\\Hyper-V Hypervisor Virtual Processor(vm1:Hv VP 0)\\% Guest Run Time',
      'series 2 \\\\HV1\\Hyper-V Hypervisor Virtual Processor(vm1:Hv VP 1)\\% Guest Run Time',
      'series 3 \\\\HV1\\Memory\\Available MBytes',
      'series 4 \\\\HV1\\Net(vm0)\\Bytes',
      'series 5 \\\\HV1\\Net(vm1)\\Bytes',
      'series 6 HV1/vm1/vm.cpuCores',
      'declares 7 from 0 x0.01',
      'series 7 HV1/vm0/vm.cpuCores',
      'declares 8 from 3 x1',
      'series 8 HV1/HV1/host.availableMemoryMB',
      'declares 9 from 4 x10',
      'series 9 HV1/vm0/vm.networkMbps',
      'declares 10 from 5 x10',
      'series 10 HV1/vm1/vm.networkMbps',
      'row 7',
    ]);
  });

  it('passes a row of raw series only, every group declared, on as it came (the same array); a group sent means a row of its own', () => {
    const got: { values: Float64Array; n: number }[] = [];
    const sink: SeriesSink = { series() {}, sample() {}, row: (_t, values, n) => void got.push({ values, n: n }), declares() {}, revokes() {} };
    const d = new DemandSink(sink, MAP);
    d.series(0, pdhKey('HV1', VP, 'vm0:Hv VP 0', '% Guest Run Time'));
    d.series(1, pdhKey('HV1', 'Memory', null, 'Available MBytes'));
    const first = Float64Array.of(50, 4000);
    d.row(T0, first, 2);
    expect(got[0]!.values).toBe(first);
    expect(got[0]!.n).toBe(2);
    // a second virtual processor (downstream 4, after the groups 2 and 3): vm0's group has two
    // members and is sent, the memory group below it too (revoked): rows are built
    d.series(2, pdhKey('HV1', VP, 'vm0:Hv VP 1', '% Guest Run Time'));
    const second = Float64Array.of(50, 4000, 30);
    d.row(T0 + MIN, second, 3);
    expect(got[1]!.values).not.toBe(second);
    expect(got[1]!.n).toBe(5);
    expect([got[1]!.values[0], got[1]!.values[1], got[1]!.values[3], got[1]!.values[4]]).toEqual([50, 4000, 4000, 30]);
    expect(got[1]!.values[2]).toBeCloseTo(0.8, 12);
  });

  it('revokes a group that gets a second member, and every declared group before a single sample', () => {
    const calls: string[] = [];
    const sink: SeriesSink = {
      series: (i) => calls.push(`series ${i}`),
      sample: (i) => calls.push(`sample ${i}`),
      row: (_t, _v, n) => calls.push(`row ${n}`),
      declares: (i) => calls.push(`declares ${i}`),
      revokes: (i) => calls.push(`revokes ${i}`),
    };
    const d = new DemandSink(sink, MAP);
    const vp = (i: number, p: number) => d.series(i, pdhKey('HV1', VP, `vm0:Hv VP ${p}`, '% Guest Run Time'));
    vp(0, 0);
    vp(1, 1);
    d.series(2, pdhKey('HV1', 'Memory', null, 'Available MBytes'));
    d.row(T0, Float64Array.of(50, 20, 4000), 3);
    vp(3, 2); // no second member for memory; vm0 had two already
    d.series(4, pdhKey('HV1', 'Memory', 'second', 'Available MBytes')); // memory of HV1 again: a second member
    d.row(T0 + MIN, Float64Array.of(50, 20, 4000, 10, 100), 5);
    d.sample(0, T0 + 2 * MIN, 1);
    d.finish();
    expect(calls.slice(0, 8)).toEqual(['series 0', 'series 1', 'series 2', 'series 3', 'declares 4', 'series 4', 'row 4', 'series 5']);
    // the memory group (4) is revoked before the next value; the row then holds every series
    expect(calls.slice(8, 12)).toEqual(['series 6', 'revokes 4', 'row 7', 'sample 0']);
  });
});
