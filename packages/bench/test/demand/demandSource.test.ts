import { describe, expect, it } from 'vitest';
import { concatSources, DEFAULT_COUNTER_MAP, readPerfText, seriesStatistics, writePdhCsv, type SeriesKey, type SeriesSink, type SeriesStats } from '@hostplan/bench';
import { DemandSink, demandSource } from '../../src/demand/index.js';
import { constant, pdhKey, rows, T0 } from './hyperv.js';

/** A sink recording what it receives. */
function recorder() {
  const series: [number, SeriesKey][] = [];
  const samples: [number, number, number][] = [];
  return { series, samples, sink: { series: (i: number, k: SeriesKey) => series.push([i, k]), sample: (i: number, t: number, v: number) => samples.push([i, t, v]) } };
}

describe('DemandSink', () => {
  it('sums the virtual processors of a VM at each timestamp into cores (VP % / 100) and counts them', () => {
    const r = recorder();
    const d = new DemandSink(r.sink, DEFAULT_COUNTER_MAP);
    rows([
      { key: pdhKey('HV1', 'Hyper-V Hypervisor Virtual Processor', 'web01:Hv VP 0', '% Guest Run Time'), value: (m) => [50, 70][m] },
      { key: pdhKey('HV1', 'Hyper-V Hypervisor Virtual Processor', 'web01:Hv VP 1', '% Guest Run Time'), value: (m) => [30, 10][m] },
      { key: pdhKey('HV1', 'Processor', '_Total', '% Processor Time'), value: constant(5) },
    ], 2)(d);
    d.finish();
    const [g] = d.groups();
    expect(g).toMatchObject({ resource: 'vm.cpuCores', host: 'HV1', entity: 'web01', virtualProcessors: 2 });
    // renumbered downstream: the raw series as they come, then the derived series (announced before the first value)
    expect(r.series.map(([i, k]) => [i, k.path])).toEqual([
      [0, '\\\\HV1\\Hyper-V Hypervisor Virtual Processor(web01:Hv VP 0)\\% Guest Run Time'],
      [1, '\\\\HV1\\Hyper-V Hypervisor Virtual Processor(web01:Hv VP 1)\\% Guest Run Time'],
      [2, '\\\\HV1\\Processor(_Total)\\% Processor Time'],
      [3, 'HV1/web01/vm.cpuCores'],
    ]);
    // minute 0: (50 + 30) / 100 = 0.8 cores; minute 1: (70 + 10) / 100 = 0.8
    expect(r.samples.filter(([i]) => i === g!.index).map(([, t, v]) => [t - T0, v])).toEqual([[0, 0.8], [60_000, 0.8]]);
  });

  it('marks a derived sample missing when a member cell is missing (no partial sums)', () => {
    const r = recorder();
    const d = new DemandSink(r.sink, DEFAULT_COUNTER_MAP);
    rows([
      { key: pdhKey('HV1', 'Hyper-V Virtual Storage Device', 'D:-VMs-web01.vhdx', 'Read Operations/Sec'), value: (m) => [NaN, 100][m] },
      { key: pdhKey('HV1', 'Hyper-V Virtual Storage Device', 'D:-VMs-web01.vhdx', 'Write Operations/Sec'), value: (m) => [20, 50][m] },
    ], 2)(d);
    d.finish();
    const g = d.groups()[0]!;
    expect(r.samples.filter(([i]) => i === g.index).map(([, , v]) => v)).toEqual([NaN, 150]);
  });

  it('maps sar %idle of all CPUs to host CPU percent (100 - idle) and sums rx + tx kB/s into Mbps', () => {
    const r = recorder();
    const d = new DemandSink(r.sink, DEFAULT_COUNTER_MAP);
    rows([
      { key: { host: 'lnx', object: 'cpu', instance: '-1', counter: '%idle', path: 'cpu;-1;%idle' }, value: constant(82.5) },
      { key: { host: 'lnx', object: 'cpu', instance: '0', counter: '%idle', path: 'cpu;0;%idle' }, value: constant(10) },
      { key: { host: 'lnx', object: 'network', instance: 'eth0', counter: 'rxkB/s', path: 'network;eth0;rxkB/s' }, value: constant(100) },
      { key: { host: 'lnx', object: 'network', instance: 'eth0', counter: 'txkB/s', path: 'network;eth0;txkB/s' }, value: constant(25) },
      { key: { host: 'lnx', object: 'network', instance: 'lo', counter: 'rxkB/s', path: 'network;lo;rxkB/s' }, value: constant(1e6) },
    ], 1)(d);
    d.finish();
    const value = (res: string) => r.samples.find(([i]) => i === d.groups().find((g) => g.resource === res)!.index)![2];
    expect(value('host.cpuPercent')).toBeCloseTo(17.5, 12); // 100 - 82.5; CPU 0 is not "all"
    expect(value('host.networkMbps')).toBeCloseTo((125 * 1024 * 8) / 1e6, 12); // (100 + 25) kB/s x 1024 x 8 / 1e6 = 1.024 Mbps; lo excluded
  });

  it('translates localised names before matching', () => {
    const r = recorder();
    const d = new DemandSink(r.sink, DEFAULT_COUNTER_MAP, (o, c) => (o === 'Память' && c === 'Доступно МБ' ? { object: 'Memory', counter: 'Available MBytes' } : null));
    rows([{ key: pdhKey('RU1', 'Память', null, 'Доступно МБ'), value: constant(4000) }], 1)(d);
    d.finish();
    expect(d.groups().map((g) => g.resource)).toEqual(['host.availableMemoryMB']);
  });
});

