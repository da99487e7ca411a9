import { max, mean, min, quantileSorted, standardDeviation } from 'simple-statistics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchFromPrometheus, measureDemand, prometheusSource, PrometheusError, readPerfText, seriesStatistics, writePdhCsv, type SeriesKey, type SeriesSink } from '@hostplan/bench';
import { promPushdownStatistics, streamPromRange, type PromSeriesStatistics } from '../../src/prometheus/index.js';
import { BASE_MS, generateFleet, STEP_MS, toOpenMetrics } from '../prometheus/support/fleetSeries.js';
import { startPrometheus, type PromServer } from '../prometheus/support/promServer.js';

// 3 hosts x 4 VMs, one sample a minute for 2 days: 2,881 points per series (under the
// 11,000-point limit at a 1-minute step, over it at 15 s).
const POINTS = 2 * 1440 + 1;
const fleet = generateFleet(3, 4, POINTS);
const window = { startMs: BASE_MS, endMs: BASE_MS + (POINTS - 1) * STEP_MS, stepMs: STEP_MS };
const CPU = 'hp_vm_cpu_percent';
const NET = 'rate(hp_vm_net_bytes_total[5m]) * 8 / 1e6';

/** Reference figures straight from the generated values (simple-statistics, R type 7, population stddev). */
function reference(values: readonly number[]): PromSeriesStatistics {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  return {
    count: finite.length,
    missing: values.length - finite.length,
    min: min(finite),
    max: max(finite),
    mean: mean(finite),
    stddev: standardDeviation(finite),
    p50: quantileSorted(finite, 0.5),
    p90: quantileSorted(finite, 0.9),
    p95: quantileSorted(finite, 0.95),
    p99: quantileSorted(finite, 0.99),
  };
}

/**
 * Tolerances: count, missing, min and max exact (the same samples); percentiles within 1e-12
 * relative (type 7 in both, but Prometheus writes lower*(1-w)+upper*w where simple-statistics
 * writes lower+w*(upper-lower): the last bit can differ); mean and stddev within 1e-9 relative
 * (summation order differs).
 */
function expectSameStatistics(actual: PromSeriesStatistics, expected: PromSeriesStatistics, what: string): void {
  expect(actual.count, `${what} count`).toBe(expected.count);
  expect(actual.missing, `${what} missing`).toBe(expected.missing);
  expect(actual.min, `${what} min`).toBe(expected.min);
  expect(actual.max, `${what} max`).toBe(expected.max);
  const close = (a: number | null, b: number | null, rel: number, f: string) => {
    expect(a, `${what} ${f}`).not.toBeNull();
    expect(Math.abs(a! - b!), `${what} ${f}: ${a} vs ${b}`).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b!)));
  };
  for (const f of ['p50', 'p90', 'p95', 'p99'] as const) close(actual[f], expected[f], 1e-12, f);
  close(actual.mean, expected.mean, 1e-9, 'mean');
  close(actual.stddev, expected.stddev, 1e-9, 'stddev');
}

/** A sink that records everything, for checking what raw mode streams. */
function recordingSink() {
  const keys: SeriesKey[] = [];
  const samples: { t: number; v: number }[][] = [];
  const issues: string[] = [];
  const sink: SeriesSink = {
    series: (i, key) => {
      keys[i] = key;
      samples[i] = [];
    },
    sample: (i, t, v) => samples[i]!.push({ t, v }),
    issue: (issue) => issues.push(`${issue.code}: ${issue.message}`),
  };
  return { sink, keys, samples, issues };
}

function statsOf(samples: { v: number }[]): PromSeriesStatistics {
  return reference(samples.map((s) => s.v));
}

