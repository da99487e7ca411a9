import type { TextDecoder } from 'node:util';
import type { ReadOptions } from '../types.js';
import { parseCounterPath } from '../counterPath.js';
import { parsePdhHeader } from '../pdhHeader.js';
import { CellSpans, ESCAPED, splitCells } from './cells.js';
import type { ReadContext } from './context.js';
import { cellText, excerpt } from './formatParser.js';
import { isUtcBias, PERF_BIAS_RANGE } from './pdhTime.js';

/** What a PDH header line fixes for every row after it. */
export interface PdhRowLayout {
  /** Cells per row: the timestamp, then one per counter. */
  readonly columns: number;
  /** Added to a row's local time to make it UTC, ms (the time zone bias, UTC minus local). */
  readonly biasMs: number;
}

/** Sets `ctx.timeZone` from the header's zone and bias (or the option), with the issues a bad or missing bias gives. */
function readTimeZone(ctx: ReadContext, head: ReturnType<typeof parsePdhHeader>, options: ReadOptions, lineNo: number): void {
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
}

/**
 * Reads a PDH header line `"(PDH-CSV 4.0) (zone)(bias)","\\HOST\Object(Instance)\Counter",...`:
 * sets the read's time zone and announces one series per counter column (in column order),
 * with issues for a missing header cell, a bad bias, a bad or repeated counter path.
 *
 * @example
 * readPdhHeaderLine(ctx, decoder, {}, 44, line, 0, line.length, 1) // => { columns: 127, biasMs: 14_400_000 }
 */
export function readPdhHeaderLine(ctx: ReadContext, decoder: TextDecoder, options: ReadOptions, separator: number, buf: Uint8Array, start: number, end: number, lineNo: number): PdhRowLayout {
  const spans = new CellSpans();
  const n = splitCells(buf, start, end, separator, false, spans);
  const head = parsePdhHeader(cellText(decoder, buf, spans.starts[0]!, spans.ends[0]!, false));
  if (!head) {
    ctx.issue(lineNo, 1, 'not-pdh', `expected a "(PDH-CSV 4.0) (zone)(bias)" header cell, got ${excerpt(decoder, buf, spans.starts[0]!, spans.ends[0]!)}`);
  }
  readTimeZone(ctx, head, options, lineNo);
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
  return { columns: n, biasMs: ctx.timeZone.biasMinutes * 60_000 };
}
