import type { TextDecoder } from 'node:util';
import type { EpochUnit, TimeFormat } from '../types.js';
import type { ReadContext } from './context.js';
import { parseNumberBytes } from './parseNumber.js';
import { parsePdhTimeBytes } from './pdhTime.js';

const EPOCH_SCALE: Record<Exclude<EpochUnit, 'auto'>, number> = { s: 1000, ms: 1, us: 1e-3, ns: 1e-6 };

/** The unit of an epoch number read with `auto`: seconds below 1e11, then ms, us, ns. */
const autoEpochUnit = (v: number): Exclude<EpochUnit, 'auto'> => (Math.abs(v) < 1e11 ? 's' : Math.abs(v) < 1e14 ? 'ms' : Math.abs(v) < 1e17 ? 'us' : 'ns');

/**
 * Reads a CSV time cell in the layout's format (epoch in a unit, ISO 8601, PDH's
 * `MM/DD/YYYY HH:MM:SS`, or `auto`: a number as epoch, else ISO or PDH) into UTC epoch ms;
 * NaN when it is none. A time with no zone is shifted by `timeZoneBiasMinutes` (else read as
 * UTC, warned once).
 */
export class CsvTimeReader {
  private naiveNoted = false;

  constructor(
    private readonly ctx: ReadContext,
    private readonly decoder: TextDecoder,
    private readonly format: TimeFormat | { readonly kind: 'auto' },
    /** The time column (0-based), for messages. */
    private readonly column: number,
    private readonly biasMinutes: number | undefined,
  ) {}

  read(buf: Uint8Array, s: number, e: number, lineNo: number): number {
    const f = this.format;
    if (f.kind === 'pdh') return this.naive(parsePdhTimeBytes(buf, s, e), lineNo);
    if (f.kind === 'epoch' || f.kind === 'auto') {
      const v = parseNumberBytes(buf, s, e);
      if (v === v) return this.epoch(v, f.kind === 'epoch' ? f.unit : 'auto', lineNo);
      if (f.kind === 'epoch') return NaN;
    }
    return this.text(buf, s, e, lineNo);
  }

  private epoch(v: number, given: EpochUnit, lineNo: number): number {
    const unit = given === 'auto' ? autoEpochUnit(v) : given;
    if (given === 'ms' && Math.abs(v) < 1e11 && v !== 0)
      this.ctx.warnOnce('epoch', lineNo, this.column + 1, 'epoch-unit-suspect', `time ${v} read as milliseconds is in ${new Date(v).getUTCFullYear()}: is it seconds? (set time.format.unit)`);
    return v * EPOCH_SCALE[unit];
  }

  /** ISO 8601 (or, with `auto`, a non-numeric PDH time). */
  private text(buf: Uint8Array, s: number, e: number, lineNo: number): number {
    let text = this.decoder.decode(buf.subarray(s, e)).trim();
    if (/^\d{2}\/\d{2}\/\d{4} /.test(text)) return this.naive(parsePdhTimeBytes(buf, s, e), lineNo);
    if (!/^\d{4}-\d\d-\d\d/.test(text)) return NaN;
    text = text.replace(' ', 'T');
    if (/([zZ]|[+-]\d\d:?\d\d)$/.test(text)) return Date.parse(text);
    return this.naive(Date.parse(text + 'Z'), lineNo);
  }

  /** A time written with no zone: shifted by the bias, and noted once when no bias was given. */
  private naive(ms: number, lineNo: number): number {
    if (!this.naiveNoted && this.biasMinutes === undefined) {
      this.naiveNoted = true;
      this.ctx.timeZone = { name: null, biasMinutes: 0, source: 'assumed-utc' };
      this.ctx.warnOnce('zone', lineNo, this.column + 1, 'time-zone-unknown', 'timestamps have no time zone: treated as UTC; pass timeZoneBiasMinutes (UTC minus local) to correct them');
    }
    return ms + (this.biasMinutes ?? 0) * 60_000;
  }
}
