import { afterEach, describe, expect, it } from 'vitest';
import { benchFromPrometheus, PrometheusError, type PrometheusEndpoint, type SeriesSink } from '@hostplan/bench';
import { promPushdownStatistics, promRequest, promRetryAfterMs, streamPromRange } from '../../src/prometheus/index.js';
import { hang, json, matrix, startStub, truncated, vector, type Behaviour, type StubServer } from './support/stubServer.js';

let stub: StubServer | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

/** An endpoint on the stub whose waits are recorded instead of slept. */
function endpointOn(s: StubServer, extra: Partial<PrometheusEndpoint> = {}) {
  const waits: number[] = [];
  const endpoint: PrometheusEndpoint = { url: s.url, timeoutMs: 2000, retries: 3, backoffMs: 100, sleep: async (ms) => void waits.push(ms), ...extra };
  return { endpoint, waits };
}

const ok = json(200, vector([{ metric: { instance: 'h1' }, value: [60, '1'] }]));
const error = (e: unknown) => e as PrometheusError;

async function failure(p: Promise<unknown>): Promise<PrometheusError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e, 'expected the call to fail').toBeInstanceOf(PrometheusError);
  return error(e);
}

describe('promRequest retries and fails clearly', () => {
  it('a response slower than the timeout is retried, then reported as a timeout', async () => {
    stub = await startStub([hang]);
    const { endpoint } = endpointOn(stub, { timeoutMs: 100, retries: 1 });
    const e = await failure(promRequest(endpoint, 'query', { query: 'up' }));
    expect(e.code).toBe('timeout');
    expect(e.attempts).toBe(2);
    expect(e.message).toContain('no response within 100 ms');
    // (the stub's own count is not checked: under load the second, aborted request may not reach its handler)
  });

  it('a first request that never answers, then a quick one, is a retried success', async () => {
    // 1 s per attempt and 3 retries: generous, so that a loaded machine does not time out the quick answers
    stub = await startStub([hang, ok]);
    const { endpoint } = endpointOn(stub, { timeoutMs: 1000 });
    const r = await promRequest<{ result: unknown[] }>(endpoint, 'query', { query: 'up' });
    expect(r.data.result).toHaveLength(1);
    expect(stub.seen.length).toBeGreaterThanOrEqual(2);
  });

  it('503 then success: retried once, after the first backoff', async () => {
    stub = await startStub([json(503, 'unavailable'), ok]);
    const { endpoint, waits } = endpointOn(stub);
    const r = await promRequest<{ result: unknown[] }>(endpoint, 'query', { query: 'up' });
    expect(r.data.result).toHaveLength(1);
    expect(waits).toEqual([100]);
  });

  it('backoff doubles on each retry: 100, 200, 400 ms before the fourth attempt succeeds', async () => {
    stub = await startStub([json(502, ''), json(503, ''), json(504, ''), ok]);
    const { endpoint, waits } = endpointOn(stub);
    await promRequest(endpoint, 'query', { query: 'up' });
    expect(waits).toEqual([100, 200, 400]);
  });

  it('429 with Retry-After: 7 waits 7 s (the server, not the backoff, sets the pace)', async () => {
    stub = await startStub([json(429, { status: 'error', errorType: 'too_many_requests', error: 'slow down' }, { 'Retry-After': '7' }), ok]);
    const { endpoint, waits } = endpointOn(stub);
    await promRequest(endpoint, 'query', { query: 'up' });
    expect(waits).toEqual([7000]);
  });

  it('Retry-After is capped by maxBackoffMs', async () => {
    stub = await startStub([json(429, '', { 'Retry-After': '3600' }), ok]);
    const { endpoint, waits } = endpointOn(stub, { maxBackoffMs: 5000 });
    await promRequest(endpoint, 'query', { query: 'up' });
    expect(waits).toEqual([5000]);
  });

  it('promRetryAfterMs reads seconds and HTTP dates', () => {
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    expect(promRetryAfterMs('2', now)).toBe(2000);
    expect(promRetryAfterMs('Wed, 01 Jan 2025 12:00:30 GMT', now)).toBe(30_000);
    expect(promRetryAfterMs('soon', now)).toBeUndefined();
    expect(promRetryAfterMs(null, now)).toBeUndefined();
  });

  it('503 on every attempt: an http-error naming the status and the attempts', async () => {
    stub = await startStub([json(503, { status: 'error', errorType: 'unavailable', error: 'overloaded' })]);
    const { endpoint } = endpointOn(stub, { retries: 2 });
    const e = await failure(promRequest(endpoint, 'query', { query: 'up' }));
    expect([e.code, e.status, e.attempts]).toEqual(['http-error', 503, 3]);
    expect(e.message).toMatch(/HTTP 503: unavailable: overloaded \(after 3 attempts\)/);
    expect(e.message).toContain(`${stub.url}/api/v1/query`);
  });

  it('a body cut short is retried; cut short every time, it is a truncated-response error', async () => {
    const body = vector([{ metric: { instance: 'h1' }, value: [60, '1'] }]);
    stub = await startStub([truncated(body, 20), ok]);
    const first = endpointOn(stub);
    const r = await promRequest<{ result: unknown[] }>(first.endpoint, 'query', { query: 'up' });
    expect(r.data.result).toHaveLength(1);
    await stub.close();
    stub = await startStub([truncated(body, 20)]);
    const e = await failure(promRequest(endpointOn(stub, { retries: 1 }).endpoint, 'query', { query: 'up' }));
    expect(e.code).toBe('truncated-response');
    expect(stub.seen).toHaveLength(2);
  });

  it('a malformed body is retried, then reported with its size', async () => {
    const cut = '{"status":"success","data":{"resultType":"vec';
    stub = await startStub([json(200, cut)]);
    const e = await failure(promRequest(endpointOn(stub, { retries: 1 }).endpoint, 'query', { query: 'up' }));
    expect(e.code).toBe('malformed-response');
    expect(e.message).toContain(`not valid JSON (${cut.length} bytes`);
    expect(stub.seen).toHaveLength(2);
  });

  it('status "error" (bad query, HTTP 400) is a query-error at once, with the engine message', async () => {
    stub = await startStub([json(400, { status: 'error', errorType: 'bad_data', error: 'parse error at char 5' })]);
    const e = await failure(promRequest(endpointOn(stub).endpoint, 'query', { query: 'rate(' }));
    expect([e.code, e.attempts, e.status]).toEqual(['query-error', 1, 400]);
    expect(e.message).toContain('bad_data: parse error at char 5');
    expect(stub.seen).toHaveLength(1);
  });

  it('a 503 then a bad query: two attempts, the second one final', async () => {
    stub = await startStub([json(503, ''), json(422, { status: 'error', errorType: 'execution', error: 'too many samples' })]);
    const e = await failure(promRequest(endpointOn(stub).endpoint, 'query', { query: 'up' }));
    expect([e.code, e.status, e.attempts]).toEqual(['query-error', 422, 2]);
    expect(e.message).toContain('HTTP 422: execution: too many samples (after 2 attempts)');
  });

  it('status "error" inside an HTTP 200 is a query-error too', async () => {
    stub = await startStub([json(200, { status: 'error', errorType: 'execution', error: 'query timed out' })]);
    const e = await failure(promRequest(endpointOn(stub).endpoint, 'query', { query: 'up' }));
    expect(e.code).toBe('query-error');
    expect(e.message).toContain('execution: query timed out');
  });

  it('a refused connection is a network-error', async () => {
    stub = await startStub([ok]);
    const url = stub.url;
    await stub.close();
    stub = undefined;
    const e = await failure(promRequest({ url, retries: 1, sleep: async () => undefined }, 'query', { query: 'up' }));
    expect(e.code).toBe('network-error');
    expect(e.attempts).toBe(2);
  });

  it('queries go as POST forms to /api/v1/<api>', async () => {
    stub = await startStub([ok]);
    await promRequest(endpointOn(stub).endpoint, 'query', { query: 'sum(up)', time: '60' });
    expect(stub.seen[0]).toMatchObject({ method: 'POST', path: '/api/v1/query' });
    expect(Object.fromEntries(stub.seen[0]!.body)).toEqual({ query: 'sum(up)', time: '60' });
  });
});

