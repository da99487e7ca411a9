import type { ReadIssue, ReadProgress } from '../series/types.js';

/** The file formats the readers understand. */
export type PerfFormat = 'pdh' | 'sar' | 'csv';

/** Where the UTC offset applied to local timestamps came from. */
export type TimeZoneSource = 'header' | 'option' | 'utc' | 'assumed-utc';

/** The time zone a reader applied, as reported in its summary. */
export interface TimeZoneInfo {
  /** Zone name as written (`India Standard Time`, `RTZ 2 (` when truncated, `EST`), or null. */
  readonly name: string | null;
  /** Bias in minutes, Windows sign: UTC minus local (India -330, US Eastern daylight 240). */
  readonly biasMinutes: number;
  /** `header`: from the file; `option`: `timeZoneBiasMinutes`; `utc`: the file says UTC; `assumed-utc`: unknown, treated as UTC (a warning is issued). */
  readonly source: TimeZoneSource;
}

/** How an epoch number is scaled. `auto` picks by magnitude (below 1e11 seconds, then ms, us, ns). */
export type EpochUnit = 's' | 'ms' | 'us' | 'ns' | 'auto';

/** How a generic CSV time column is written. */
export type TimeFormat =
  /** A number since 1970-01-01 UTC, in `unit`. */
  | { readonly kind: 'epoch'; readonly unit: EpochUnit }
  /** ISO 8601 (`2024-03-01T12:00:00Z`, `2024-03-01 12:00:00+02:00`); without an offset the bias applies. */
  | { readonly kind: 'iso' }
  /** Perfmon's `MM/dd/yyyy HH:mm:ss.fff`, local time (the bias applies). */
  | { readonly kind: 'pdh' };

/** A column of a CSV file, by header name (exact, after trimming) or by 0-based position. */
export type ColumnRef = string | number;

/** One value column of a wide CSV: which metric of which entity it holds. */
export interface MetricColumn {
  readonly column: ColumnRef;
  /** Object/metric family for the {@link SeriesKey}; default the map's `object`. */
  readonly object?: string;
  /** Counter name; default the column's header text. */
  readonly counter?: string;
  /** Instance; default null. */
  readonly instance?: string | null;
  /** The entity this column belongs to (`vm1_cpu`, `vm2_cpu` in one row); default the row's entity. */
  readonly entity?: string;
}

/**
 * How to read a generic CSV file. Two shapes:
 * - wide: one time column, one column per metric (`metrics`, or every other column);
 * - long: `long: { entity, metric, value }` columns, one sample per row.
 *
 * @example
 * const map: ColumnMap = {
 *   separator: ',', time: { column: 'time', format: { kind: 'iso' } },
 *   entity: { column: 'vm' }, object: 'vm',
 *   metrics: [{ column: 'cpu_pct', counter: '% CPU' }],
 * };
 */
export interface ColumnMap {
  /** Cell separator (one character). @defaultValue `','` */
  readonly separator?: string;
  /** Trim spaces and tabs around unquoted cells (Bitbrains writes `;` then a tab). @defaultValue `false` */
  readonly trim?: boolean;
  /** Whether line 1 names the columns. @defaultValue `true` */
  readonly header?: boolean;
  /** The time column and its format. */
  readonly time: { readonly column: ColumnRef; readonly format: TimeFormat };
  /**
   * The entity (becomes `SeriesKey.host`): a column, a fixed value, or the file name without
   * extension (`fromFileName`, Bitbrains: one file per VM). @defaultValue `{ value: '' }`
   */
  readonly entity?: { readonly column?: ColumnRef; readonly value?: string; readonly fromFileName?: boolean };
  /** Default object for every series. @defaultValue `'csv'` */
  readonly object?: string;
  /** Wide form: the value columns. @defaultValue every column except time and entity */
  readonly metrics?: readonly MetricColumn[];
  /** Long form: entity, metric and value columns (then `metrics` is ignored). */
  readonly long?: { readonly entity?: ColumnRef; readonly metric: ColumnRef; readonly value: ColumnRef };
  /** Columns that must be > 0 (a capacity); a zero or negative value is reported once per series as a warning. */
  readonly positiveColumns?: readonly ColumnRef[];
}

