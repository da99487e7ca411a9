import { HostplanError, describeReceivedValue as show } from '@hostplan/core';
import type { SeriesKey, SeriesSink } from '../series/types.js';
import { PrometheusError } from './errors.js';
import { promRequest } from './http.js';
import { promSecretsOf, redactedUrl, redactText } from './redact.js';
import { promRequestBudget, spendPromRequest, type PromRequestBudget } from './requestBudget.js';
import { promLabelsFrom, promLabelsId, promSeriesKey } from './seriesKey.js';
import { alignPromWindow, promApiSeconds, promWindowPoints } from './time.js';
import type { PromSeries, PrometheusEndpoint, PromWindow } from './types.js';
import { countPromNonFinite, describePromNonFinite, parsePromValue, type PromNonFiniteCounts } from './values.js';

/** Prometheus refuses a `query_range` whose (end - start) / step exceeds this many points per series. */
export const PROM_MAX_POINTS_PER_SERIES = 11_000;

/** Options of {@link streamPromRange}: how series are named and how the window is split into requests. */
export interface PromRangeOptions {
  /** A name for the query, written into each series' `counter` and `path`. @defaultValue the expression */
  readonly name?: string;
  /** What the series measure (`cpu`, `memory`...), written into `object`. @defaultValue 'prometheus' */
  readonly object?: string;
  /** Points per series per request, at most {@link PROM_MAX_POINTS_PER_SERIES}. @defaultValue 11000 */
  readonly maxPointsPerChunk?: number;
  /**
   * Samples (series x points) one response may carry, which bounds the memory of a request
   * for a fleet: the first request takes at most `probePoints` points, and later ones as many
   * points as fit this budget for the series seen so far. @defaultValue 500000 (about 12 MB of JSON)
   */
  readonly maxSamplesPerRequest?: number;
  /** Points of the first request, before the number of series is known. @defaultValue 1000 */
  readonly probePoints?: number;
  /** Index of the first series announced to the sink (when several queries share a sink). @defaultValue 0 */
  readonly firstIndex?: number;
  /** Builds each series' key from its labels. @defaultValue {@link promSeriesKey} */
  readonly seriesKey?: (labels: Readonly<Record<string, string>>, object: string, counter: string) => SeriesKey;
  /**
   * Requests the run may send, shared by its queries: the stream fails with `too-many-requests`
   * rather than send one more. @defaultValue a budget of `PROM_MAX_REQUESTS` (10,000) for this call
   */
  readonly requestBudget?: PromRequestBudget;
  /**
   * Series the sink may receive, counting from `firstIndex` (so across the queries of a source):
   * each takes memory for its statistics, so more fail with `too-many-series`. @defaultValue 100000
   */
  readonly maxSeries?: number;
}

/** What a streamed range query cost. */
export interface PromRangeResult {
  readonly series: number;
  readonly samples: number;
  readonly nonFinite: number;
  readonly requests: number;
  readonly bytes: number;
  readonly window: PromWindow;
}

function checkMaxPoints(maxPoints: number): void {
  if (!Number.isInteger(maxPoints) || maxPoints < 1 || maxPoints > PROM_MAX_POINTS_PER_SERIES) {
    throw new HostplanError('invalid-value', 'maxPointsPerChunk', `expected a whole number from 1 to ${PROM_MAX_POINTS_PER_SERIES}, got ${maxPoints}`, `1..${PROM_MAX_POINTS_PER_SERIES}`, maxPoints);
  }
}

/**
 * The chunks of an aligned window such that no request asks for more than `maxPoints` points
 * per series; consecutive chunks neither overlap nor leave a step out.
 *
 * @example
 * promRangeChunks({ startMs: 0, endMs: 25_000, stepMs: 1000 }, 10).map((c) => [c.startMs, c.endMs])
 * // => [[0, 9000], [10000, 19000], [20000, 25000]]
 */
export function promRangeChunks(w: PromWindow, maxPoints: number): PromWindow[] {
  checkMaxPoints(maxPoints);
  const out: PromWindow[] = [];
  for (let s = w.startMs; s <= w.endMs; s += maxPoints * w.stepMs) {
    out.push({ startMs: s, endMs: Math.min(w.endMs, s + (maxPoints - 1) * w.stepMs), stepMs: w.stepMs });
  }
  return out;
}

/**
 * Raw mode: runs `query_range` over the window in chunks that respect the 11,000-points limit
 * and a samples-per-response budget (a small first chunk learns the number of series), and
 * streams every series into `sink` (series announced once, samples in time order; NaN and
 * infinite values arrive as missing, reported as one issue per series). Server warnings become
 * issues. The window is aligned to whole steps first (see `alignPromWindow`).
 *
 * @example
 * await streamPromRange({ url: 'http://127.0.0.1:9090' }, 'up', { startMs: 0, endMs: 3_600_000, stepMs: 60_000 }, sink);
 */
