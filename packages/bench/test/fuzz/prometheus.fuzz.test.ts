import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HostplanError } from '@hostplan/core';
import { PrometheusError, type PrometheusEndpoint, type SeriesKey } from '@hostplan/bench';
import { promPushdownStatistics, streamPromRange } from '../../src/prometheus/index.js';

/**
 * Fuzz suites of the Prometheus client's answers: any body the server sends (any JSON, any
 * shape of series, labels and points, any text) gives statistics or a PrometheusError /
 * HostplanError, never a TypeError; valid answers give exactly their samples. The server is a
 * fetch stand-in (no sockets), so that hundreds of answers take well under a second each.
 */

/** An endpoint whose every request gets `body` with `status`. */
const answering = (body: string, status = 200): PrometheusEndpoint => ({
  url: 'http://prom.test',
  retries: 0,
  sleep: async () => undefined,
  fetch: (async () => new Response(body, { status, headers: { 'Content-Type': 'application/json' } })) as typeof fetch,
});

const window = { startMs: 0, endMs: 240_000, stepMs: 60_000 };

async function outcome(p: Promise<unknown>): Promise<unknown> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof PrometheusError || e instanceof HostplanError) return e;
    throw e;
  }
}

const sink = () => {
  const keys: SeriesKey[] = [];
  const samples: [number, number, number][] = [];
  return { keys, samples, series: (_i: number, k: SeriesKey) => void keys.push(k), sample: (i: number, t: number, v: number) => void samples.push([i, t, v]), issue: () => undefined };
};

const labelValue = fc.oneof({ arbitrary: fc.string({ maxLength: 6 }), weight: 6 }, fc.integer(), fc.constant(null), fc.boolean(), fc.constant({}), fc.constant([]));
const metric = fc.oneof({ arbitrary: fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('__proto__', 'instance', 'hostplan_stat', 'toString')), labelValue, { maxKeys: 4 }), weight: 6 }, fc.constant(null), fc.constant([]), fc.string(), fc.integer());
const point = fc.oneof({ arbitrary: fc.tuple(fc.oneof(fc.integer({ min: -10, max: 400 }), fc.double(), fc.string({ maxLength: 4 })), fc.oneof(fc.constantFrom('1', '2.5', 'NaN', '+Inf', '-Inf', '', 'x', '1e400'), fc.integer())), weight: 6 }, fc.constant(null), fc.integer(), fc.string({ maxLength: 3 }), fc.array(fc.integer(), { maxLength: 3 }));
/** Mostly the expected shape, sometimes anything: deep enough that most answers reach the series. */
const mostly = <T,>(usual: fc.Arbitrary<T>, ...odd: fc.Arbitrary<unknown>[]) => fc.oneof({ arbitrary: usual as fc.Arbitrary<unknown>, weight: 6 }, ...odd.map((arbitrary) => ({ arbitrary, weight: 1 })));
const series = mostly(
  fc.record({ metric, values: mostly(fc.array(point, { maxLength: 6 }), fc.constant(null), fc.integer()), value: point }, { requiredKeys: ['metric'] }),
  fc.constant(null), fc.integer(), fc.string({ maxLength: 3 }),
);
const answer = (resultType: fc.Arbitrary<unknown>) =>
  fc.record({
    status: mostly(fc.constant('success'), fc.constant('error'), fc.anything()),
    data: mostly(fc.record({ resultType: mostly(resultType, fc.anything()), result: mostly(fc.array(series, { maxLength: 4 }), fc.anything()) }), fc.anything()),
    warnings: mostly(fc.array(mostly(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null)), { maxLength: 2 }), fc.anything()),
  }, { requiredKeys: ['status', 'data'] });

describe('Prometheus answers: fuzzed bodies never crash with anything but a PrometheusError or HostplanError', () => {
  it('query_range: arbitrary JSON and text bodies, any status', async () => {
    const body = fc.oneof(fc.json(), fc.string({ maxLength: 60 }), answer(fc.constantFrom('matrix', 'vector')).map((a) => JSON.stringify(a)));
    await fc.assert(fc.asyncProperty(body, fc.constantFrom(200, 200, 400, 500), async (text, status) => {
      await outcome(streamPromRange(answering(text, status), 'up', window, sink()));
    }), { numRuns: 400 });
  });

  it('query_range: matrix answers of any series shape', async () => {
    await fc.assert(fc.asyncProperty(answer(fc.constant('matrix')), async (a) => {
      const s = sink();
      const r = await outcome(streamPromRange(answering(JSON.stringify(a)), 'up', window, s));
      if (r instanceof Error) return;
      // whatever was accepted has string labels and finite times
      for (const k of s.keys) for (const v of Object.values(k.labels ?? {})) expect(typeof v).toBe('string');
      for (const [, t] of s.samples) expect(Number.isFinite(t)).toBe(true);
    }), { numRuns: 400 });
  });

  it('push-down: vector answers of any series shape, combined and parallel', async () => {
    await fc.assert(fc.asyncProperty(answer(fc.constant('vector')), fc.boolean(), async (a, parallel) => {
      const r = await outcome(promPushdownStatistics(answering(JSON.stringify(a)), 'up', window, { parallel }));
      if (r instanceof Error) return;
      for (const s of (r as Awaited<ReturnType<typeof promPushdownStatistics>>).series) expect(Number.isFinite(s.stats.count)).toBe(true);
    }), { numRuns: 300 });
  });
});

describe('Prometheus answers: valid ones give exactly their samples', () => {
  it('a matrix of string-labelled series over the window streams each point once, NaN for non-finite', async () => {
    const value = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }).map(String), fc.constantFrom('NaN', '+Inf', '-Inf'));
    const valid = fc.uniqueArray(fc.record({ instance: fc.string({ minLength: 1, maxLength: 6 }), values: fc.array(value, { minLength: 1, maxLength: 5 }) }), { selector: (s) => s.instance, maxLength: 4 });
    await fc.assert(fc.asyncProperty(valid, async (list) => {
      const body = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: list.map((s) => ({ metric: { instance: s.instance }, values: s.values.map((v, i) => [i * 60, v]) })) } });
      const s = sink();
      const r = await streamPromRange(answering(body), 'up', window, s, { probePoints: 5 });
      expect(r.series).toBe(list.length);
      expect(s.keys.map((k) => k.labels)).toEqual(list.map((x) => ({ instance: x.instance })));
      const expected = list.flatMap((x, i) => x.values.map((v, j): [number, number, number] => {
        const n = v === '+Inf' ? Infinity : v === '-Inf' ? -Infinity : Number(v);
        return [i, j * 60_000, Number.isFinite(n) ? n : Number.NaN];
      }));
      expect(s.samples).toEqual(expected);
    }), { numRuns: 200 });
  });
});
