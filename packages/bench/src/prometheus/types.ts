import type { ReadIssue } from '../series/types.js';

/**
 * Where and how to reach an endpoint that speaks the Prometheus HTTP query API (Prometheus,
 * Thanos Query, Cortex/Mimir, VictoriaMetrics).
 */
export interface PrometheusEndpoint {
  /** Base URL without `/api/v1`, e.g. `http://prometheus:9090` or `https://mimir/prometheus`. */
  readonly url: string;
  /** Bearer token sent as `Authorization: Bearer ...`; never written to errors, issues or output. */
  readonly bearerToken?: string;
  /**
   * Extra request headers (`X-Scope-OrgID` for Mimir, an API key...); values are treated as
   * secret and, like the bearer token, sent to the endpoint's origin only (never after a
   * redirect to another origin).
   */
  readonly headers?: Readonly<Record<string, string>>;
  /** Per-attempt timeout. @defaultValue 30000 */
  readonly timeoutMs?: number;
  /** Retries after the first attempt on 429, 5xx, timeouts and broken connections. @defaultValue 4 */
  readonly retries?: number;
  /** First backoff delay, doubled on each retry. @defaultValue 500 */
  readonly backoffMs?: number;
  /** Upper bound on one wait, including a server's `Retry-After`. @defaultValue 30000 */
  readonly maxBackoffMs?: number;
  /**
   * Bytes one answer may have: the body is read as a counted stream and the request fails
   * (`response-too-large`, not retried) as soon as it passes this many. @defaultValue 67108864 (64 MiB)
   */
  readonly maxResponseBytes?: number;
  /** The fetch to use (tests, proxies). @defaultValue globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** Waits between retries (tests replace it). @defaultValue setTimeout-based sleep */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** A time window evaluated at a fixed step, times in epoch milliseconds. */
export interface PromWindow {
  readonly startMs: number;
  readonly endMs: number;
  readonly stepMs: number;
}

/** The `data` of a successful response plus what the server said besides. */
export interface PromResponse<T> {
  readonly data: T;
  /** `warnings` and `infos` from the response body (Thanos partial responses land here). */
  readonly warnings: readonly string[];
  /** Bytes of response body received. */
  readonly bytes: number;
}

/** One series of a `matrix` or `vector` result: its label set and raw `[seconds, "value"]` pairs. */
export interface PromSeries {
  readonly metric: Readonly<Record<string, string>>;
  readonly values?: readonly (readonly [number, string])[];
  readonly value?: readonly [number, string];
}

/** Statistics of one series in the same field shape as file series. */
export interface PromSeriesStatistics {
  readonly count: number;
  /** Samples that were NaN or infinite (kept out of every other figure). */
  readonly missing: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly mean: number | null;
  /** Population standard deviation (divides by count), as Prometheus's `stddev_over_time`. */
  readonly stddev: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
}

/** Issues met while querying (warnings, non-finite values); `file` is the redacted endpoint URL. */
export type PromIssue = ReadIssue;