export async function streamPromRange(endpoint: PrometheusEndpoint, query: string, window: PromWindow, sink: SeriesSink, options: PromRangeOptions = {}): Promise<PromRangeResult> {
  const { name = query, maxPointsPerChunk = PROM_MAX_POINTS_PER_SERIES, maxSamplesPerRequest = 500_000, probePoints = 1000 } = options;
  checkMaxPoints(maxPointsPerChunk);
  if (!(maxSamplesPerRequest >= 1) || !(probePoints >= 1)) {
    throw new HostplanError('invalid-value', 'maxSamplesPerRequest', `expected at least 1 sample and 1 probe point, got ${maxSamplesPerRequest} and ${probePoints}`, '>= 1', maxSamplesPerRequest);
  }
  const budget = options.requestBudget ?? promRequestBudget();
  const w = alignPromWindow(window);
  const stream = new RangeStream(endpoint, name, sink, options);
  let requests = 0;
  let bytes = 0;
  let seriesInLast = 0;
  for (let startMs = w.startMs; startMs <= w.endMs; ) {
    // the first request probes how many series there are; later ones fit the sample budget
    const points = Math.max(1, Math.min(maxPointsPerChunk, requests === 0 ? probePoints : Math.floor(maxSamplesPerRequest / Math.max(1, seriesInLast))));
    const chunk = { startMs, endMs: Math.min(w.endMs, startMs + (points - 1) * w.stepMs), stepMs: w.stepMs };
    startMs = chunk.endMs + w.stepMs;
    spendPromRequest(budget, name);
    const res = await promRequest<{ resultType?: string; result?: PromSeries[] }>(endpoint, 'query_range', {
      query,
      start: promApiSeconds(chunk.startMs),
      end: promApiSeconds(chunk.endMs),
      step: promApiSeconds(chunk.stepMs),
    });
    requests++;
    bytes += res.bytes;
    seriesInLast = Math.max(seriesInLast, stream.chunk(res, promWindowPoints(chunk)));
  }
  stream.reportNonFinite();
  return { series: stream.seriesCount, samples: stream.samples, nonFinite: stream.nonFinite, requests, bytes, window: w };
}

/** The series of one range query across its chunks: each announced once, its points sent to the sink, non-finite values counted. */
class RangeStream {
  samples = 0;
  nonFinite = 0;
  private readonly file: string;
  private readonly secrets: readonly string[];
  private readonly indexOf = new Map<string, number>();
  private readonly names = new Map<number, string>();
  private readonly bad = new Map<number, PromNonFiniteCounts>();

  constructor(
    endpoint: PrometheusEndpoint,
    private readonly name: string,
    private readonly sink: SeriesSink,
    private readonly options: PromRangeOptions,
  ) {
    this.file = redactedUrl(endpoint.url);
    this.secrets = promSecretsOf(endpoint);
  }

  get seriesCount(): number {
    return this.indexOf.size;
  }

  private redact(text: string): string {
    return redactText(text, this.secrets);
  }

  private malformed(message: string): PrometheusError {
    return new PrometheusError('malformed-response', this.file, this.redact(`${this.name}: ${message}`));
  }

  /** One chunk's response: warnings as issues, each series' points to the sink; the number of series in it. */
  chunk(res: { warnings: readonly string[]; data: { resultType?: string; result?: PromSeries[] } }, expected: number): number {
    for (const message of res.warnings) this.sink.issue?.({ file: this.file, line: 0, column: 0, code: 'prometheus-warning', message: `${this.name}: ${message}`, severity: 'warning' });
    if (res.data.resultType !== 'matrix' || !Array.isArray(res.data.result)) {
      throw this.malformed(`expected a matrix result from query_range, got ${show(res.data.resultType)}`);
    }
    for (const s of res.data.result) {
      if (!s || typeof s !== 'object' || !Array.isArray(s.values)) throw this.malformed('a series without metric or values');
      if (s.values.length > expected) throw this.malformed(`${s.values.length} points for a chunk of ${expected} steps`);
      this.points(this.seriesIndex(s), s.values);
    }
    return res.data.result.length;
  }

  /** The series' index, matched across chunks by the labels as sent; a new one is announced, named by the labels without secrets. */
  private seriesIndex(s: PromSeries): number {
    const labels = promLabelsFrom(s.metric, (text) => this.redact(text));
    if (typeof labels === 'string') throw this.malformed(labels);
    const id = promLabelsId(s.metric);
    const known = this.indexOf.get(id);
    if (known !== undefined) return known;
    const { firstIndex = 0, object = 'prometheus', seriesKey = promSeriesKey } = this.options;
    const maxSeries = this.options.maxSeries ?? 100_000;
    if (firstIndex + this.indexOf.size >= maxSeries) {
      throw new PrometheusError('too-many-series', this.file, `${this.name}: more than ${maxSeries} series (maxSeries): each takes memory for its statistics; narrow the query (by label) or use push-down mode`);
    }
    const index = firstIndex + this.indexOf.size;
    this.indexOf.set(id, index);
    this.names.set(index, promLabelsId(labels));
    this.sink.series(index, seriesKey(labels, object, this.name));
    return index;
  }

  private points(index: number, values: NonNullable<PromSeries['values']>): void {
    for (const point of values) {
      const t = Array.isArray(point) ? Number(point[0]) * 1000 : Number.NaN;
      if (!Number.isFinite(t)) throw this.malformed('a point without a timestamp');
      const v = parsePromValue(point[1]);
      if (!Number.isFinite(v)) {
        let counts = this.bad.get(index);
        if (!counts) this.bad.set(index, (counts = { nan: 0, posInf: 0, negInf: 0 }));
        countPromNonFinite(v, counts);
        this.nonFinite++;
        this.sink.sample(index, Math.round(t), Number.NaN);
      } else {
        this.samples++;
        this.sink.sample(index, Math.round(t), v);
      }
    }
  }

  /** One issue per series that had NaN or infinite values. */
  reportNonFinite(): void {
    for (const [index, counts] of this.bad) {
      const id = this.names.get(index)!;
      this.sink.issue?.({ file: this.file, line: 0, column: 0, code: 'non-finite-value', message: `${this.name} ${id}: ${describePromNonFinite(counts)} treated as missing`, severity: 'warning' });
    }
  }
}