/** Options of every reader entry point. Defaults are resolved in `resolveReadOptions`. */
export interface ReadOptions {
  /** @defaultValue `'auto'` (from the first line: `(PDH-CSV`/`(PDH-TSV` -> pdh, `# hostname;` -> sar, else csv) */
  readonly format?: 'auto' | PerfFormat;
  /**
   * Text encoding, any WHATWG label Node's TextDecoder knows (`utf-8`, `utf-16le`, `windows-1251`).
   * `auto`: a BOM decides (UTF-8, UTF-16LE/BE), then UTF-16 without BOM by its zero bytes,
   * then UTF-8 if the first line is valid UTF-8, else `fallbackEncoding`.
   * @defaultValue `'auto'`
   */
  readonly encoding?: string;
  /** The Windows ANSI code page assumed when `encoding` is `auto` and the text is not UTF-8. @defaultValue `'windows-1252'` */
  readonly fallbackEncoding?: string;
  /**
   * Overrides the file's time zone: bias in minutes, Windows sign (UTC minus local; India -330,
   * US Eastern daylight 240, Central European summer -120). Applied to every local timestamp.
   * @defaultValue from the file (PDH header, sar `UTC`), else 0 with a `time-zone-unknown` warning
   */
  readonly timeZoneBiasMinutes?: number;
  /** Throw a `HostplanError` (`parse-error`, path `file:line:column`) on the first issue. @defaultValue `false` */
  readonly strict?: boolean;
  /** Generic CSV: a column map or the name of a preset (`bitbrains`). @defaultValue none (long form is detected without one) */
  readonly columnMap?: ColumnMap | string;
  /** Called about every `progressEveryBytes` and once at the end. @defaultValue none (no progress reports) */
  readonly onProgress?: (progress: ReadProgress) => void;
  /** @defaultValue `8 MiB` */
  readonly progressEveryBytes?: number;
  /** Aborts the read between chunks (the promise rejects with the signal's reason). @defaultValue none (runs to the end) */
  readonly signal?: AbortSignal;
  /**
   * `readPerfFile` only: worker threads that parse the rows of a PDH-CSV/TSV log (not UTF-16)
   * of more than 16 MiB, in chunks of 2 MiB each worker reads from the file itself, while the
   * calling thread reads the header and replays the rows in file order: the same calls,
   * issues and summary as on the calling thread. 0 parses on the calling thread.
   * @defaultValue `0`
   */
  readonly parseWorkers?: number;
  /** Bytes per read. @defaultValue `1 MiB` */
  readonly chunkBytes?: number;
  /** The name used in issues and the summary for text and stream input. @defaultValue the path, or `'<text>'` */
  readonly file?: string;
  /**
   * Issues kept in the summary and sent to the sink; the rest are counted (`issueCount`) and
   * summed up by code in one `issues-not-listed` warning at the end, so that a file of millions
   * of bad rows costs no memory per row. @defaultValue `200`
   */
  readonly maxIssues?: number;
  /**
   * Longest line accepted, in bytes: a longer one (a file that is not a log, a value without a
   * line break) stops the read with a `parse-error` at its line, before it takes more memory.
   * @defaultValue `64 MiB` (a PDH header of 500,000 counters)
   */
  readonly maxLineBytes?: number;
  /**
   * Series one read may announce: past it the read stops with a `parse-error` at the column
   * (each series takes memory for its statistics, about 8 KB in `seriesStatistics`: 100,000
   * come near 1 GB). @defaultValue `100000`
   */
  readonly maxSeries?: number;
}

/** What a read did: counts, the applied format, encoding and time zone, and the issues. */
export interface ReadSummary {
  readonly file: string;
  readonly format: PerfFormat;
  /** The encoding applied (`utf-8`, `utf-16le`, `windows-1251`, ...). */
  readonly encoding: string;
  /** Bytes read (as in the file, before transcoding). */
  readonly bytes: number;
  /** Data rows read (header, comment and restart lines excluded; rows skipped for errors included). */
  readonly rows: number;
  /** Rows skipped because of an error (wrong cell count, bad timestamp, truncated). */
  readonly rowsSkipped: number;
  /** Series announced to the sink. */
  readonly series: number;
  /** Samples sent to the sink, missing ones included. */
  readonly samples: number;
  /** Samples sent as NaN (blank cell, or a non-numeric value, which is also an issue). */
  readonly missing: number;
  /** First and last timestamp seen (UTC ms), or null without rows. */
  readonly firstTimestampMs: number | null;
  readonly lastTimestampMs: number | null;
  readonly timeZone: TimeZoneInfo;
  /** The first `maxIssues` issues, then an `issues-not-listed` warning when there were more. */
  readonly issues: readonly ReadIssue[];
  /** All issues, by count. */
  readonly issueCount: number;
  /** sysstat `LINUX-RESTART` and `COM` records met. */
  readonly events: number;
  /** Wall time of the read in ms (informative only). */
  readonly elapsedMs: number;
}
