import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePromMapping, PROM_PRESETS, resolvePromQueries, resolvePromWindow, redactedUrl, redactText } from '@hostplan/bench';
import { alignPromWindow, expandPromRate, parsePromTimeMs, parsePromValue, promPushdownExpression, promRangeChunks, promSeriesKey, promWindowPoints } from '../../src/prometheus/index.js';

describe('parsePromTimeMs', () => {
  it.each([
    ['2025-06-01T00:00:00Z', Date.UTC(2025, 5, 1)],
    ['2025-06-01T02:00:00+02:00', Date.UTC(2025, 5, 1)],
    ['2025-06-01 00:00:00', Date.UTC(2025, 5, 1)], // no zone: UTC
    ['1748736000', Date.UTC(2025, 5, 1)],
    ['now', 7_200_000],
    ['now-1h', 3_600_000], // 7,200,000 - 3,600,000
  ])('parsePromTimeMs(%j) with now = 2 h after the epoch', (text, ms) => expect(parsePromTimeMs(text, 'from', 7_200_000)).toBe(ms));

  it('parsePromTimeMs refuses what it cannot read', () => {
    expect(() => parsePromTimeMs('yesterday', 'from')).toThrow(/^from: expected a time/);
  });
});

describe('windows and chunks', () => {
  it('alignPromWindow rounds the start up and the end down to whole steps', () => {
    // 61 s -> 120 s; 299 s -> 240 s
    expect(alignPromWindow({ startMs: 61_000, endMs: 299_000, stepMs: 60_000 })).toEqual({ startMs: 120_000, endMs: 240_000, stepMs: 60_000 });
    expect(() => alignPromWindow({ startMs: 61_000, endMs: 100_000, stepMs: 60_000 })).toThrow(/holds no whole step/);
  });

  it('promRangeChunks: 26 steps in chunks of 10 points are 10 + 10 + 6', () => {
    const chunks = promRangeChunks({ startMs: 0, endMs: 25_000, stepMs: 1000 }, 10);
    expect(chunks.map((c) => [c.startMs, c.endMs])).toEqual([[0, 9000], [10_000, 19_000], [20_000, 25_000]]);
    expect(() => promRangeChunks({ startMs: 0, endMs: 1000, stepMs: 1000 }, 11_001)).toThrow(/1 to 11000/);
  });

  it('promRangeChunks covers every instant exactly once, never more than the limit per chunk (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 300 }), (steps, stepS, maxPoints) => {
        const w = { startMs: 1_000_000 * stepS, endMs: 1_000_000 * stepS + steps * stepS * 1000, stepMs: stepS * 1000 };
        const chunks = promRangeChunks(w, maxPoints);
        const instants = chunks.flatMap((c) => Array.from({ length: promWindowPoints(c) }, (_, i) => c.startMs + i * c.stepMs));
        expect(instants).toEqual(Array.from({ length: steps + 1 }, (_, i) => w.startMs + i * w.stepMs));
        for (const c of chunks) expect(promWindowPoints(c)).toBeLessThanOrEqual(maxPoints);
      }),
      { numRuns: 200 },
    );
  });
});

describe('values, keys, statistics', () => {
  it.each([
    ['1.5', 1.5],
    ['1e-05', 0.00001],
    ['+Inf', Infinity],
    ['-Inf', -Infinity],
  ])('parsePromValue(%j) = %d', (text, v) => expect(parsePromValue(text)).toBe(v));
  it('parsePromValue gives NaN for NaN and non-numbers', () => {
    expect(parsePromValue('NaN')).toBeNaN();
    expect(parsePromValue('abc')).toBeNaN();
    expect(parsePromValue(3)).toBeNaN();
  });

  it('promSeriesKey takes host from instance, instance from vm, and keeps labels without __name__', () => {
    expect(promSeriesKey({ __name__: 'x', instance: 'hv1:9182', vm: 'web1', job: 'hv' }, 'cpu', 'vm-cpu')).toEqual({
      host: 'hv1', // the port goes
      object: 'cpu',
      instance: 'web1',
      counter: 'vm-cpu',
      path: 'vm-cpu{instance="hv1:9182",job="hv",vm="web1"}',
      labels: { instance: 'hv1:9182', vm: 'web1', job: 'hv' },
    });
    expect(promSeriesKey({}, 'cpu', 'c')).toMatchObject({ host: '', instance: null });
  });
});

