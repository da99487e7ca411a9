import { HostplanError } from '@hostplan/core';
import type { ReadEvent, ReadIssue, SeriesKey, SeriesSink } from '../../series/types.js';
import type { PerfFormat, ReadSummary, TimeZoneInfo } from '../types.js';
import { PERF_MAX_TIME_MS, PERF_MIN_TIME_MS, showTime, TimeOrderIssues } from './timeOrder.js';

/**
 * The running state of one read: forwards to the sink, counts, collects issues and, in strict
 * mode, throws on the first one. One per read; a class because the state is inherent.
 */
export class ReadContext {
  rows = 0;
  rowsSkipped = 0;
  series = 0;
  samples = 0;
  missing = 0;
  events = 0;
  issueCount = 0;
  firstTimestampMs: number | null = null;
  lastTimestampMs: number | null = null;
  format: PerfFormat = 'csv';
  encoding = 'utf-8';
  timeZone: TimeZoneInfo = { name: null, biasMinutes: 0, source: 'utc' };
  readonly issues: ReadIssue[] = [];
  private readonly warned = new Set<string>();
  private readonly unlisted = new Map<string, number>();
  private firstUnlistedLine = 0;

  constructor(
    readonly file: string,
    readonly sink: SeriesSink,
    readonly strict: boolean,
    readonly maxIssues: number,
    readonly maxSeries: number = Number.POSITIVE_INFINITY,
  ) {}

  /** Throws the `parse-error` of a read with more than `maxSeries` series. */
  tooManySeries(line: number, column: number): never {
    throw new HostplanError('parse-error', `${this.file}:${line}:${column}`, `more than ${this.maxSeries} series (maxSeries): each takes memory for its statistics; split the log (relog -c for perfmon) or raise the limit`);
  }

  /**
   * Announces a series met at `line`, `column`; returns its index. Past `maxSeries` the read
   * stops with a `parse-error` there (a header of a million columns would otherwise take the
   * statistics' memory per series a million times).
   */
  addSeries(key: SeriesKey, line: number, column: number): number {
    if (this.series >= this.maxSeries) this.tooManySeries(line, column);
    const index = this.series++;
    this.sink.series(index, key);
    return index;
  }

  /**
   * How rows' timestamps follow each other in this format: `increasing` (one row per instant:
   * PDH, wide CSV), `non-decreasing` (rows of several instances share an instant: sadf) or
   * `any` (long CSV, several entities interleaved). Set by the format parser.
   */
  order: 'increasing' | 'non-decreasing' | 'any' = 'increasing';
  private readonly disorder = new TimeOrderIssues();
  private previousMs: number | null = null;

  /**
   * Checks and records a row's timestamp: outside 1970..2199 the row is refused (an issue at
   * `line`, `column`; returns false, the caller skips the row); a timestamp equal to or before
   * the previous row's is noted (reported once per kind, with counts, by {@link finish}).
   */
  seeTime(timestampMs: number, line: number, column: number): boolean {
    if (!(timestampMs >= PERF_MIN_TIME_MS && timestampMs < PERF_MAX_TIME_MS)) {
      this.rowsSkipped++;
      this.issue(line, column, 'time-out-of-range', `timestamp ${showTime(timestampMs)} (after the time zone bias) is outside 1970-01-01 .. 2199-12-31; row skipped`);
      return false;
    }
    const previous = this.previousMs;
    this.previousMs = timestampMs;
    if (previous !== null && timestampMs <= previous && this.order !== 'any' && (timestampMs < previous || this.order === 'increasing')) {
      this.disorder.note(timestampMs, previous, line);
    }
    if (this.firstTimestampMs === null) this.firstTimestampMs = timestampMs;
    this.lastTimestampMs = timestampMs;
    return true;
  }

  /** Forgets the previous timestamp (a new sadf activity starts its instants again). */
  restartTimes(): void {
    this.previousMs = null;
  }

  /**
   * Reports what {@link seeTime} noted (duplicate and backward timestamps, a daylight-saving
   * hint), then, when issues passed `maxIssues`, one `issues-not-listed` warning with their
   * counts by code (it is not counted in `issueCount`).
   */
  finish(): void {
    for (const i of this.disorder.issues(this.timeZone)) this.issue(i.line, 1, i.code, i.message, 'warning');
    if (this.unlisted.size === 0) return;
    const total = [...this.unlisted.values()].reduce((a, b) => a + b, 0);
    const byCode = [...this.unlisted].map(([code, n]) => `${n} ${code}`).join(', ');
    const issue: ReadIssue = {
      file: this.file,
      line: this.firstUnlistedLine,
      column: 0,
      code: 'issues-not-listed',
      message: `${total} more issues from line ${this.firstUnlistedLine} on are counted, not listed (the first ${this.maxIssues} are; maxIssues): ${byCode}`,
      severity: 'warning',
    };
    this.issues.push(issue);
    this.sink.issue?.(issue);
  }

  issue(line: number, column: number, code: string, message: string, severity: 'error' | 'warning' = 'error'): void {
    const issue: ReadIssue = { file: this.file, line, column, code, message, severity };
    if (this.strict) throw new HostplanError('parse-error', `${this.file}:${line}:${column}`, `${code}: ${message}`);
    this.issueCount++;
    if (this.issues.length < this.maxIssues) {
      this.issues.push(issue);
      this.sink.issue?.(issue);
    } else {
      // beyond the cap, counted by code only: a garbage file of millions of rows stays small
      this.unlisted.set(code, (this.unlisted.get(code) ?? 0) + 1);
      this.firstUnlistedLine ||= line;
    }
  }

  /** Issues a warning once per `key` (e.g. one unknown time zone per file). */
  warnOnce(key: string, line: number, column: number, code: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.issue(line, column, code, message, 'warning');
  }

  event(event: Omit<ReadEvent, 'file'>): void {
    this.events++;
    this.sink.event?.({ ...event, file: this.file });
  }

  summary(bytes: number, elapsedMs: number): ReadSummary {
    return {
      file: this.file,
      format: this.format,
      encoding: this.encoding,
      bytes,
      rows: this.rows,
      rowsSkipped: this.rowsSkipped,
      series: this.series,
      samples: this.samples,
      missing: this.missing,
      firstTimestampMs: this.firstTimestampMs,
      lastTimestampMs: this.lastTimestampMs,
      timeZone: this.timeZone,
      issues: this.issues.slice(),
      issueCount: this.issueCount,
      events: this.events,
      elapsedMs,
    };
  }
}
