import type { TextDecoder } from 'node:util';
import type { ReadOptions } from '../types.js';
import { parseCounterPath } from '../counterPath.js';
import { parsePdhHeader } from '../pdhHeader.js';
import { CellSpans, ESCAPED, MALFORMED, QUOTED, splitCells } from './cells.js';
import type { ReadContext } from './context.js';
import { cellText, excerpt, type FormatParser } from './formatParser.js';
import { parseNumberBytes, scanNumber, scanStop } from './parseNumber.js';
import { isUtcBias, parsePdhTimeBytes, PERF_BIAS_RANGE } from './pdhTime.js';

/**
 * PDH-CSV / PDH-TSV (perfmon, relog, typeperf, logman). Line 1: `"(PDH-CSV 4.0) (zone)(bias)"`
 * then one counter path per column; then rows of a local timestamp and one value per counter,
 * `" "` or `""` for missing. Rows with the wrong number of cells are skipped with an issue,
 * never shifted.
 */
export function createPdhParser(ctx: ReadContext, decoder: TextDecoder, options: ReadOptions, separator: number): FormatParser {
  const spans = new CellSpans();
  let columns = -1; // cells per row, from the header
  let biasMs = 0;
  const sink = ctx.sink;
  // a sink taking whole rows gets one call per row instead of one per cell
  const rowSink = typeof sink.row === 'function';
  let values = new Float64Array(0);

  /**
   * The common row in one pass, parsing numbers while finding the quotes:
   * `"time","1.5"," ",""...` with exactly `columns` cells. Returns false, having sent nothing,
   * for any other shape; the general path then reads the row and reports what is wrong.
   */
  function fastRow(buf: Uint8Array, start: number, end: number, lineNo: number): boolean {
    if (buf[start] !== 34) return false;
    let q = start + 1;
    while (q < end && buf[q] !== 34) q++;
    if (q >= end) return false;
    const local = parsePdhTimeBytes(buf, start + 1, q);
    if (local !== local) return false;
    let pos = q + 1;
    let missing = 0;
    const n = columns - 1;
    for (let i = 0; i < n; i++) {
      if (pos + 2 >= end || buf[pos] !== separator || buf[pos + 1] !== 34) return false;
      pos += 2;
      const c = buf[pos];
      if (c === 34) {
        values[i] = NaN;
        missing++;
        pos++;
      } else if (c === 32 && buf[pos + 1] === 34) {
        values[i] = NaN;
        missing++;
        pos += 2;
      } else {
        const v = scanNumber(buf, pos, end);
        const stop = scanStop[0]!;
        if (v !== v || buf[stop] !== 34) return false;
        values[i] = v;
        pos = stop + 1;
      }
    }
    if (pos !== end) return false;
    const t = local + biasMs;
    ctx.rows++;
    if (!ctx.seeTime(t, lineNo, 1)) return true;
    if (rowSink) sink.row!(t, values, n);
    else for (let i = 0; i < n; i++) sink.sample(i, t, values[i]!);
    ctx.samples += n;
    ctx.missing += missing;
    return true;
  }

  function header(buf: Uint8Array, start: number, end: number, lineNo: number): void {
    const n = splitCells(buf, start, end, separator, false, spans);
    const head = parsePdhHeader(cellText(decoder, buf, spans.starts[0]!, spans.ends[0]!, false));
    if (!head) {
      ctx.issue(lineNo, 1, 'not-pdh', `expected a "(PDH-CSV 4.0) (zone)(bias)" header cell, got ${excerpt(decoder, buf, spans.starts[0]!, spans.ends[0]!)}`);
    }
    if (options.timeZoneBiasMinutes !== undefined) {
      ctx.timeZone = { name: head?.zoneName ?? null, biasMinutes: options.timeZoneBiasMinutes, source: 'option' };
    } else if (head && head.biasMinutes !== null && !isUtcBias(head.biasMinutes)) {
      ctx.timeZone = { name: head.zoneName, biasMinutes: 0, source: 'assumed-utc' };
      ctx.issue(lineNo, 1, 'bad-time-zone-bias', `the header's bias of ${head.biasMinutes} minutes is not a UTC offset (expected ${PERF_BIAS_RANGE}): local timestamps are treated as UTC; pass timeZoneBiasMinutes (UTC minus local) to correct them`);
    } else if (head && head.biasMinutes !== null) {
      ctx.timeZone = { name: head.zoneName, biasMinutes: head.biasMinutes, source: 'header' };
    } else {
      ctx.timeZone = { name: head?.zoneName ?? null, biasMinutes: 0, source: 'assumed-utc' };
      const what = head?.zoneName ? `the time zone "${head.zoneName}" is truncated and has no bias` : 'the header has no time zone';
      ctx.warnOnce('zone', lineNo, 1, 'time-zone-unknown', `${what}: local timestamps are treated as UTC; pass timeZoneBiasMinutes (UTC minus local) to correct them`);
    }
    biasMs = ctx.timeZone.biasMinutes * 60_000;
    if (n - 1 > ctx.maxSeries) ctx.tooManySeries(lineNo, ctx.maxSeries + 2);
    const seen = new Map<string, number>();
    for (let i = 1; i < n; i++) {
      const path = cellText(decoder, buf, spans.starts[i]!, spans.ends[i]!, (spans.flags[i]! & ESCAPED) !== 0);
      const key = parseCounterPath(path);
      if (key.counter === '') ctx.issue(lineNo, i + 1, 'bad-counter-path', `expected \\\\HOST\\Object(Instance)\\Counter, got ${JSON.stringify(path)}`, 'warning');
      const before = seen.get(path);
      if (before !== undefined) ctx.issue(lineNo, i + 1, 'duplicate-counter', `${JSON.stringify(path)} repeats column ${before}; both are kept as separate series`, 'warning');
      seen.set(path, i + 1);
      ctx.addSeries(key, lineNo, i + 1);
    }
    columns = n;
    values = new Float64Array(n);
  }

  return {
    line(buf, start, end, lineNo, complete) {
      if (columns < 0) {
        if (start === end) return;
        header(buf, start, end, lineNo);
        return;
      }
      if (start === end) return; // blank line: nothing to drop
      if (fastRow(buf, start, end, lineNo)) return;
      const n = splitCells(buf, start, end, separator, false, spans);
      ctx.rows++;
      if (n !== columns) {
        ctx.rowsSkipped++;
        const truncated = !complete && n < columns;
        ctx.issue(
          lineNo,
          Math.min(n, columns) + 1,
          truncated ? 'truncated-row' : 'cell-count',
          `expected ${columns} cells, found ${n}${truncated ? ' (the file ends mid-row)' : ''}; row skipped`,
        );
        return;
      }
      const flags = spans.flags;
      const starts = spans.starts;
      const ends = spans.ends;
      // perfmon quotes every cell: a last line whose last cell is not a closed quoted cell was cut
      if (!complete && (flags[n - 1]! & (MALFORMED | QUOTED)) !== QUOTED) {
        ctx.rowsSkipped++;
        ctx.issue(lineNo, n, 'truncated-row', 'the file ends inside the last cell; row skipped');
        return;
      }
      const local = parsePdhTimeBytes(buf, starts[0]!, ends[0]!);
      if (Number.isNaN(local) || (flags[0]! & MALFORMED) !== 0) {
        ctx.rowsSkipped++;
        ctx.issue(lineNo, 1, 'bad-timestamp', `expected MM/dd/yyyy HH:mm:ss.fff, got ${excerpt(decoder, buf, starts[0]!, ends[0]!)}; row skipped`);
        return;
      }
      const t = local + biasMs;
      if (!ctx.seeTime(t, lineNo, 1)) return;
      let missing = 0;
      for (let i = 1; i < n; i++) {
        const s = starts[i]!;
        const e = ends[i]!;
        let v: number;
        if (e === s || (e === s + 1 && buf[s] === 32)) {
          v = NaN;
          missing++;
        } else {
          v = parseNumberBytes(buf, s, e);
          if (v !== v || (flags[i]! & MALFORMED) !== 0) {
            v = NaN;
            missing++;
            ctx.issue(lineNo, i + 1, 'non-numeric', `expected a number, got ${excerpt(decoder, buf, s, e)}; read as missing`);
          }
        }
        sink.sample(i - 1, t, v);
      }
      ctx.samples += n - 1;
      ctx.missing += missing;
    },
    end() {
      if (columns < 0) ctx.issue(0, 0, 'empty-file', 'no PDH header line found');
    },
  };
}