describe('push-down expression, presets, mapping files', () => {
  it('promPushdownExpression asks for ten statistics over a step-aligned subquery of window + half a step', () => {
    const e = promPushdownExpression('up', { startMs: 0, endMs: 3_600_000, stepMs: 60_000 });
    // range 3,600,000 + 30,000 = 3,630,000 ms
    expect(e).toContain('count_over_time((up)[3630000ms:60000ms])');
    expect(e).toContain('quantile_over_time(0.95, ((up) < +Inf > -Inf)[3630000ms:60000ms])');
    expect(e.match(/label_replace/g)).toHaveLength(10);
  });

  it('every preset query names its resource and unit, and every counter goes through rate()', () => {
    for (const [name, queries] of Object.entries(PROM_PRESETS)) {
      expect(queries.length, name).toBeGreaterThan(2);
      for (const q of queries) {
        expect(q.resource, `${name} ${q.name}`).toBeDefined();
        expect(q.unit, `${name} ${q.name}`).toBeDefined();
        for (const m of q.expr.matchAll(/([a-z_]+_total)\b/g)) {
          expect(q.expr, `${name} ${q.name}: ${m[1]} is a counter`).toContain(`rate(${m[1]}`);
        }
      }
    }
    expect(expandPromRate('rate(x[$rate]) + rate(y[$rate])', '2m')).toBe('rate(x[2m]) + rate(y[2m])');
  });

  it('parsePromMapping reads queries and names the bad field', () => {
    expect(parsePromMapping({ queries: [{ name: 'cpu', expr: 'rate(x[$rate])', resource: 'cpu', entity: 'vm', unit: 'percent' }] }, 'map.json')).toEqual([
      { name: 'cpu', expr: 'rate(x[$rate])', resource: 'cpu', entity: 'vm', unit: 'percent' },
    ]);
    expect(() => parsePromMapping({ queries: [{ name: 'cpu', expr: 'x', resource: 'gpu' }] }, 'map.json')).toThrow(/^map\.json\.queries\[0\]\.resource: expected one of cpu/);
    expect(() => parsePromMapping([{ name: 'a', expr: 'x' }, { name: 'a', expr: 'y' }], 'map.json')).toThrow(/duplicate query name "a"/);
    expect(() => parsePromMapping({ queries: [{ name: 'a', expr: 'x', colour: 'red' }] }, 'map.json')).toThrow(/map\.json\.queries\[0\]\.colour: unknown field/);
    expect(() => parsePromMapping({}, 'map.json')).toThrow(/map\.json\.queries: expected a non-empty array/);
  });
});

describe('redaction', () => {
  it('redactText hides each secret and its URL-encoded form', () => {
    expect(redactText('a=p@ss&b=p%40ss', ['p@ss'])).toBe('a=***&b=***');
  });
  it('redactedUrl drops credentials and query', () => {
    expect(redactedUrl('https://u:p@prom.example:9090/prom/api/v1/query?token=x')).toBe('https://prom.example:9090/prom/api/v1/query');
  });
  it('no secret survives redaction, whatever surrounds it (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 4 }), fc.string(), (before, secret, after) => {
        expect(redactText(`${before}${secret}${after}${secret}`, [secret])).not.toContain(secret);
      }),
      { numRuns: 200 },
    );
  });
});

describe('resolvePromQueries and resolvePromWindow', () => {
  it('preset queries first, bare expressions named q1, q2...', () => {
    expect(resolvePromQueries({ preset: 'libvirt', queries: ['up', { name: 'mine', expr: 'x' }] }).map((q) => q.name)).toEqual(['vm-cpu', 'vm-memory', 'vm-iops', 'vm-network', 'q1', 'mine']);
    expect(() => resolvePromQueries({ preset: 'node', queries: [{ name: 'host-cpu', expr: 'x' }] })).toThrow(/duplicate query name "host-cpu"/);
    expect(() => resolvePromQueries({})).toThrow(/at least one query/);
  });
  it('reads times and the step; numbers are milliseconds', () => {
    expect(resolvePromWindow({ from: '2025-06-01T00:00:00Z', to: '2025-06-01T01:00:00Z', step: '1m' })).toEqual({ startMs: 1748736000000, endMs: 1748739600000, stepMs: 60000 });
    expect(resolvePromWindow({ from: 0, to: 'now', step: 15_000 }, 3_600_000)).toEqual({ startMs: 0, endMs: 3_600_000, stepMs: 15_000 });
  });
});
