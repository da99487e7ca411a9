import { readSync } from 'node:fs';
import type { PerfParserInternals } from '../createPerfParser.js';
import type { LineSplitter } from '../_internals/lines.js';
import type { PdhFormatParser } from '../_internals/pdhParser.js';
import type { ReadSummary } from '../types.js';
import { ODD_FIELDS, ODD_LONG, ODD_COMPLETE, ROW_HEAD, type RangeResult, type RangeSetup } from './protocol.js';
import { inlineRunner, workerRunner, type RangeRunner } from './runners.js';

/** How a parallel read cuts and schedules its chunks (tests make them tiny). */
export interface ParallelTuning {
  /** Parse workers; 0 parses the chunks on the calling thread (the same code; tests). */
  readonly workers: number;
  /** Nominal bytes per chunk. */
  readonly rangeBytes: number;
  /** Chunks handed out and not yet replayed, at most (their rows wait in memory). */
  readonly inFlight: number;
  /** Lines longer than this are read by the calling thread (at most `maxLineBytes`). */
  readonly longLineBytes: number;
}

/** Nominal chunk size: a few MB keeps the workers busy and the rows in flight small (their records take about 0.6 of the text). */
export const RANGE_BYTES = 2 << 20;
/** A body shorter than this is read on the calling thread: a worker takes tens of ms to start. */
export const PARALLEL_MIN_BYTES = 16 << 20;

/** Where the calling thread is in the file. */
interface Replay {
  readonly parser: PerfParserInternals;
  readonly pdh: PdhFormatParser;
  readonly splitter: LineSplitter;
  readonly fd: number;
  readonly size: number;
  /** The sequential read's bytes per push: a long line is pushed in the same pieces, for the same errors. */
  readonly pushBytes: number;
  /** Lines before the next chunk's first. */
  lineNo: number;
  /**
   * Reports progress up to the boundaries at or before a file offset: called before a line
   * whose line feed is there (the sequential read reports a push's end once every line ending
   * in it was read).
   */
  readonly progressTo: (offset: number) => void;
}

/**
 * Reads the rest of a PDH log from `bodyStart` (a line start after the header) on parse
 * workers and replays their rows into `parser` in file order, so that the sink gets exactly
 * the calls, issues and summary of the sequential read: chunk results are taken strictly in
 * order, their relative line numbers offset by the lines before them; rows the workers'
 * fast path refused are read here with the sequential row reader, and lines longer than
 * `longLineBytes` through the sequential line splitter. At most `inFlight` chunks wait.
 * `progress(offset)` is called before each line with the offset of its line feed, then with the
 * file size.
 *
 * @example
 * const summary = await readRowsInParallel(parser, handle.fd, size, bodyStart, 1 << 20, tuning, (done) => progress(done, false));
 */
export async function readRowsInParallel(parser: PerfParserInternals, fd: number, size: number, bodyStart: number, pushBytes: number, tuning: ParallelTuning, progress: (bytesDone: number) => void, signal?: AbortSignal): Promise<ReadSummary> {
  const pdh = parser.pdh()!;
  const splitter = parser.splitter!;
  const setup: RangeSetup = { fd, separator: pdh.separator, counters: pdh.rows!.counters, fileSize: size, longLineBytes: tuning.longLineBytes };
  const runner: RangeRunner = tuning.workers > 0 ? workerRunner(setup, tuning.workers) : inlineRunner(setup);
  const state: Replay = { parser, pdh, splitter, fd, size, pushBytes, lineNo: splitter.lineNo, progressTo: progress };
  const count = Math.ceil((size - bodyStart) / tuning.rangeBytes);
  const pending = new Map<number, Promise<RangeResult>>();
  const spare: ArrayBuffer[] = [];
  try {
    let next = 0;
    for (let done = 0; done < count; done++) {
      for (; next < count && next - done < tuning.inFlight; next++) {
        const from = bodyStart + next * tuning.rangeBytes;
        const reuse = spare.pop();
        const p = runner.run({ index: next, from, to: Math.min(size, from + tuning.rangeBytes), ...(reuse && { reuse }) });
        p.catch(() => {}); // awaited in order below; not unhandled if an earlier chunk throws
        pending.set(next, p);
      }
      const result = await pending.get(done)!;
      pending.delete(done);
      signal?.throwIfAborted();
      replayChunk(state, result);
      if (result.records.buffer.byteLength > 0) spare.push(result.records.buffer as ArrayBuffer);
    }
  } finally {
    await runner.close();
  }
  progress(size);
  return parser.endAt(size);
}

/** Replays one chunk's rows and odd lines into the sequential reader, in line order. */
function replayChunk(state: Replay, r: RangeResult): void {
  const base = state.lineNo;
  const reader = state.pdh.rows!;
  const counters = reader.counters;
  const stride = ROW_HEAD + counters;
  const values = reader.rowValues;
  const { records, odd, oddBytes } = r;
  let row = 0;
  let at = 0;
  for (let o = 0; o <= odd.length; o += ODD_FIELDS) {
    const oddLine = o < odd.length ? odd[o]! : Number.POSITIVE_INFINITY;
    for (; row < r.rows && records[at]! < oddLine; row++, at += stride) {
      state.progressTo(records[at + 3]!);
      // into the reader's own row array (sinks read a row from index 0): a copy, no view per row
      for (let i = 0, j = at + ROW_HEAD; i < counters; i++, j++) values[i] = records[j]!;
      reader.parsedRow(records[at + 1]!, base + records[at]!, values, records[at + 2]!);
    }
    if (o === odd.length) break;
    const flag = odd[o + 3]!;
    if (flag === ODD_LONG) {
      readLongLine(state, odd[o + 1]!, base + oddLine);
    } else {
      state.progressTo(odd[o + 4]!);
      state.pdh.line(oddBytes, odd[o + 1]!, odd[o + 2]!, base + oddLine, flag === ODD_COMPLETE);
    }
  }
  state.lineNo = base + r.lines;
}

/**
 * Pushes the line at file offset `offset` (line `lineNo`) through the sequential line
 * splitter, in the pieces the sequential read pushes (multiples of `pushBytes` from the
 * file's start), up to its line feed: the same lines and the same `maxLineBytes` error. At the
 * end of the file the splitter keeps it, to be ended as the sequential read's last line.
 */
function readLongLine(state: Replay, offset: number, lineNo: number): void {
  const { splitter, fd, size, pushBytes } = state;
  splitter.lineNo = lineNo - 1;
  state.progressTo(offset);
  const buf = Buffer.allocUnsafe(pushBytes);
  for (let pos = offset; pos < size;) {
    const want = Math.min(size, (Math.floor(pos / pushBytes) + 1) * pushBytes) - pos;
    let n = 0;
    while (n < want) {
      const got = readSync(fd, buf, n, want - n, pos + n);
      if (got === 0) break;
      n += got;
    }
    if (n === 0) return;
    const piece = buf.subarray(0, n);
    const nl = piece.indexOf(10);
    if (nl >= 0) {
      splitter.push(piece.subarray(0, nl + 1));
      return;
    }
    splitter.push(piece);
    pos += n;
    state.progressTo(pos); // a push's end, as the sequential read reports it
  }
}
