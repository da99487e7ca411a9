import { pdhRowMissing } from '../_internals/pdhFastRow.js';
import { PdhRowScanner } from '../_internals/pdhRowScanner.js';
import { ODD_COMPLETE, ODD_FIELDS, ODD_INCOMPLETE, ODD_LONG, ROW_HEAD, type RangeResult, type RangeSetup, type RangeTask } from './protocol.js';

/** Reads up to `length` bytes at file offset `position` into `buffer[offset..]`; returns the count (0 at the end). */
export type ReadAt = (buffer: Uint8Array, offset: number, length: number, position: number) => number;

/** A worker's reused read buffer. */
export interface RangeScratch {
  buf: Buffer;
  /** The row scanner of the last chunk's separator and counters. */
  scanner?: PdhRowScanner;
}

/** Bytes read ahead at a time past a chunk's end to finish its last line. */
const READ_AHEAD = 64 << 10;
const LF = 10;
const CR = 13;

/** Reads `[position, position + length)` (less at the end of the file); returns the bytes read. */
function readFully(read: ReadAt, buf: Uint8Array, offset: number, length: number, position: number): number {
  let done = 0;
  while (done < length) {
    const n = read(buf, offset + done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}

function grow(scratch: RangeScratch, used: number, need: number): Buffer {
  if (need <= scratch.buf.length) return scratch.buf;
  const bigger = Buffer.allocUnsafe(Math.max(need, scratch.buf.length * 2));
  bigger.set(scratch.buf.subarray(0, used));
  scratch.buf = bigger;
  return bigger;
}

/** The refused lines of a chunk, collected as bytes plus `ODD_FIELDS` numbers each. */
class OddLines {
  readonly odd: number[] = [];
  bytes = new Uint8Array(0);
  length = 0;

  add(buf: Uint8Array, start: number, end: number, line: number, complete: boolean, lineFeed: number): void {
    const need = this.length + (end - start);
    if (need > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(need, this.bytes.length * 2, 4096));
      bigger.set(this.bytes.subarray(0, this.length));
      this.bytes = bigger;
    }
    this.bytes.set(buf.subarray(start, end), this.length);
    this.odd.push(line, this.length, need, complete ? ODD_COMPLETE : ODD_INCOMPLETE, lineFeed);
    this.length = need;
  }

  long(line: number, fileOffset: number): void {
    this.odd.push(line, fileOffset, fileOffset, ODD_LONG, -1);
  }
}

/**
 * Parses one chunk of a PDH log's body (see protocol.ts): reads `[from - 1, to)` and, for its
 * last line, on past `to` to the line feed; cuts lines at every line feed (a final CR dropped,
 * as the sequential LineSplitter does), passes over blank lines, and reads each row with
 * {@link PdhRowScanner}. Rows it refuses go back as bytes, lines longer than `longLineBytes` as
 * file offsets; the calling thread reads both with the sequential code.
 *
 * @example
 * const fd = openSync(path, 'r');
 * const r = parseRange((b, o, l, p) => readSync(fd, b, o, l, p), setup, { index: 0, from: bodyStart, to: bodyStart + (4 << 20) }, { buf: Buffer.alloc(0) });
 * r.rows // => rows read by the fast path
 */
export function parseRange(read: ReadAt, setup: RangeSetup, task: RangeTask, scratch: RangeScratch): RangeResult {
  const { fileSize, longLineBytes, counters, separator } = setup;
  const lead = task.from - 1;
  const toIdx = Math.min(task.to, fileSize) - lead;
  let buf = grow(scratch, 0, toIdx + READ_AHEAD);
  let length = readFully(read, buf, 0, toIdx, lead);
  let view = buf.subarray(0, length); // Buffer's indexOf is a memchr, within the bytes read
  const first = view.indexOf(LF);
  const odd = new OddLines();
  if (first < 0 || first >= toIdx - 1) return { index: task.index, lines: 0, rows: 0, records: new Float64Array(0), odd: odd.odd, oddBytes: odd.bytes };
  // at most one row per line feed, plus the last line
  let capacity = 1;
  for (let i = view.indexOf(LF, first + 1); i >= 0; i = view.indexOf(LF, i + 1)) capacity++;
  const stride = ROW_HEAD + counters;
  const scanner = scratch.scanner?.reads(separator, counters) ? scratch.scanner : (scratch.scanner = new PdhRowScanner(separator, counters));
  const records = task.reuse && task.reuse.byteLength >= capacity * stride * 8 ? new Float64Array(task.reuse) : new Float64Array(capacity * stride);
  let rows = 0;
  let line = 0;
  let p = first + 1;
  while (p < toIdx) {
    let nl = view.indexOf(LF, p);
    let complete = true;
    while (nl < 0) {
      // the last line goes on past `to`: read ahead to its line feed, unless it is long
      if (lead + length >= fileSize) {
        nl = length;
        complete = false;
      } else if (length - p > longLineBytes) {
        break;
      } else {
        buf = grow(scratch, length, length + READ_AHEAD);
        const n = readFully(read, buf, length, READ_AHEAD, lead + length);
        if (n === 0) {
          // the file shrank under the read: its end is here
          nl = length;
          complete = false;
          break;
        }
        const found = buf.subarray(length, length + n).indexOf(LF);
        nl = found < 0 ? -1 : length + found;
        length += n;
        view = buf.subarray(0, length);
      }
    }
    line++;
    if (nl < 0 || nl + 1 - p > longLineBytes) {
      odd.long(line, lead + p);
      if (nl < 0) break;
      p = nl + 1;
      continue;
    }
    let end = nl;
    if (end > p && buf[end - 1] === CR) end--;
    if (end > p) {
      const at = rows * stride;
      const lineFeed = complete ? lead + nl : fileSize;
      const localMs = scanner.scan(buf, p, end, records, at + ROW_HEAD);
      if (localMs === localMs) {
        records[at] = line;
        records[at + 1] = localMs;
        records[at + 2] = pdhRowMissing[0]!;
        records[at + 3] = lineFeed;
        rows++;
      } else {
        odd.add(buf, p, end, line, complete, lineFeed);
      }
    }
    p = nl + 1;
  }
  return { index: task.index, lines: line, rows, records, odd: odd.odd, oddBytes: odd.bytes.subarray(0, odd.length) };
}
