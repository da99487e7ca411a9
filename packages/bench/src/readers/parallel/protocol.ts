/**
 * The messages between a parallel PDH read's calling thread and its parse workers. A chunk is
 * a nominal byte range `[from, to)` of the file; it owns the lines that start in it (a line
 * starts at the body's start or after a line feed), so chunks cut anywhere split the file
 * into exactly the sequential read's lines.
 */

/** What every parse worker of one read gets first (a worker may have started before the read). */
export interface RangeSetup {
  /**
   * The file's descriptor, opened by the calling thread: descriptors belong to the process,
   * so each worker reads its chunks itself (`readSync` at an offset; nothing is copied between
   * threads), and the calling thread closes it after the workers stopped.
   */
  readonly fd: number;
  /** 44 (PDH-CSV) or 9 (PDH-TSV). */
  readonly separator: number;
  /** Value cells per row (the header's columns less the timestamp). */
  readonly counters: number;
  readonly fileSize: number;
  /**
   * Lines longer than this (line feed included) are not read by the worker: the calling thread
   * reads them from the file through its own line splitter (its `maxLineBytes` errors). At
   * most `maxLineBytes`.
   */
  readonly longLineBytes: number;
}

/** One chunk to parse. */
export interface RangeTask {
  readonly index: number;
  /** Nominal start, >= 1 (the byte before is looked at: a line feed there starts a line at `from`). */
  readonly from: number;
  /** Nominal end (exclusive). */
  readonly to: number;
  /** A records buffer to reuse (given back by the calling thread), if any. */
  readonly reuse?: ArrayBuffer;
}

/** Flags of an odd line (`ODD_FIELDS` numbers each in {@link RangeResult.odd}). */
export const ODD_INCOMPLETE = 0;
export const ODD_COMPLETE = 1;
/** A line longer than `longLineBytes`: its start is an absolute file offset, to be read by the calling thread. */
export const ODD_LONG = 2;
/**
 * Numbers per odd line: relative line, start, end (in `oddBytes`, or the file offset for
 * ODD_LONG), flag, and the file offset of its line feed (the file size for a last line without
 * one): progress is reported where the sequential read reports it, by these offsets.
 */
export const ODD_FIELDS = 5;
/** Numbers per parsed row in {@link RangeResult.records} before its values: relative line, local time ms, missing count, line feed offset. */
export const ROW_HEAD = 4;

/** What a worker found in one chunk. */
export interface RangeResult {
  readonly index: number;
  /** Lines the chunk owns (blank ones included): the next chunk's line numbers start after them. */
  readonly lines: number;
  /** Rows the fast path read, `ROW_HEAD + counters` numbers each: relative line (1-based), local time ms, missing count, line feed offset, values. */
  readonly rows: number;
  readonly records: Float64Array;
  /** Lines the fast path refused (and long lines), in line order, `ODD_FIELDS` numbers each. */
  readonly odd: readonly number[];
  /** The refused lines' bytes (no line feed, a final CR dropped), one after another. */
  readonly oddBytes: Uint8Array;
}

/** Calling thread -> worker: the read's setup, first; then chunks to parse. */
export type ToParseWorker = { readonly type: 'setup'; readonly setup: RangeSetup } | { readonly type: 'task'; readonly task: RangeTask };

/** Worker -> calling thread. */
export type FromParseWorker = { readonly type: 'result'; readonly result: RangeResult } | { readonly type: 'error'; readonly message: string };
