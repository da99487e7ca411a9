import { afterEach, describe, expect, it } from 'vitest';
import { benchFromPrometheus, prometheusSource, PrometheusError, type PrometheusEndpoint, type SeriesSink } from '@hostplan/bench';
import { promPushdownStatistics, promRequest, streamPromRange } from '../../src/prometheus/index.js';
import { promRequestBudget } from '../../src/prometheus/requestBudget.js';
import { json, matrix, startStub, vector, type Behaviour, type StubServer } from './support/stubServer.js';

const stubs: StubServer[] = [];
afterEach(async () => {
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});
async function stub(behaviours: Behaviour[]): Promise<StubServer> {
  const s = await startStub(behaviours);
  stubs.push(s);
  return s;
}

const endpointOn = (s: StubServer, extra: Partial<PrometheusEndpoint> = {}): PrometheusEndpoint => ({ url: s.url, timeoutMs: 5000, retries: 2, sleep: async () => undefined, ...extra });

async function failure(p: Promise<unknown>): Promise<PrometheusError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e, 'expected a PrometheusError').toBeInstanceOf(PrometheusError);
  return e as PrometheusError;
}

const quietSink = (): SeriesSink => ({ series: () => undefined, sample: () => undefined });
const ok = json(200, vector([{ metric: { instance: 'h1' }, value: [60, '1'] }]));

/** An answer that never ends: 64 KiB chunks of a JSON array until the client hangs up. */
const endless: Behaviour = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.write('{"status":"success","data":{"resultType":"matrix","result":[');
  const chunk = `${'{"metric":{},"values":[]},'.repeat(2500)}`;
  const more = () => {
    if (res.destroyed) return;
    if (res.write(chunk)) setImmediate(more);
    else res.once('drain', more);
  };
  res.on('error', () => undefined);
  more();
};

describe('answers are read as a counted stream with a byte limit', () => {
  it('an endless chunked answer stops at maxResponseBytes with an error naming the limit and the query, not retried', async () => {
    const s = await stub([endless]);
    const e = await failure(promRequest(endpointOn(s, { maxResponseBytes: 1 << 20 }), 'query_range', { query: 'rate(node_cpu_seconds_total[5m])' }));
    expect(e.code).toBe('response-too-large');
    expect(e.message).toContain('limit of 1048576 bytes (1 MiB, maxResponseBytes, --max-response-mb)');
    expect(e.message).toContain('query_range "rate(node_cpu_seconds_total[5m])"');
    expect(e.attempts).toBe(1);
  });

  it('a Content-Length above the limit is refused before the body is read', async () => {
    const s = await stub([json(200, vector(Array.from({ length: 2000 }, (_, i) => ({ metric: { instance: `h${i}` }, value: [60, '1'] }))))]);
    const e = await failure(promRequest(endpointOn(s, { maxResponseBytes: 1000 }), 'query', { query: 'up' }));
    expect(e.code).toBe('response-too-large');
    expect(e.message).toMatch(/passed the limit of 1000 bytes .* at \d{5,} bytes/);
  });

  it('an answer within the limit is read whole, its size counted', async () => {
    const s = await stub([ok]);
    const body = JSON.stringify(vector([{ metric: { instance: 'h1' }, value: [60, '1'] }]));
    const r = await promRequest<{ result: unknown[] }>(endpointOn(s, { maxResponseBytes: body.length }), 'query', { query: 'up' });
    expect([r.data.result.length, r.bytes]).toEqual([1, body.length]);
  });
});

