import { PrometheusError, type PrometheusErrorCode } from './errors.js';
import { redactedUrl, redactText, promSecretsOf } from './redact.js';
import { fetchFollowing, readLimited, type Hop } from './transport.js';
import type { PromResponse, PrometheusEndpoint } from './types.js';

/** Default of `PrometheusEndpoint.maxResponseBytes`: 64 MiB, about five times the default request's answer (500,000 samples). */
export const PROM_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

const sleepReal = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Statuses worth another attempt: rate limited, or the server (or a proxy) failed. */
const retryableStatus = (status: number) => status === 429 || (status >= 500 && status <= 599);

/**
 * Seconds or an HTTP date, as `Retry-After` allows; undefined when absent or unreadable.
 *
 * @example
 * promRetryAfterMs('7', Date.now()) // => 7000
 */
export function promRetryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (!header) return undefined;
  const s = header.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : Math.max(0, t - nowMs);
}

interface Attempt {
  readonly retry: boolean;
  readonly code: PrometheusErrorCode;
  readonly message: string;
  readonly status?: number;
  readonly waitMs?: number;
}

function bodyMessage(text: string): string {
  try {
    const j = JSON.parse(text) as { errorType?: string; error?: string };
    if (j && typeof j.error === 'string') return `${j.errorType ?? 'error'}: ${j.error}`;
  } catch {
    // not JSON: show the start of the text
  }
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 200 ? `${t.slice(0, 197)}...` : t;
}

/**
 * Sends one API request (`POST /api/v1/<api>` with form parameters, so long queries and
 * credentials stay out of URLs and logs) with a timeout per attempt and retries with
 * exponential backoff on 429, 5xx, timeouts, broken connections, truncated and malformed
 * bodies, honouring `Retry-After`. A `status: "error"` answer (bad query) is not retried.
 * Errors are {@link PrometheusError}s whose text never holds a secret.
 *
 * @example
 * const { data } = await promRequest<{ resultType: string }>({ url: 'http://127.0.0.1:9090' }, 'query', { query: 'up' });
 * data.resultType // => 'vector'
 */
export async function promRequest<T>(endpoint: PrometheusEndpoint, api: string, params: Readonly<Record<string, string>>): Promise<PromResponse<T>> {
  const {
    timeoutMs = 30_000,
    retries = 4,
    backoffMs = 500,
    maxBackoffMs = 30_000,
    maxResponseBytes = PROM_MAX_RESPONSE_BYTES,
    fetch: doFetch = globalThis.fetch,
    sleep = sleepReal,
  } = endpoint;
  const secrets = promSecretsOf(endpoint);
  const base = endpoint.url.replace(/\/+$/, '');
  const url = `${base}/api/v1/${api}`;
  const where = redactedUrl(url);
  const plainHeaders = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
  const headers: Record<string, string> = { ...plainHeaders, ...endpoint.headers };
  if (endpoint.bearerToken) headers.Authorization = `Bearer ${endpoint.bearerToken}`;
  const target = new URL(url);
  if (target.username || target.password) {
    headers.Authorization ??= `Basic ${Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString('base64')}`;
    target.username = '';
    target.password = '';
  }
  const request: Request = {
    hop: { url: target.toString(), method: 'POST', headers, body: new URLSearchParams(params).toString() },
    plainHeaders,
    timeoutMs,
    maxResponseBytes,
    what: `${api} ${params.query === undefined ? '' : JSON.stringify(params.query.length > 120 ? `${params.query.slice(0, 117)}...` : params.query)}`.trim(),
  };

  let last: Attempt | undefined;
  let attempts = 0;
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    if (last) {
      const backoff = Math.min(maxBackoffMs, backoffMs * 2 ** (attempt - 2));
      await sleep(Math.min(maxBackoffMs, last.waitMs ?? backoff));
    }
    attempts = attempt;
    const outcome = await once<T>(doFetch, request);
    if ('data' in outcome) return { ...outcome, warnings: outcome.warnings.map((w) => redactText(w, secrets)) };
    last = outcome;
    if (!outcome.retry) break;
  }
  const failed = last!;
  throw new PrometheusError(
    failed.code,
    where,
    redactText(`${failed.message}${attempts > 1 ? ` (after ${attempts} attempts)` : ''}`, secrets),
    failed.status,
    attempts,
  );
}

