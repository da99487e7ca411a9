import type { TextDecoder } from 'node:util';
import type { ReadOptions } from '../types.js';
import { SAR_ACTIVITIES, SAR_KEY_COLUMNS, SAR_TEXT_COLUMNS } from '../sarActivities.js';
import { CellSpans, splitCells } from './cells.js';
import type { ReadContext } from './context.js';
import { excerpt, type FormatParser } from './formatParser.js';
import { parseNumberBytes } from './parseNumber.js';
import { utcMs } from './pdhTime.js';

interface Activity {
  readonly name: string;
  /** Header columns after `hostname;interval;timestamp`. */
  readonly columns: readonly string[];
  /** Leading instance columns (CPU, DEV, IFACE...). */
  readonly keyCount: number;
  /** `INTR;CPU*`: the last column repeats once per CPU, as many as the row has. */
  readonly starPrefix: string | null;
  readonly skip: boolean;
  readonly line: number;
}

const SAR_TIME = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?: (\S+))?$/;

/**
 * sysstat `sadf -d`: `;`-separated, a `# hostname;interval;timestamp;...` header before each
 * activity, columns keyed by header name (they differ by version). `LINUX-RESTART` and `COM`
 * records become sink events. Timestamps: `YYYY-MM-DD HH:MM:SS UTC` (`-d`, `-d -tz`), or a
 * zone abbreviation (`-t-tz`, `-T-tz`: `CET`, `EST`), which is ambiguous, so it needs
 * `timeZoneBiasMinutes` (else a warning and UTC); epoch seconds are accepted too.
 * Series: host = hostname, object = activity (`cpu`, `memory`, `disk`...), instance = the key
 * columns (`CPU = -1` is `all`), counter = column name; `path` is synthesised as
 * `\\host\activity(instance)\counter`.
 */
export function createSarParser(ctx: ReadContext, decoder: TextDecoder, options: ReadOptions): FormatParser {
  return new SarParser(ctx, decoder, options);
}

/**
 * The activity a `# hostname;interval;timestamp;...` header starts (null when the header is
 * not one: reported): its columns, the leading instance columns, a trailing `NAME*` column.
 */
