/** Stable codes of {@link PrometheusError}. */
export type PrometheusErrorCode =
  | 'timeout'
  | 'network-error'
  | 'http-error'
  | 'query-error'
  | 'malformed-response'
  | 'truncated-response'
  | 'response-too-large'
  | 'too-many-requests'
  | 'too-many-series';

/**
 * A query against a Prometheus-compatible endpoint failed after its retries. `path` is the
 * endpoint URL without credentials; the message never holds a token or header value.
 *
 * @example
 * try { await promQuery(endpoint, 'up', t) } catch (e) { (e as PrometheusError).code } // => 'timeout'
 */
export class PrometheusError extends Error {
  override readonly name = 'PrometheusError';
  constructor(
    readonly code: PrometheusErrorCode,
    readonly path: string,
    message: string,
    /** HTTP status of the last attempt, when there was one. */
    readonly status?: number,
    /** Attempts made, including the first. */
    readonly attempts = 1,
  ) {
    super(`${path}: ${message}`);
  }
}