/** One request as {@link once} sends it. */
interface Request {
  readonly hop: Hop;
  /** Headers that may go to another origin after a redirect. */
  readonly plainHeaders: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  /** The API and query, for messages. */
  readonly what: string;
}

async function once<T>(doFetch: typeof fetch, request: Request): Promise<PromResponse<T> | Attempt> {
  const { timeoutMs, maxResponseBytes } = request;
  const signal = AbortSignal.timeout(timeoutMs);
  let res: Response;
  try {
    const followed = await fetchFollowing(doFetch, request.hop, request.plainHeaders, signal);
    if ('failure' in followed) return { retry: false, code: 'http-error', message: followed.failure };
    res = followed.res;
  } catch (e) {
    if (signal.aborted) return { retry: true, code: 'timeout', message: `no response within ${timeoutMs} ms` };
    return { retry: true, code: 'network-error', message: `cannot connect: ${(e as Error).cause ? String(((e as Error).cause as Error).message ?? (e as Error).cause) : (e as Error).message}` };
  }
  let text: string;
  try {
    const body = await readLimited(res, maxResponseBytes);
    if ('tooLargeAt' in body) {
      const mib = (n: number) => `${Math.round((n / 1048576) * 10) / 10} MiB`;
      return {
        retry: false,
        code: 'response-too-large',
        message: `the answer to ${request.what} passed the limit of ${maxResponseBytes} bytes (${mib(maxResponseBytes)}, maxResponseBytes, --max-response-mb) at ${body.tooLargeAt} bytes; raise the limit, or ask for less per request (a larger step, fewer samples per request)`,
        status: res.status,
      };
    }
    text = new TextDecoder().decode(body.bytes);
  } catch (e) {
    if (signal.aborted) return { retry: true, code: 'timeout', message: `response body not complete within ${timeoutMs} ms`, status: res.status };
    return { retry: true, code: 'truncated-response', message: `response body cut short (${(e as Error).message})`, status: res.status };
  }
  return interpret<T>(res, text);
}

function interpret<T>(res: Response, text: string): PromResponse<T> | Attempt {
  const bytes = Buffer.byteLength(text);
  if (!res.ok) {
    const retry = retryableStatus(res.status);
    const waitMs = promRetryAfterMs(res.headers.get('retry-after'), Date.now());
    const message = `HTTP ${res.status}${text ? `: ${bodyMessage(text)}` : ''}`;
    return { retry, code: res.status >= 400 && res.status < 500 && res.status !== 429 ? 'query-error' : 'http-error', message, status: res.status, ...(waitMs !== undefined && { waitMs }) };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { retry: true, code: 'malformed-response', message: `response is not valid JSON (${bytes} bytes: ${(e as Error).message})`, status: res.status };
  }
  const j = json as { status?: unknown; data?: unknown; error?: unknown; errorType?: unknown; warnings?: unknown; infos?: unknown };
  if (!j || typeof j !== 'object' || Array.isArray(j)) return { retry: true, code: 'malformed-response', message: 'response is not a JSON object', status: res.status };
  if (j.status === 'error') {
    return { retry: false, code: 'query-error', message: `${short(j.errorType ?? 'error')}: ${short(j.error ?? '(no message)')}`, status: res.status };
  }
  if (j.status !== 'success' || !j.data || typeof j.data !== 'object') {
    return { retry: true, code: 'malformed-response', message: `expected {"status":"success","data":{...}}, got status ${short(JSON.stringify(j.status) ?? 'undefined')}`, status: res.status };
  }
  const strings = (v: unknown) => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x) ?? String(x))) : []);
  return { data: j.data as T, warnings: [...strings(j.warnings), ...strings(j.infos)], bytes };
}

/** A server-given value as a message shows it: a string, cut at 500 characters. */
function short(v: unknown): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return s.length > 500 ? `${s.slice(0, 497)}...` : s;
}