describe('never a silent short result', () => {
  const window = { startMs: 0, endMs: 240_000, stepMs: 60_000 };
  const sink = (): SeriesSink & { issues: string[]; n: number } => {
    const s = { issues: [] as string[], n: 0, series: () => undefined, sample: () => void s.n++, issue: (i: { code: string; message: string }) => void s.issues.push(`${i.code}: ${i.message}`) };
    return s;
  };

  it('server warnings (a partial answer from Thanos, say) become issues in raw mode', async () => {
    stub = await startStub([json(200, matrix([{ metric: { instance: 'h1' }, values: [[0, '1'], [60, '2']] }], { warnings: ['partial response: store s2 unavailable'] }))]);
    const s = sink();
    await streamPromRange(endpointOn(stub).endpoint, 'up', window, s, { name: 'up' });
    expect(s.issues).toEqual(['prometheus-warning: up: partial response: store s2 unavailable']);
  });

  it('server warnings become issues in push-down mode', async () => {
    const stat = (name: string, v: string) => ({ metric: { instance: 'h1', hostplan_stat: name }, value: [240, v] });
    const all = ['all', 'count', 'min', 'max', 'mean', 'stddev', 'p50', 'p90', 'p95', 'p99'].map((n) => stat(n, n === 'all' || n === 'count' ? '5' : '1'));
    stub = await startStub([json(200, vector(all, { warnings: ['partial response'] }))]);
    const r = await promPushdownStatistics(endpointOn(stub).endpoint, 'up', window, { name: 'up' });
    expect(r.issues.map((i) => i.message)).toEqual(['up: partial response']);
    expect(r.series[0]!.stats).toMatchObject({ count: 5, missing: 0, p95: 1 });
  });

  it('a push-down answer missing some statistics of a series is an error, not a short result', async () => {
    stub = await startStub([json(200, vector([{ metric: { instance: 'h1', hostplan_stat: 'all' }, value: [240, '5'] }, { metric: { instance: 'h1', hostplan_stat: 'count' }, value: [240, '5'] }, { metric: { instance: 'h1', hostplan_stat: 'max' }, value: [240, '9'] }]))]);
    const e = await failure(promPushdownStatistics(endpointOn(stub).endpoint, 'up', window));
    expect(e.code).toBe('malformed-response');
    expect(e.message).toContain('partial result');
  });

  it('a push-down answer without the sample count is an error too', async () => {
    const stats = ['count', 'min', 'max', 'mean', 'stddev', 'p50', 'p90', 'p95', 'p99'].map((n) => ({ metric: { instance: 'h1', hostplan_stat: n }, value: [240, '1'] }));
    stub = await startStub([json(200, vector(stats))]);
    const e = await failure(promPushdownStatistics(endpointOn(stub).endpoint, 'up', window));
    expect(e.message).toContain('lacks the sample count');
  });

  it('a range answer with more points than the chunk has steps is an error', async () => {
    const values = Array.from({ length: 9 }, (_, i) => [i * 60, '1']);
    stub = await startStub([json(200, matrix([{ metric: { instance: 'h1' }, values }]))]);
    const e = await failure(streamPromRange(endpointOn(stub).endpoint, 'up', window, sink()));
    expect(e.message).toContain('9 points for a chunk of 5 steps');
  });

  it('a range answer of the wrong type is an error', async () => {
    stub = await startStub([json(200, vector([]))]);
    const e = await failure(streamPromRange(endpointOn(stub).endpoint, 'up', window, sink()));
    expect(e.message).toContain('expected a matrix');
  });
});