describe('credentials stay with the endpoint origin across redirects', () => {
  const KEY = 'key-5b8e0f2a9c';
  const TOKEN = 'tok-77e1d0c3aa';
  const redirectTo = (status: number, url: () => string): Behaviour => (_req, res) => {
    res.writeHead(status, { Location: url() });
    res.end();
  };

  for (const status of [301, 302, 303, 307, 308]) {
    it(`HTTP ${status} to another origin: no X-Api-Key, no Authorization there`, async () => {
      const other = await stub([ok]);
      const origin = await stub([redirectTo(status, () => `${other.url}/api/v1/query`)]);
      await promRequest(endpointOn(origin, { bearerToken: TOKEN, headers: { 'X-Api-Key': KEY } }), 'query', { query: 'up' });
      expect(origin.seen[0]!.headers['x-api-key']).toBe(KEY);
      const there = other.seen[0]!;
      expect(there.headers['x-api-key']).toBeUndefined();
      expect(there.headers.authorization).toBeUndefined();
      // 307/308 repeat the POST with its form; the others become a GET, as fetch does
      expect(there.method).toBe(status >= 307 ? 'POST' : 'GET');
      if (status >= 307) expect(there.body.get('query')).toBe('up');
    });
  }

  it('a redirect within the origin keeps the headers', async () => {
    let url = '';
    const s = await stub([redirectTo(307, () => `${url}/prefix/api/v1/query`), ok]);
    url = s.url;
    await promRequest(endpointOn(s, { bearerToken: TOKEN, headers: { 'X-Api-Key': KEY } }), 'query', { query: 'up' });
    expect(s.seen.map((r) => [r.path, r.headers['x-api-key'], r.headers.authorization])).toEqual([
      ['/api/v1/query', KEY, `Bearer ${TOKEN}`],
      ['/prefix/api/v1/query', KEY, `Bearer ${TOKEN}`],
    ]);
  });

  it('once away from the origin, a redirect back does not restore the credentials', async () => {
    let home = '';
    const other = await stub([redirectTo(307, () => `${home}/again`)]);
    const origin = await stub([redirectTo(307, () => other.url), ok]);
    home = origin.url;
    await promRequest(endpointOn(origin, { headers: { 'X-Api-Key': KEY } }), 'query', { query: 'up' });
    expect(origin.seen.map((r) => r.headers['x-api-key'])).toEqual([KEY, undefined]);
  });

  it('a redirect loop is an error after five redirects', async () => {
    let url = '';
    const s = await stub([redirectTo(302, () => url)]);
    url = s.url;
    const e = await failure(promRequest(endpointOn(s), 'query', { query: 'up' }));
    expect(e.message).toContain('more than 5 redirects');
    expect(s.seen).toHaveLength(6);
  });
});

describe('secrets are redacted in every encoding', () => {
  const TOKEN = 'tok-3f9a1c77e5d2';
  const KEY = 'api key/with+odd=chars';
  const encodings = (s: string) => [s, encodeURIComponent(s), Buffer.from(s).toString('base64'), Buffer.from(s).toString('base64url')];

  it('a server echoing the credentials raw, URL-encoded and base64-encoded: none of them in the error', async () => {
    const echo: Behaviour = (req, res) => {
      const auth = String(req.headers.authorization);
      const key = String(req.headers['x-api-key']);
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ status: 'error', errorType: 'internal', error: `${[auth, key].flatMap(encodings).join(' | ')} | ${Buffer.from(`x${auth}`).toString('base64')}` }));
    };
    const s = await stub([echo]);
    const e = await failure(promRequest(endpointOn(s, { bearerToken: TOKEN, headers: { 'X-Api-Key': KEY }, retries: 0 }), 'query', { query: 'up' }));
    const text = `${e.message}\n${String(e)}\n${JSON.stringify(e)}`;
    for (const secret of [TOKEN, KEY]) for (const form of encodings(secret)) expect(text).not.toContain(form);
    expect(text).toContain('Bearer ***');
  });

  it('label values echoing a secret are redacted in the JSON output of benchFromPrometheus, in both modes', async () => {
    const labels = { instance: `h1-${TOKEN}`, note: Buffer.from(TOKEN).toString('base64') };
    const raw = await stub([json(200, matrix([{ metric: labels, values: [[0, '1'], [60, '2']] }]))]);
    const rawOut = await benchFromPrometheus({ endpoint: { url: raw.url, bearerToken: TOKEN }, queries: ['up'], from: '0', to: '60', step: '60s' });
    const stats = ['all', 'count', 'min', 'max', 'mean', 'stddev', 'p50', 'p90', 'p95', 'p99'].map((n) => ({ metric: { ...labels, hostplan_stat: n }, value: [60, '2'] }));
    const pushed = await stub([json(200, vector(stats))]);
    const pushOut = await benchFromPrometheus({ endpoint: { url: pushed.url, bearerToken: TOKEN }, queries: ['up'], from: '0', to: '60', step: '60s', pushdown: true });
    for (const out of [rawOut, pushOut]) {
      expect(out.series).toHaveLength(1);
      expect(out.series[0]!.labels).toEqual({ instance: 'h1-***', note: '***' });
      const text = JSON.stringify(out);
      for (const form of encodings(TOKEN)) expect(text).not.toContain(form);
    }
  });
});

