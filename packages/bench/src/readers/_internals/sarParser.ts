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
  const spans = new CellSpans();
  const seriesIndex = new Map<string, number>();
  let activity: Activity | null = null;
  let zoneSet = false;

  function text(i: number, buf: Uint8Array): string {
    return decoder.decode(buf.subarray(spans.starts[i]!, spans.ends[i]!));
  }

  function header(line: string, lineNo: number): void {
    // each activity lists its instants again; within one, rows of several instances share one
    ctx.order = 'non-decreasing';
    ctx.restartTimes();
    const cols = line.replace(/^#\s*/, '').split(';');
    if (cols[0] !== 'hostname' || cols[1] !== 'interval' || cols[2] !== 'timestamp') {
      ctx.issue(lineNo, 1, 'bad-header', `expected "# hostname;interval;timestamp;...", got ${JSON.stringify(line.slice(0, 60))}`);
      activity = null;
      return;
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
    activity = { name, columns, keyCount, starPrefix, skip, line: lineNo };
  }

  function time(raw: string, lineNo: number): number {
    if (/^\d{9,11}$/.test(raw)) return Number(raw) * 1000;
    const m = SAR_TIME.exec(raw);
    if (!m) return NaN;
    const local = utcMs(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, 0);
    const zone = m[7] ?? null;
    if (!zoneSet) {
      zoneSet = true;
      if (options.timeZoneBiasMinutes !== undefined) ctx.timeZone = { name: zone, biasMinutes: options.timeZoneBiasMinutes, source: 'option' };
      else if (zone === null || zone === 'UTC' || zone === 'GMT') ctx.timeZone = { name: zone, biasMinutes: 0, source: 'utc' };
      else {
        ctx.timeZone = { name: zone, biasMinutes: 0, source: 'assumed-utc' };
        ctx.warnOnce('zone', lineNo, 3, 'time-zone-unknown', `time zone "${zone}" is an abbreviation with no reliable offset: timestamps are treated as UTC; pass timeZoneBiasMinutes (UTC minus local) to correct them`);
      }
    }
    return local + ctx.timeZone.biasMinutes * 60_000;
  }

  function seriesFor(host: string, act: Activity, instance: string | null, counter: string, lineNo: number, column: number): number {
    const id = `${host}\u0000${act.name}\u0000${instance ?? ''}\u0000${counter}`;
    let index = seriesIndex.get(id);
    if (index === undefined) {
      index = ctx.addSeries({ host, object: act.name, instance, counter, path: `\\\\${host}\\${act.name}${instance === null ? '' : `(${instance})`}\\${counter}` }, lineNo, column);
      seriesIndex.set(id, index);
    }
    return index;
  }

  return {
    line(buf, start, end, lineNo, complete) {
      if (start === end) return;
      if (buf[start] === 35 /* # */) {
        header(decoder.decode(buf.subarray(start, end)), lineNo);
        return;
      }
      const n = splitCells(buf, start, end, 59, false, spans);
      if (n >= 4 && text(1, buf) === '-1') {
        const record = text(3, buf);
        const kind = record.startsWith('LINUX-RESTART') ? 'restart' : record.startsWith('COM') ? 'comment' : null;
        const t = time(text(2, buf), lineNo);
        if (kind && !Number.isNaN(t)) {
          ctx.event({ kind, host: text(0, buf), timestampMs: t, text: kind === 'comment' ? record.replace(/^COM ?/, '') : record, line: lineNo });
          return;
        }
      }
      ctx.rows++;
      const act = activity;
      if (!act) {
        ctx.rowsSkipped++;
        ctx.issue(lineNo, 1, 'no-header', 'a data row before any "# hostname;interval;timestamp;..." header; row skipped');
        return;
      }
      if (act.skip) {
        ctx.rowsSkipped++;
        return;
      }
      const expected = act.columns.length + 3;
      if (act.starPrefix === null ? n !== expected : n < expected - 1) {
        ctx.rowsSkipped++;
        ctx.issue(lineNo, Math.min(n, expected) + 1, complete ? 'cell-count' : 'truncated-row', `expected ${expected} cells for the header of line ${act.line}, found ${n}; row skipped`);
        return;
      }
      if (!complete) {
        // a last line without a line break may be cut inside its last number
        ctx.issue(lineNo, n, 'truncated-row', 'the file ends without a line break; the last row is kept but its last value may be cut', 'warning');
      }
      const t = time(text(2, buf), lineNo);
      if (Number.isNaN(t)) {
        ctx.rowsSkipped++;
        ctx.issue(lineNo, 3, 'bad-timestamp', `expected YYYY-MM-DD HH:MM:SS [zone] or epoch seconds, got ${excerpt(decoder, buf, spans.starts[2]!, spans.ends[2]!)}; row skipped`);
        return;
      }
      if (!ctx.seeTime(t, lineNo, 3)) return;
      const host = text(0, buf);
      let instance: string | null = null;
      if (act.keyCount > 0) {
        const parts: string[] = [];
        for (let k = 0; k < act.keyCount; k++) {
          const v = text(3 + k, buf);
          parts.push(act.columns[k] === 'CPU' && v === '-1' ? 'all' : v);
        }
        instance = parts.join(',');
      }
      const sink = ctx.sink;
      for (let i = 3 + act.keyCount; i < n; i++) {
        const c = i - 3;
        let counter: string;
        if (act.starPrefix !== null && c >= act.columns.length - 1) counter = `${act.starPrefix}${c - (act.columns.length - 1)}`;
        else counter = act.columns[c]!;
        if (SAR_TEXT_COLUMNS.has(counter)) continue;
        const s = spans.starts[i]!;
        const e = spans.ends[i]!;
        let v = s === e ? NaN : parseNumberBytes(buf, s, e);
        if (v !== v) {
          v = NaN;
          if (s !== e) ctx.issue(lineNo, i + 1, 'non-numeric', `expected a number for ${counter}, got ${excerpt(decoder, buf, s, e)}; read as missing`);
          ctx.missing++;
        }
        sink.sample(seriesFor(host, act, instance, counter, lineNo, i + 1), t, v);
        ctx.samples++;
      }
    },
    end() {},
  };
}
