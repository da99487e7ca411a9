import type { TextDecoder } from 'node:util';
import type { ReadOptions } from '../types.js';
import type { ReadContext } from './context.js';
import type { FormatParser } from './formatParser.js';
import { readPdhHeaderLine } from './pdhHeaderLine.js';
import { PdhRowReader } from './pdhRows.js';

/** A PDH parser, with its row reader once the header line was read (a parallel read replays rows into it). */
export interface PdhFormatParser extends FormatParser {
  /** The cell separator: 44 (`,`, PDH-CSV) or 9 (tab, PDH-TSV). */
  readonly separator: number;
  /** Null until the header line was read. */
  readonly rows: PdhRowReader | null;
}

/**
 * PDH-CSV / PDH-TSV (perfmon, relog, typeperf, logman). Line 1: `"(PDH-CSV 4.0) (zone)(bias)"`
 * then one counter path per column ({@link readPdhHeaderLine}); then rows of a local timestamp
 * and one value per counter, `" "` or `""` for missing ({@link PdhRowReader}). Blank lines are
 * passed over.
 */
export function createPdhParser(ctx: ReadContext, decoder: TextDecoder, options: ReadOptions, separator: number): PdhFormatParser {
  let rows: PdhRowReader | null = null;
  return {
    separator,
    get rows() {
      return rows;
    },
    line(buf, start, end, lineNo, complete) {
      if (start === end) return; // blank line: nothing to drop
      if (rows) rows.line(buf, start, end, lineNo, complete);
      else rows = new PdhRowReader(ctx, decoder, separator, readPdhHeaderLine(ctx, decoder, options, separator, buf, start, end, lineNo));
    },
    end() {
      if (!rows) ctx.issue(0, 0, 'empty-file', 'no PDH header line found');
    },
  };
}