describe('a cap on the requests of a run', () => {
  it('--from 1970 --step 1s is refused before the first request, naming the count and the cap', async () => {
    const s = await stub([ok]);
    const run = benchFromPrometheus({ endpoint: endpointOn(s), queries: ['up'], from: '1970-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z', step: '1s' });
    const e = await failure(run);
    expect(e.code).toBe('too-many-requests');
    expect(e.message).toMatch(/at least 160\d{3} requests .* above the cap of 10000 requests per run \(maxRequests, --max-requests\)/);
    expect(s.seen).toHaveLength(0);
    expect(() => prometheusSource({ endpoint: endpointOn(s), queries: [{ name: 'q', expr: 'up' }], window: { startMs: 0, endMs: 1.7e12, stepMs: 1000 } })).toThrow(/above the cap of 10000/);
  });

  it('a run that needs more requests than foreseen stops at the cap', async () => {
    // 10 points, 2 per request (the series count is learnt as the run goes): 5 requests needed, 3 allowed
    const answer: Behaviour = (req, res) => {
      const start = Number(req.body.get('start'));
      const end = Number(req.body.get('end'));
      const values = [];
      for (let t = start; t <= end; t += 60) values.push([t, '1']);
      json(200, matrix([{ metric: { instance: 'h1' }, values }]))(req, res);
    };
    const s = await stub([answer]);
    const window = { startMs: 0, endMs: 540_000, stepMs: 60_000 };
    const e = await failure(streamPromRange(endpointOn(s), 'up', window, quietSink(), { probePoints: 2, maxSamplesPerRequest: 2, requestBudget: promRequestBudget(3) }));
    expect(e.message).toContain('has sent its 3 requests (maxRequests, --max-requests)');
    expect(s.seen).toHaveLength(3);
  });
});

describe('any JSON shape gives an answer or a clear error, never a TypeError', () => {
  const window = { startMs: 0, endMs: 120_000, stepMs: 60_000 };
  const cases: [string, unknown, RegExp][] = [
    ['a null metric', { metric: null, values: [[0, '1']] }, /metric is null, expected an object of string labels/],
    ['a numeric label value', { metric: { instance: 'h1', cpu: 3 }, values: [[0, '1']] }, /label "cpu" is a number \(3\), expected a string/],
    ['an array metric', { metric: ['a'], values: [[0, '1']] }, /metric is an array/],
    ['an object label value', { metric: { instance: {} }, values: [[0, '1']] }, /label "instance" is an object/],
    ['a point that is not a pair', { metric: { instance: 'h1' }, values: [5] }, /a point without a timestamp/],
  ];
  for (const [what, series, message] of cases) {
    it(`raw mode: ${what}`, async () => {
      const s = await stub([json(200, matrix([series]))]);
      const e = await failure(streamPromRange(endpointOn(s), 'up', window, quietSink()));
      expect([e.code, e.message]).toEqual(['malformed-response', expect.stringMatching(message)]);
    });
  }

  it('push-down mode: a null metric and a numeric label value', async () => {
    for (const metric of [null, { instance: 'h1', hostplan_stat: 7 }]) {
      const s = await stub([json(200, vector([{ metric, value: [120, '1'] }]))]);
      const e = await failure(promPushdownStatistics(endpointOn(s), 'up', window));
      expect(e.code).toBe('malformed-response');
    }
  });

  it('a label named __proto__ stays a label', async () => {
    const s = await stub([json(200, '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__proto__":"x","instance":"h1"},"values":[[0,"1"]]}]}}')]);
    const keys: unknown[] = [];
    await streamPromRange(endpointOn(s), 'up', window, { series: (_i, key) => void keys.push(key.labels), sample: () => undefined });
    expect(keys).toHaveLength(1);
    expect(Object.keys(keys[0] as object).sort()).toEqual(['__proto__', 'instance']);
  });
});

describe('a cap on the series of a raw-mode run', () => {
  it('an answer with more series than maxSeries fails with too-many-series, naming the query', async () => {
    const result = Array.from({ length: 5 }, (_, i) => ({ metric: { instance: `h${i}` }, values: [[0, '1']] }));
    const s = await stub([json(200, matrix(result))]);
    const e = await failure(streamPromRange(endpointOn(s), 'up', { startMs: 0, endMs: 60_000, stepMs: 60_000 }, quietSink(), { name: 'q1', maxSeries: 4 }));
    expect([e.code, e.message]).toEqual(['too-many-series', expect.stringContaining('q1: more than 4 series (maxSeries)')]);
    const r = await streamPromRange(endpointOn(s), 'up', { startMs: 0, endMs: 60_000, stepMs: 60_000 }, quietSink(), { maxSeries: 5 });
    expect(r.series).toBe(5);
  });
});