describe('secrets stay secret', () => {
  const TOKEN = 'tok-3f9a1c77e5d2';
  const ORG = 'org-secret-77aa';
  const PASSWORD = 'pw-91d0c3';

  /** A server that echoes the credentials it received in its error message and warnings. */
  const echo: Behaviour = (req, res) => {
    res.writeHead(500, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ status: 'error', errorType: 'internal', error: `denied for ${req.headers.authorization} org ${req.headers['x-scope-orgid']}` }));
  };
  const echoWarning: Behaviour = (req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(matrix([{ metric: { instance: 'h1' }, values: [[0, '1']] }], { warnings: [`seen ${req.headers.authorization} ${req.headers['x-scope-orgid']}`] })));
  };

  it('the token and header reach the server', async () => {
    stub = await startStub([ok]);
    await promRequest(endpointOn(stub, { bearerToken: TOKEN, headers: { 'X-Scope-OrgID': ORG } }).endpoint, 'query', { query: 'up' });
    expect(stub.seen[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(stub.seen[0]!.headers['x-scope-orgid']).toBe(ORG);
  });

  it('a URL password becomes Basic auth and is not sent in the URL', async () => {
    stub = await startStub([ok]);
    const url = stub.url.replace('http://', `http://ops:${PASSWORD}@`);
    await promRequest({ url, sleep: async () => undefined }, 'query', { query: 'up' });
    expect(stub.seen[0]!.headers.authorization).toBe(`Basic ${Buffer.from(`ops:${PASSWORD}`).toString('base64')}`);
    expect(stub.seen[0]!.path).toBe('/api/v1/query');
  });

  it('never appear in errors, even when the server echoes them', async () => {
    stub = await startStub([echo]);
    const url = stub.url.replace('http://', `http://ops:${PASSWORD}@`);
    const e = await failure(promRequest({ url, bearerToken: TOKEN, headers: { 'X-Scope-OrgID': ORG }, retries: 1, sleep: async () => undefined }, 'query', { query: 'up' }));
    const everything = `${e.message}\n${e.stack}\n${e.path}\n${JSON.stringify(e)}\n${String(e)}`;
    expect(everything).toContain('denied for Bearer ***');
    for (const secret of [TOKEN, ORG, PASSWORD]) expect(everything).not.toContain(secret);
  });

  it('never appear in issues or in the JSON output of benchFromPrometheus', async () => {
    stub = await startStub([echoWarning]);
    const url = stub.url.replace('http://', `http://ops:${PASSWORD}@`);
    const out = await benchFromPrometheus({ endpoint: { url, bearerToken: TOKEN, headers: { 'X-Scope-OrgID': ORG } }, queries: ['up'], from: '0', to: '60', step: '60s' });
    const text = JSON.stringify(out);
    expect(out.issues.map((i) => i.message)).toEqual(['q1: seen Bearer *** ***']);
    for (const secret of [TOKEN, ORG, PASSWORD]) expect(text).not.toContain(secret);
  });
});