function sarActivity(ctx: ReadContext, line: string, lineNo: number): Activity | null {
  const cols = line.replace(/^#\s*/, '').split(';');
  if (cols[0] !== 'hostname' || cols[1] !== 'interval' || cols[2] !== 'timestamp') {
    ctx.issue(lineNo, 1, 'bad-header', `expected "# hostname;interval;timestamp;...", got ${JSON.stringify(line.slice(0, 60))}`);
    return null;
  }
  const columns = cols.slice(3);
  let keyCount = 0;
  while (keyCount < columns.length && SAR_KEY_COLUMNS.has(columns[keyCount]!)) keyCount++;
  const last = columns[columns.length - 1] ?? '';
  const starPrefix = last.endsWith('*') ? last.slice(0, -1) : null;
  const first = columns[0] ?? '';
  const lookup = first === 'CPU' || first === 'IFACE' ? (columns[1] ?? '') : first;
  const name = SAR_ACTIVITIES[lookup] ?? lookup;
  // USB (-m USB): sadf -d prints the header in a different order than the values
  const skip = name === 'usb';
  if (skip) ctx.warnOnce('usb', lineNo, 4, 'activity-skipped', 'the USB device list (sar -m USB) is an inventory, not a metric, and its sadf header does not match its values: skipped');
  return { name, columns, keyCount, starPrefix, skip, line: lineNo };
}

/** The state of one sar read: the current activity, the time zone once seen, the series met. */
class SarParser implements FormatParser {
  private readonly spans = new CellSpans();
  private readonly seriesIndex = new Map<string, number>();
  private activity: Activity | null = null;
  private zoneSet = false;

  constructor(
    private readonly ctx: ReadContext,
    private readonly decoder: TextDecoder,
    private readonly options: ReadOptions,
  ) {}

  line(buf: Uint8Array, start: number, end: number, lineNo: number, complete: boolean): void {
    if (start === end) return;
    if (buf[start] === 35 /* # */) {
      // each activity lists its instants again; within one, rows of several instances share one
      this.ctx.order = 'non-decreasing';
      this.ctx.restartTimes();
      this.activity = sarActivity(this.ctx, this.decoder.decode(buf.subarray(start, end)), lineNo);
      return;
    }
    const n = splitCells(buf, start, end, 59, false, this.spans);
    if (n >= 4 && this.text(1, buf) === '-1' && this.event(buf, lineNo)) return;
    this.ctx.rows++;
    const act = this.activity;
    const t = this.rowTime(act, buf, n, lineNo, complete);
    if (t !== t) return;
    this.samples(act!, buf, n, lineNo, t);
  }

  end(): void {}

  private text(i: number, buf: Uint8Array): string {
    return this.decoder.decode(buf.subarray(this.spans.starts[i]!, this.spans.ends[i]!));
  }

  /** A `LINUX-RESTART` or `COM` record (interval -1) sent as a sink event; false for anything else. */
  private event(buf: Uint8Array, lineNo: number): boolean {
    const record = this.text(3, buf);
    const kind = record.startsWith('LINUX-RESTART') ? 'restart' : record.startsWith('COM') ? 'comment' : null;
    const t = this.time(this.text(2, buf), lineNo);
    if (!kind || Number.isNaN(t)) return false;
    this.ctx.event({ kind, host: this.text(0, buf), timestampMs: t, text: kind === 'comment' ? record.replace(/^COM ?/, '') : record, line: lineNo });
    return true;
  }

  /** Checks a data row against its activity's header; its time, or NaN when the row is skipped. */
  private rowTime(act: Activity | null, buf: Uint8Array, n: number, lineNo: number, complete: boolean): number {
    const ctx = this.ctx;
    if (!act) {
      ctx.rowsSkipped++;
      ctx.issue(lineNo, 1, 'no-header', 'a data row before any "# hostname;interval;timestamp;..." header; row skipped');
      return NaN;
    }
    if (act.skip) {
      ctx.rowsSkipped++;
      return NaN;
    }
    const expected = act.columns.length + 3;
    if (act.starPrefix === null ? n !== expected : n < expected - 1) {
      ctx.rowsSkipped++;
      ctx.issue(lineNo, Math.min(n, expected) + 1, complete ? 'cell-count' : 'truncated-row', `expected ${expected} cells for the header of line ${act.line}, found ${n}; row skipped`);
      return NaN;
    }
    if (!complete) {
      // a last line without a line break may be cut inside its last number
      ctx.issue(lineNo, n, 'truncated-row', 'the file ends without a line break; the last row is kept but its last value may be cut', 'warning');
    }
    const t = this.time(this.text(2, buf), lineNo);
    if (Number.isNaN(t)) {
      ctx.rowsSkipped++;
      ctx.issue(lineNo, 3, 'bad-timestamp', `expected YYYY-MM-DD HH:MM:SS [zone] or epoch seconds, got ${excerpt(this.decoder, buf, this.spans.starts[2]!, this.spans.ends[2]!)}; row skipped`);
      return NaN;
    }
    return ctx.seeTime(t, lineNo, 3) ? t : NaN;
  }

  /** One sample per value column of a data row (text columns left out). */
  private samples(act: Activity, buf: Uint8Array, n: number, lineNo: number, t: number): void {
    const ctx = this.ctx;
    const spans = this.spans;
    const host = this.text(0, buf);
    const instance = this.instance(act, buf);
    const sink = ctx.sink;
    for (let i = 3 + act.keyCount; i < n; i++) {
      const c = i - 3;
      const counter = act.starPrefix !== null && c >= act.columns.length - 1 ? `${act.starPrefix}${c - (act.columns.length - 1)}` : act.columns[c]!;
      if (SAR_TEXT_COLUMNS.has(counter)) continue;
      const s = spans.starts[i]!;
      const e = spans.ends[i]!;
      let v = s === e ? NaN : parseNumberBytes(buf, s, e);
      if (v !== v) {
        v = NaN;
        if (s !== e) ctx.issue(lineNo, i + 1, 'non-numeric', `expected a number for ${counter}, got ${excerpt(this.decoder, buf, s, e)}; read as missing`);
        ctx.missing++;
      }
      sink.sample(this.seriesFor(host, act, instance, counter, lineNo, i + 1), t, v);
      ctx.samples++;
    }
  }

  /** The row's instance from its key columns (`CPU = -1` is `all`), or null for an activity without one. */
  private instance(act: Activity, buf: Uint8Array): string | null {
    if (act.keyCount === 0) return null;
    const parts: string[] = [];
    for (let k = 0; k < act.keyCount; k++) {
      const v = this.text(3 + k, buf);
      parts.push(act.columns[k] === 'CPU' && v === '-1' ? 'all' : v);
    }
    return parts.join(',');
  }

  private time(raw: string, lineNo: number): number {
    if (/^\d{9,11}$/.test(raw)) return Number(raw) * 1000;
    const m = SAR_TIME.exec(raw);
    if (!m) return NaN;
    const local = utcMs(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, 0);
    if (!this.zoneSet) this.setZone(m[7] ?? null, lineNo);
    return local + this.ctx.timeZone.biasMinutes * 60_000;
  }

  /** The read's time zone, from the first timestamp's zone (an abbreviation is ambiguous: warned, read as UTC unless a bias is given). */
  private setZone(zone: string | null, lineNo: number): void {
    const ctx = this.ctx;
    this.zoneSet = true;
    if (this.options.timeZoneBiasMinutes !== undefined) ctx.timeZone = { name: zone, biasMinutes: this.options.timeZoneBiasMinutes, source: 'option' };
    else if (zone === null || zone === 'UTC' || zone === 'GMT') ctx.timeZone = { name: zone, biasMinutes: 0, source: 'utc' };
    else {
      ctx.timeZone = { name: zone, biasMinutes: 0, source: 'assumed-utc' };
      ctx.warnOnce('zone', lineNo, 3, 'time-zone-unknown', `time zone "${zone}" is an abbreviation with no reliable offset: timestamps are treated as UTC; pass timeZoneBiasMinutes (UTC minus local) to correct them`);
    }
  }

  private seriesFor(host: string, act: Activity, instance: string | null, counter: string, lineNo: number, column: number): number {
    const id = `${host}\u0000${act.name}\u0000${instance ?? ''}\u0000${counter}`;
    let index = this.seriesIndex.get(id);
    if (index === undefined) {
      index = this.ctx.addSeries({ host, object: act.name, instance, counter, path: `\\\\${host}\\${act.name}${instance === null ? '' : `(${instance})`}\\${counter}` }, lineNo, column);
      this.seriesIndex.set(id, index);
    }
    return index;
  }
}
