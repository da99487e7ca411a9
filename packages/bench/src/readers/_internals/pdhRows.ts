import type { TextDecoder } from 'node:util';
import type { SeriesSink } from '../../series/types.js';
import { CellSpans, MALFORMED, QUOTED, splitCells } from './cells.js';
import type { ReadContext } from './context.js';
import { excerpt } from './formatParser.js';
import { parseNumberBytes } from './parseNumber.js';
import { pdhRowMissing } from './pdhFastRow.js';
import { PdhRowScanner } from './pdhRowScanner.js';
import type { PdhRowLayout } from './pdhHeaderLine.js';
import { parsePdhTimeBytes } from './pdhTime.js';

const SPACE = 32;

/**
 * The data rows of a PDH log, once its header fixed the layout: each row goes to the sink as
 * one `row` call (or one `sample` per cell when the sink takes no rows), and the read's counts
 * and issues to `ctx`. Rows with the wrong number of cells are skipped with an issue, never
 * shifted.
 */
export class PdhRowReader {
  private readonly sink: SeriesSink;
  /** Whether the sink takes whole rows: one call per row instead of one per cell. */
  private readonly rowSink: boolean;
  private readonly columns: number;
  private readonly biasMs: number;
  /** The values of the row being read (reused: sinks copy what they keep). */
  private readonly values: Float64Array;

  /** The reused row array, for rows parsed elsewhere ({@link parsedRow}). */
  get rowValues(): Float64Array {
    return this.values;
  }
  private readonly spans = new CellSpans();
  /** The common row's scanner (WebAssembly, the JS scanner for what it refuses). */
  private readonly scanner: PdhRowScanner;

  constructor(private readonly ctx: ReadContext, private readonly decoder: TextDecoder, private readonly separator: number, layout: PdhRowLayout) {
    this.sink = ctx.sink;
    this.rowSink = typeof this.sink.row === 'function';
    this.columns = layout.columns;
    this.biasMs = layout.biasMs;
    this.values = new Float64Array(layout.columns);
    this.scanner = new PdhRowScanner(separator, layout.columns - 1);
  }

  /** The scanner's {@link PdhRowScanner.readBuffers}: chunks read into them are scanned without a copy. */
  readBuffers(chunkBytes: number): readonly [Buffer, Buffer] | null {
    return this.scanner.readBuffers(chunkBytes);
  }

  /** Value cells per row (the columns after the timestamp). */
  get counters(): number {
    return this.columns - 1;
  }

  /** Reads the data line `[start, end)` (not blank); `complete` is false for a last line with no line break. */
  line(buf: Uint8Array, start: number, end: number, lineNo: number, complete: boolean): void {
    if (!this.quotedRow(buf, start, end, lineNo)) this.splitRow(buf, start, end, lineNo, complete);
  }

  /**
   * The common row (`"time","1.5"," ",""...` with exactly `columns` cells), by
   * {@link PdhRowScanner} (WebAssembly, else scanPdhRow). Returns false, having sent nothing,
   * for any other shape; {@link splitRow} then reads the row and reports what is wrong.
   */
  private quotedRow(buf: Uint8Array, start: number, end: number, lineNo: number): boolean {
    const scanner = this.scanner;
    // the wasm scanner's own values (no copy), or this.values when the JS scanner read the row
    const values = scanner.scanValues(buf, start, end, this.values);
    if (values === null) return false;
    this.send(scanner.localMs + this.biasMs, lineNo, values, this.columns - 1, pdhRowMissing[0]!);
    return true;
  }

  /**
   * A row a parse worker read with {@link PdhRowScanner} (local time `localMs`, `values[0 ..
   * columns - 1)`), counted and sent exactly as {@link line} would have.
   */
  parsedRow(localMs: number, lineNo: number, values: Float64Array, missing: number): void {
    this.send(localMs + this.biasMs, lineNo, values, this.columns - 1, missing);
  }

  /** Counts a parsed row and sends it, unless its time is out of range. */
  private send(timestampMs: number, lineNo: number, values: Float64Array, counters: number, missing: number): void {
    const ctx = this.ctx;
    ctx.rows++;
    if (!ctx.seeTime(timestampMs, lineNo, 1)) return;
    if (this.rowSink) this.sink.row!(timestampMs, values, counters);
    else for (let i = 0; i < counters; i++) this.sink.sample(i, timestampMs, values[i]!);
    ctx.samples += counters;
    ctx.missing += missing;
  }

  /** Any other row: split into cells first, then checked cell by cell, with an issue for what is wrong. */
  private splitRow(buf: Uint8Array, start: number, end: number, lineNo: number, complete: boolean): void {
    const ctx = this.ctx;
    const columns = this.columns;
    const spans = this.spans;
    const n = splitCells(buf, start, end, this.separator, false, spans);
    ctx.rows++;
    if (n !== columns) {
      ctx.rowsSkipped++;
      const truncated = !complete && n < columns;
      ctx.issue(lineNo, Math.min(n, columns) + 1, truncated ? 'truncated-row' : 'cell-count', `expected ${columns} cells, found ${n}${truncated ? ' (the file ends mid-row)' : ''}; row skipped`);
      return;
    }
    const { flags, starts, ends } = spans;
    // perfmon quotes every cell: a last line whose last cell is not a closed quoted cell was cut
    if (!complete && (flags[n - 1]! & (MALFORMED | QUOTED)) !== QUOTED) {
      ctx.rowsSkipped++;
      ctx.issue(lineNo, n, 'truncated-row', 'the file ends inside the last cell; row skipped');
      return;
    }
    const localMs = parsePdhTimeBytes(buf, starts[0]!, ends[0]!);
    if (Number.isNaN(localMs) || (flags[0]! & MALFORMED) !== 0) {
      ctx.rowsSkipped++;
      ctx.issue(lineNo, 1, 'bad-timestamp', `expected MM/dd/yyyy HH:mm:ss.fff, got ${excerpt(this.decoder, buf, starts[0]!, ends[0]!)}; row skipped`);
      return;
    }
    const t = localMs + this.biasMs;
    if (!ctx.seeTime(t, lineNo, 1)) return;
    let missing = 0;
    for (let i = 1; i < n; i++) {
      const s = starts[i]!;
      const e = ends[i]!;
      let v: number;
      if (e === s || (e === s + 1 && buf[s] === SPACE)) {
        v = NaN;
        missing++;
      } else {
        v = parseNumberBytes(buf, s, e);
        if (v !== v || (flags[i]! & MALFORMED) !== 0) {
          v = NaN;
          missing++;
          ctx.issue(lineNo, i + 1, 'non-numeric', `expected a number, got ${excerpt(this.decoder, buf, s, e)}; read as missing`);
        }
      }
      this.sink.sample(i - 1, t, v);
    }
    ctx.samples += n - 1;
    ctx.missing += missing;
  }
}