describe('Prometheus source against a real Prometheus (backfilled with promtool)', () => {
  let server: PromServer | undefined;

  beforeAll(async () => {
    server = await startPrometheus(toOpenMetrics(fleet));
  });
  afterAll(async () => {
    await server?.stop();
  });

  const endpoint = () => ({ url: server!.url, retries: 0, timeoutMs: 30_000 });

  it('streamPromRange streams every sample of every series in time order, non-finite values as missing', async () => {
    const rec = recordingSink();
    const r = await streamPromRange(endpoint(), CPU, window, rec.sink, { name: 'cpu', object: 'cpu' });
    expect(r.series).toBe(12);
    // a 1,000-point probe, then the other 1,881 points (12 series x 1,881 fit the 500,000-sample budget)
    expect(r.requests).toBe(2);
    for (const g of fleet.cpu) {
      const i = rec.keys.findIndex((k) => k.labels?.vm === g.labels.vm);
      expect(i, g.labels.vm).toBeGreaterThanOrEqual(0);
      expect(rec.keys[i]!.host).toBe(g.labels.instance!.replace(':9182', ''));
      expect(rec.keys[i]!.instance).toBe(g.labels.vm);
      const got = rec.samples[i]!;
      expect(got.map((s) => s.t)).toEqual(g.values.map((_, k) => BASE_MS + k * STEP_MS));
      expect(got.map((s) => (Number.isFinite(s.v) ? s.v : 'missing'))).toEqual(g.values.map((v) => (Number.isFinite(v) ? v : 'missing')));
    }
    // vm-1-1 holds NaN at minutes 100, 1097 and 2094, +Inf at 500, -Inf at 501 (see fleetSeries.ts): one issue naming them
    expect(rec.issues.filter((m) => m.startsWith('non-finite-value'))).toHaveLength(1);
    expect(rec.issues.find((m) => m.startsWith('non-finite-value'))).toMatch(/vm-1-1.*3 NaN, 1 \+Inf, 1 -Inf/);
  });

  it('raw mode statistics equal reference figures computed from the generated series', async () => {
    const rec = recordingSink();
    await streamPromRange(endpoint(), CPU, window, rec.sink);
    for (const g of fleet.cpu) {
      const i = rec.keys.findIndex((k) => k.labels?.vm === g.labels.vm);
      expectSameStatistics(statsOf(rec.samples[i]!), reference(g.values), g.labels.vm!);
    }
  });

  it('push-down statistics equal raw-mode statistics for a gauge and for a rate() of a counter', async () => {
    for (const expr of [CPU, NET]) {
      const rec = recordingSink();
      await streamPromRange(endpoint(), expr, window, rec.sink);
      const pushed = await promPushdownStatistics(endpoint(), expr, window);
      expect(pushed.series).toHaveLength(12);
      expect(pushed.requests).toBe(1);
      for (const s of pushed.series) {
        const i = rec.keys.findIndex((k) => k.labels?.vm === s.key.labels?.vm);
        expect(i).toBeGreaterThanOrEqual(0);
        expectSameStatistics(s.stats, statsOf(rec.samples[i]!), `${expr} ${s.key.labels?.vm}`);
      }
    }
  });

  it('push-down as ten concurrent requests gives exactly the combined query\'s statistics', async () => {
    const combined = await promPushdownStatistics(endpoint(), NET, window);
    const parallel = await promPushdownStatistics(endpoint(), NET, window, { parallel: true });
    expect([combined.requests, parallel.requests]).toEqual([1, 10]);
    const byVm = (r: typeof combined) => Object.fromEntries(r.series.map((s) => [s.key.labels?.vm, s.stats]));
    expect(byVm(parallel)).toEqual(byVm(combined));
  });

  it('push-down counts NaN and infinite samples as missing and reports them', async () => {
    const pushed = await promPushdownStatistics(endpoint(), CPU, window, { name: 'cpu' });
    const bad = pushed.series.find((s) => s.key.labels?.vm === 'vm-1-1')!;
    // 3 NaN + 1 +Inf + 1 -Inf = 5 of 2,881
    expect(bad.stats.missing).toBe(5);
    expect(bad.stats.count).toBe(POINTS - 5);
    expect(pushed.issues.map((i) => i.code)).toEqual(['non-finite-value']);
  });

  it('chunks of 1,000 points, or of a 6,000-sample budget, give the same samples as one request', async () => {
    const one = recordingSink();
    const many = recordingSink();
    const budget = recordingSink();
    const r1 = await streamPromRange(endpoint(), CPU, window, one.sink, { probePoints: 11_000 });
    const r3 = await streamPromRange(endpoint(), CPU, window, many.sink, { maxPointsPerChunk: 1000 });
    const r5 = await streamPromRange(endpoint(), CPU, window, budget.sink, { maxSamplesPerRequest: 6000 });
    // 2,881 points: one request; 1,000 + 1,000 + 881 = 3 requests;
    // a 1,000-point probe, then 6,000 samples / 12 series = 500 points: 1,881 / 500 -> 4 more = 5 requests
    expect([r1.requests, r3.requests, r5.requests]).toEqual([1, 3, 5]);
    for (const other of [many, budget]) {
      expect(other.keys).toEqual(one.keys);
      expect(other.samples).toEqual(one.samples);
    }
  });

  it('a 15 s step over 2 days (11,521 points) is fetched in 2 requests that Prometheus accepts, and matches push-down', async () => {
    const w15 = { ...window, stepMs: 15_000 };
    const rec = recordingSink();
    const r = await streamPromRange(endpoint(), CPU, w15, rec.sink);
    // (2 x 86,400 / 15) + 1 = 11,521 instants: 11,000 + 521
    expect(r.requests).toBe(2);
    expect(rec.samples[0]).toHaveLength(11_521);
    const pushed = await promPushdownStatistics(endpoint(), CPU, w15);
    for (const s of pushed.series) {
      const i = rec.keys.findIndex((k) => k.labels?.vm === s.key.labels?.vm);
      expectSameStatistics(s.stats, statsOf(rec.samples[i]!), `15s ${s.key.labels?.vm}`);
    }
  });

  it('without chunking the server refuses the 11,521-point query: the limit is real', async () => {
    const { promRequest } = await import('../../src/prometheus/index.js');
    const err = await promRequest(endpoint(), 'query_range', { query: CPU, start: String(window.startMs / 1000), end: String(window.endMs / 1000), step: '15' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrometheusError);
    expect((err as PrometheusError).code).toBe('query-error');
    expect((err as PrometheusError).message).toMatch(/11,?000 points/);
  });

  it('a bad query is a query-error, not retried', async () => {
    const err = await promPushdownStatistics({ ...endpoint(), retries: 3, sleep: async () => undefined }, 'rate(', window).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrometheusError);
    expect((err as PrometheusError).code).toBe('query-error');
    expect((err as PrometheusError).attempts).toBe(1);
  });

  it('benchFromPrometheus gives the same series in both modes, with labels and statistics fields, and measures the cost', async () => {
    const common = { endpoint: endpoint(), queries: [{ name: 'vm-cpu', expr: CPU, resource: 'cpu' as const, entity: 'vm' as const, unit: 'percent of one core' }, { name: 'vm-network', expr: 'rate(hp_vm_net_bytes_total[$rate]) * 8 / 1e6', resource: 'network' as const, entity: 'vm' as const, unit: 'Mbps' }], from: '2025-06-01T00:00:00Z', to: String(window.endMs / 1000), step: '1m' };
    const raw = await benchFromPrometheus(common);
    const pushed = await benchFromPrometheus({ ...common, pushdown: true });
    expect(raw.series).toHaveLength(24);
    expect(pushed.series).toHaveLength(24);
    for (const s of pushed.series) {
      const r = raw.series.find((x) => x.counter === s.counter && x.labels.vm === s.labels.vm)!;
      expect(r, `${s.counter} ${s.labels.vm}`).toBeDefined();
      expect({ ...s, labels: s.labels, path: s.path }).toMatchObject({ host: r.host, instance: r.instance, object: r.object, labels: r.labels, path: r.path, resource: r.resource, unit: r.unit, expected: POINTS });
      expectSameStatistics(s, r, `${s.counter} ${s.labels.vm}`);
    }
    expect(raw.source.mode).toBe('raw');
    expect(pushed.source.mode).toBe('pushdown');
    expect(raw.source.queries[1]!.expr).toBe('rate(hp_vm_net_bytes_total[5m]) * 8 / 1e6');
    // the push-down answer is a few kilobytes against megabytes of samples
    expect(pushed.cost.bytes * 50).toBeLessThan(raw.cost.bytes);
    expect(pushed.cost.requests).toBe(2);
    // figures for the README (printed, not asserted: tests never check wall-clock time)
    // raw mode goes through the statistics module: sustained peaks are there, push-down has none
    expect(raw.series.every((x) => typeof x.sustainedPeak === 'number')).toBe(true);
    expect(pushed.series.every((x) => x.sustainedPeak === null)).toBe(true);
    console.info(`[prometheus cost] 24 series x ${POINTS} points: raw ${raw.cost.requests} requests, ${raw.cost.bytes} bytes, ${raw.cost.milliseconds} ms; push-down ${pushed.cost.requests} requests, ${pushed.cost.bytes} bytes, ${pushed.cost.milliseconds} ms`);
  });

  it('the file path agrees: the same series written as a PDH-CSV perfmon log and read back give the same statistics as raw and push-down modes', async () => {
    // one perfmon column per VM, as the Hyper-V per-VP counter; perfmon has no infinities, so +Inf/-Inf are written missing (" ")
    const paths = fleet.cpu.map((g) => `\\\\${g.labels.instance!.split(':')[0]}\\Hyper-V Hypervisor Virtual Processor(${g.labels.vm}:Hv VP 0)\\% Guest Run Time`);
    const rows = Array.from({ length: POINTS }, (_, i) => ({ timestampMs: BASE_MS + i * STEP_MS, values: fleet.cpu.map((g) => (Number.isFinite(g.values[i]!) ? g.values[i]! : Number.NaN)) }));
    const text = writePdhCsv(rows, { paths });
    const file = await seriesStatistics((sink) => readPerfText(text, sink, { file: 'fleet.csv' }));
    expect(file.series).toHaveLength(12);
    const common = { endpoint: endpoint(), queries: [{ name: 'vm-cpu', expr: CPU }], from: BASE_MS, to: window.endMs, step: STEP_MS };
    const raw = await benchFromPrometheus(common);
    const pushed = await benchFromPrometheus({ ...common, pushdown: true });
    for (const f of file.series) {
      const vm = f.instance!.split(':')[0]!;
      const r = raw.series.find((x) => x.labels.vm === vm)!;
      const p = pushed.series.find((x) => x.labels.vm === vm)!;
      expectSameStatistics(r, f, `raw vs file ${vm}`);
      expectSameStatistics(p, f, `push-down vs file ${vm}`);
      // same samples, same timestamps, same windows: the same sustained peak, up to the rounding
      // of the window sums (a log's rows fold a block of rows at a time, by prefix sums per block;
      // a Prometheus series its own samples, by a running sum)
      expect(r.sustainedPeak === null, vm).toBe(f.sustainedPeak === null);
      if (f.sustainedPeak !== null) expect(Math.abs(r.sustainedPeak! - f.sustainedPeak), vm).toBeLessThanOrEqual(1e-12 * Math.abs(f.sustainedPeak));
    }
  });

  it('prometheusSource feeds the demand pipeline: per-VM CPU demand at p95 equals the engine p95', async () => {
    // hp_vm_cpu_percent is percent of one core: / 100 gives cores, the unit of vm.cpuCores
    const queries = [{ name: 'vm-cpu', expr: `${CPU} / 100`, resource: 'cpu' as const, entity: 'vm' as const, unit: 'cores', demand: 'vm.cpuCores' as const }];
    const p = prometheusSource({ endpoint: endpoint(), queries, window });
    const demand = await measureDemand(p.source, { map: p.counterMap, clockGHz: 2 });
    const pushed = await promPushdownStatistics(endpoint(), `${CPU} / 100`, window);
    expect(demand.vms).toHaveLength(12);
    expect(p.cost.passes).toBe(1);
    for (const v of demand.vms) {
      const engine = pushed.series.find((s) => s.key.labels?.vm === v.id)!;
      expect(v.host).toBe(engine.key.host);
      // comfort factor 1.0 (default): demand = p95 in cores; GHz = cores x 2 GHz
      expect(v.demand.cpuCores!).toBeCloseTo(engine.stats.p95!, 12);
      expect(v.demand.cpuGHz!).toBeCloseTo(engine.stats.p95! * 2, 12);
    }
  });
});