describe('whole rows through the demand and multi-file wrappers', () => {
  // a Hyper-V host log: host LP, two VMs of 2 and 1 virtual processors, memory, storage; every
  // 9th cell of web01's VP 1 blank, so its derived CPU is missing there
  const paths = [
    '\\\\HV1\\Hyper-V Hypervisor Logical Processor(_Total)\\% Total Run Time',
    '\\\\HV1\\Hyper-V Hypervisor Virtual Processor(web01:Hv VP 0)\\% Guest Run Time',
    '\\\\HV1\\Hyper-V Hypervisor Virtual Processor(web01:Hv VP 1)\\% Guest Run Time',
    '\\\\HV1\\Hyper-V Hypervisor Virtual Processor(sql01:Hv VP 0)\\% Guest Run Time',
    '\\\\HV1\\Hyper-V Dynamic Memory VM(web01)\\Physical Memory',
    '\\\\HV1\\Hyper-V Virtual Storage Device(D:-VMs-sql01.vhdx)\\Read Operations/Sec',
    '\\\\HV1\\Hyper-V Virtual Storage Device(D:-VMs-sql01.vhdx)\\Write Operations/Sec',
    '\\\\HV1\\Memory\\Available MBytes',
  ];
  const log = (host: string, minutes: number, seed: number) => writePdhCsv(
    Array.from({ length: minutes }, (_, m) => ({
      timestampMs: T0 + m * 60_000,
      values: paths.map((_, c) => (c === 2 && m % 9 === 0 ? NaN : ((m * (c + 3) * 37 + seed) % 1000) / 10)),
    })),
    { paths: paths.map((p) => p.replace('HV1', host)), zoneName: 'UTC', biasMinutes: 0 },
  );
  /** The same sink without its row method: the readers and wrappers fall back to single samples. */
  const samplesOnly = (sink: SeriesSink): SeriesSink => ({ series: (i, k) => sink.series(i, k), sample: (i, t, v) => sink.sample(i, t, v), issue: (x) => sink.issue?.(x) });
  /** Everything but the figures a different grouping of blocks may round differently. */
  // a derived series of one member, sent with a mirror hint on the row path, takes its sums and means from its member's, mapped: equal up to rounding
  const exactPart = ({ mean: _m, stddev: _s, sum: _sum, sustainedPeak: _p, moments: { mean: _mm, m2: _m2, sum: _ms, ...moments }, ...rest }: SeriesStats) => ({ ...rest, moments });
  const close = (a: number | null, b: number | null) => (a === null || b === null ? expect(a).toBe(b) : expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.abs(a)));

  it('give what single samples give: raw and derived statistics, groups, one file and two', async () => {
    const texts = [log('HV1', 3000, 1), log('HV2', 2000, 7)];
    for (const files of [texts.slice(0, 1), texts]) {
      const source = concatSources(files.map((text) => (sink) => readPerfText(text, sink)));
      const rows = demandSource(source, DEFAULT_COUNTER_MAP);
      const single = demandSource(source, DEFAULT_COUNTER_MAP);
      const a = await seriesStatistics(rows.source);
      const b = await seriesStatistics((sink) => single.source(samplesOnly(sink)));
      expect(a.series.map(exactPart)).toEqual(b.series.map(exactPart));
      a.series.forEach((s, i) => [s.mean, s.sum, s.sustainedPeak].forEach((x, j) => close(x, [b.series[i]!.mean, b.series[i]!.sum, b.series[i]!.sustainedPeak][j]!)));
      expect(a.alerts).toEqual(b.alerts);
      expect(rows.groups()).toEqual(single.groups());
      // the derived series are there: web01 CPU in cores (missing where VP 1 is blank), the IOPS
      // of sql01's disk (read + write), joined to sql01 (the log's VP counters name it)
      const cpu = a.series.find((s) => s.path === 'HV1/web01/vm.cpuCores')!;
      expect([cpu.count, cpu.missing]).toEqual([3000 - 334, 334]); // minutes 0, 9, ..., 2997
      expect(a.series.find((s) => s.path === 'HV1/sql01/vm.iops')!.count).toBe(3000);
    }
  });

  it('send whole rows on, so the statistics take their fast path', async () => {
    const text = log('HV1', 10, 1);
    const calls = { row: 0, sample: 0 };
    const counting: SeriesSink = { series() {}, sample: () => void calls.sample++, row: () => void calls.row++ };
    await demandSource(concatSources([(sink) => readPerfText(text, sink)]), DEFAULT_COUNTER_MAP).source(counting);
    expect(calls).toEqual({ row: 10, sample: 0 });
  });
});
