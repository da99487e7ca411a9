/**
 * The contract between readers (perfmon, sar, generic CSV, Prometheus) and the statistics that
 * consume them. A reader announces each series once, then streams its samples; memory stays
 * proportional to the number of series.
 */

/** What a series measures, as the source names it (localised names are kept as written). */
export interface SeriesKey {
  /** The machine that wrote the sample (perfmon `\\HOST`, sar hostname, a CSV entity's host). */
  readonly host: string;
  /** Perfmon object (`Hyper-V Hypervisor Virtual Processor`), sar activity, or a metric family. */
  readonly object: string;
  /** Instance (`VM1:Hv VP 0`, `_Total`, `eth0`), or null where the counter has none. */
  readonly instance: string | null;
  /** Perfmon parent instance (`Parent/Instance`), when present. */
  readonly parent?: string;
  /** Perfmon instance index (`#1`), when present. */
  readonly index?: number;
  readonly counter: string;
  /** The full path or column name as written in the source. */
  readonly path: string;
  /** Label set, for Prometheus series. */
  readonly labels?: Readonly<Record<string, string>>;
}

/** A problem met while reading, with where it is; `strict` readers throw on the first. */
export interface ReadIssue {
  readonly file: string;
  /** 1-based line, or 0 when not line-bound. */
  readonly line: number;
  /** 1-based column (cell index for delimited files), or 0. */
  readonly column: number;
  readonly code: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** Where a reader sends what it reads. */
export interface SeriesSink {
  /** A series becomes known; `index` counts from 0 in order of appearance. */
  series(index: number, key: SeriesKey): void;
  /** One observation at a UTC time in epoch milliseconds; `value` is NaN for a missing cell. */
  sample(index: number, timestampMs: number, value: number): void;
  /** Optional fast path: `values[i]` of series i = 0..count-1 at one time, as `count` sample calls would send them (the buffer is reused: copy what you keep). */
  row?(timestampMs: number, values: Float64Array, count: number): void;
  /**
   * Optional hint, sent before series `index` is announced: its present values will be those
   * of series `sourceIndex`, each v as `(0 + v x scale) + offset`, and missing where they are
   * (a derived series of one member). A receiver may then keep one set of values for both,
   * but must check the hint on the values it gets: a sender may be wrong (a member added later).
   */
  mirrors?(index: number, sourceIndex: number, scale: number, offset: number): void;
  /**
   * Optional: series `index`, announced next, is declared, not sent. Its value at each row is
   * series `sourceIndex`'s value v in that row mapped, `(0 + v x scale) + offset`, present iff
   * v is present and the mapped value is finite (a derived series of one member). The source
   * must be a series announced before and not declared itself. A receiver that implements this
   * derives the values itself: rows are sent without the declared series (it is not among a
   * row's `count` values, nor are any after it: declared series come last), and a row gives
   * a declared series a value when it gives its source one. No single sample is sent for it. The declaration holds until {@link revokes}; a row that
   * covers it (`count > index`) or a sample of it revokes it too. A sink without `declares`
   * gets the values sent as for any series.
   */
  declares?(index: number, sourceIndex: number, scale: number, offset: number): void;
  /**
   * Optional: the declaration of series `index` ({@link declares}) ends, before its values are
   * sent: from now on it gets its values as any series does (rows that cover it, samples).
   */
  revokes?(index: number): void;
  /** A problem met while reading. */
  issue?(issue: ReadIssue): void;
  /** A record that is not a sample: sysstat `LINUX-RESTART` (counters reset) and `COM` comments. */
  event?(event: ReadEvent): void;
}

/** A non-sample record met while reading (added for sysstat; optional for sinks). */
export interface ReadEvent {
  readonly kind: 'restart' | 'comment';
  readonly host: string;
  /** UTC epoch milliseconds. */
  readonly timestampMs: number;
  /** The record's text (`LINUX-RESTART\t(9 CPU)`, `COM Testing sysstat!`). */
  readonly text: string;
  readonly file: string;
  readonly line: number;
}

/** Progress of a long read. */
export interface ReadProgress {
  readonly file: string;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  /** Bytes per second so far. */
  readonly rate: number;
  /** Seconds left at that rate. */
  readonly secondsLeft: number;
}
