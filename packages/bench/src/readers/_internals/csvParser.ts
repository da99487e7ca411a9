import type { TextDecoder } from 'node:util';
import { HostplanError } from '@hostplan/core';
import { COLUMN_MAP_PRESETS } from '../presets.js';
import type { ColumnMap, ColumnRef, EpochUnit, MetricColumn, ReadOptions, TimeFormat } from '../types.js';
import { CellSpans, ESCAPED, MALFORMED, splitCells } from './cells.js';
import type { ReadContext } from './context.js';
import { cellText, excerpt, type FormatParser } from './formatParser.js';
import { parseNumberBytes } from './parseNumber.js';
import { parsePdhTimeBytes } from './pdhTime.js';

/** Resolves `columnMap` (a map or a preset name). */
export function resolveColumnMap(columnMap: ColumnMap | string | undefined): ColumnMap | null {
  if (columnMap === undefined) return null;
  if (typeof columnMap !== 'string') return columnMap;
  const preset = COLUMN_MAP_PRESETS[columnMap];
  if (!preset) throw new HostplanError('invalid-value', 'columnMap', `unknown column map preset ${JSON.stringify(columnMap)}; expected one of ${Object.keys(COLUMN_MAP_PRESETS).join(', ')}`);
  return preset;
}

interface WideColumn {
  readonly index: number;
  /** A fixed entity for this column, or null for the row's. */
  readonly entity: string | null;
  readonly object: string;
  readonly counter: string;
  readonly instance: string | null;
  readonly path: string;
  readonly mustBePositive: boolean;
}

const EPOCH_SCALE: Record<Exclude<EpochUnit, 'auto'>, number> = { s: 1000, ms: 1, us: 1e-3, ns: 1e-6 };

/**
 * Generic CSV, wide (a time column and one column per metric) or long (timestamp, entity,
 * metric, value). With no column map: long form when the header names `metric` (or `counter`)
 * and `value` columns; otherwise wide with the first column as time. The separator is guessed
 * from the header when no map gives it. Quoted cells follow RFC 4180 except that a line break
 * inside quotes is not supported (the row is reported).
 */
export function createCsvParser(ctx: ReadContext, decoder: TextDecoder, options: ReadOptions): FormatParser {
  const given = resolveColumnMap(options.columnMap);
  const spans = new CellSpans();
  let map: ColumnMap | null = given;
  let separator = -1;
  let trim = given?.trim ?? false;
  let columns = -1;
  let broken = false;
  let timeIndex = -1;
  let timeFormat: TimeFormat | { kind: 'auto' } = { kind: 'auto' };
  let entityIndex = -1;
  let fixedEntity = '';
  let wide: WideColumn[] = [];
  let longMetric = -1;
  let longValue = -1;
  const entitySeries = new Map<string, Int32Array>();
  let fixedSeries = new Int32Array(0);
  const longSeries = new Map<string, number>();
  const positiveWarned = new Set<number>();
  const biasMinutes = options.timeZoneBiasMinutes ?? 0;
  const fileBase = (ctx.file.split(/[\\/]/).pop() ?? ctx.file).replace(/\.[^.]*$/, '');

  function find(names: readonly string[], ref: ColumnRef, what: string, lineNo: number): number {
    if (typeof ref === 'number') {
      if (ref >= 0 && ref < names.length) return ref;
    } else {
      const exact = names.indexOf(ref);
      if (exact >= 0) return exact;
      const lower = ref.toLowerCase();
      const loose = names.findIndex((n) => n.toLowerCase() === lower);
      if (loose >= 0) return loose;
    }
    ctx.issue(lineNo, 0, 'unknown-column', `the column map's ${what} column ${JSON.stringify(ref)} is not in the header (${names.map((n) => JSON.stringify(n)).join(', ')}); no rows read`);
    broken = true;
    return -1;
  }

  function header(buf: Uint8Array, start: number, end: number, lineNo: number): void {
    if (map?.separator !== undefined) separator = map.separator.charCodeAt(0);
    else {
      const line = decoder.decode(buf.subarray(start, end));
      const count = (ch: string) => line.split(ch).length - 1;
      const best = [',', ';', '\t'].map((ch) => [ch, count(ch)] as const).sort((a, b) => b[1] - a[1])[0]!;
      separator = best[0].charCodeAt(0);
      if (best[0] === ';') trim = map?.trim ?? true;
    }
    const n = splitCells(buf, start, end, separator, trim, spans);
    const hasHeader = map?.header ?? true;
    const names: string[] = [];
    for (let i = 0; i < n; i++) names.push(hasHeader ? cellText(decoder, buf, spans.starts[i]!, spans.ends[i]!, (spans.flags[i]! & ESCAPED) !== 0).trim() : `column ${i + 1}`);
    columns = n;
    if (!map) {
      const lower = names.map((s) => s.toLowerCase());
      const pick = (...cands: string[]) => lower.findIndex((s) => cands.includes(s));
      const metric = pick('metric', 'counter', 'metric_name', 'name');
      const value = pick('value', 'val');
      const time = pick('timestamp', 'time', 'date', 'datetime', 'ts');
      const entity = pick('entity', 'host', 'vm', 'hostname', 'instance', 'machine');
      if (metric >= 0 && value >= 0) {
        map = { time: { column: time >= 0 ? time : 0, format: { kind: 'epoch', unit: 'auto' } }, long: { metric, value, ...(entity >= 0 ? { entity } : {}) } };
      } else {
        // one file per entity is the common case: name the entity after the file
        map = { time: { column: time >= 0 ? time : 0, format: { kind: 'epoch', unit: 'auto' } }, entity: entity >= 0 ? { column: entity } : { fromFileName: true } };
      }
      timeFormat = { kind: 'auto' };
    } else {
      timeFormat = map.time.format;
    }
    timeIndex = find(names, map.time.column, 'time', lineNo);
    if (map.long) {
      if (map.long.entity !== undefined) entityIndex = find(names, map.long.entity, 'entity', lineNo);
      longMetric = find(names, map.long.metric, 'metric', lineNo);
      longValue = find(names, map.long.value, 'value', lineNo);
    } else {
      if (map.entity?.column !== undefined) entityIndex = find(names, map.entity.column, 'entity', lineNo);
      fixedEntity = map.entity?.fromFileName ? fileBase : (map.entity?.value ?? '');
      const positive = new Set((map.positiveColumns ?? []).map((ref) => find(names, ref, 'positive', lineNo)));
      const chosen: readonly MetricColumn[] = map.metrics ?? names.map((_, i): MetricColumn => ({ column: i })).filter((c) => c.column !== timeIndex && c.column !== entityIndex);
      wide = chosen.map((m) => {
        const index = find(names, m.column, 'metric', lineNo);
        const counter = m.counter ?? names[index] ?? String(m.column);
        return { index, entity: m.entity ?? null, object: m.object ?? map!.object ?? 'csv', counter, instance: m.instance ?? null, path: names[index] ?? counter, mustBePositive: positive.has(index) };
      });
    }
    if (wide.length > ctx.maxSeries) ctx.tooManySeries(lineNo, wide[ctx.maxSeries]!.index + 1);
    fixedSeries = new Int32Array(wide.length).fill(-1);
    // several entities or metrics interleaved: rows of one instant need not follow each other
    ctx.order = longMetric >= 0 || entityIndex >= 0 ? 'any' : 'increasing';
    const naive = timeFormat.kind === 'iso' || timeFormat.kind === 'pdh';
    if (options.timeZoneBiasMinutes !== undefined) ctx.timeZone = { name: null, biasMinutes, source: 'option' };
    else ctx.timeZone = { name: null, biasMinutes: 0, source: naive ? 'assumed-utc' : 'utc' };
    if (!hasHeader) dataRow(buf, start, end, lineNo, true);
  }

  function parseTime(buf: Uint8Array, s: number, e: number, lineNo: number): number {
    const f = timeFormat;
    if (f.kind === 'pdh') {
      noteNaiveTime(lineNo);
      return parsePdhTimeBytes(buf, s, e) + biasMinutes * 60_000;
    }
    if (f.kind === 'epoch' || f.kind === 'auto') {
      const v = parseNumberBytes(buf, s, e);
      if (v === v) {
        let unit = f.kind === 'epoch' ? f.unit : 'auto';
        if (unit === 'auto') unit = Math.abs(v) < 1e11 ? 's' : Math.abs(v) < 1e14 ? 'ms' : Math.abs(v) < 1e17 ? 'us' : 'ns';
        else if (unit === 'ms' && Math.abs(v) < 1e11 && v !== 0)
          ctx.warnOnce('epoch', lineNo, timeIndex + 1, 'epoch-unit-suspect', `time ${v} read as milliseconds is in ${new Date(v).getUTCFullYear()}: is it seconds? (set time.format.unit)`);
        return v * EPOCH_SCALE[unit];
      }
      if (f.kind === 'epoch') return NaN;
    }
    // iso (or auto with a non-numeric value)
    let text = decoder.decode(buf.subarray(s, e)).trim();
    if (/^\d{2}\/\d{2}\/\d{4} /.test(text)) {
      noteNaiveTime(lineNo);
      return parsePdhTimeBytes(buf, s, e) + biasMinutes * 60_000;
    }
    if (!/^\d{4}-\d\d-\d\d/.test(text)) return NaN;
    text = text.replace(' ', 'T');
    if (/([zZ]|[+-]\d\d:?\d\d)$/.test(text)) return Date.parse(text);
    noteNaiveTime(lineNo);
    return Date.parse(text + 'Z') + biasMinutes * 60_000;
  }

  let naiveNoted = false;
  function noteNaiveTime(lineNo: number): void {
    if (naiveNoted || options.timeZoneBiasMinutes !== undefined) return;
    naiveNoted = true;
    ctx.timeZone = { name: null, biasMinutes: 0, source: 'assumed-utc' };
    ctx.warnOnce('zone', lineNo, timeIndex + 1, 'time-zone-unknown', 'timestamps have no time zone: treated as UTC; pass timeZoneBiasMinutes (UTC minus local) to correct them');
  }

  function number(buf: Uint8Array, i: number, lineNo: number, what: string): number {
    const s = spans.starts[i]!;
    const e = spans.ends[i]!;
    if (e === s || (e === s + 1 && buf[s] === 32)) {
      ctx.missing++;
      return NaN;
    }
    const v = parseNumberBytes(buf, s, e);
    if (v !== v || (spans.flags[i]! & MALFORMED) !== 0) {
      ctx.missing++;
      ctx.issue(lineNo, i + 1, 'non-numeric', `expected a number for ${what}, got ${excerpt(decoder, buf, s, e)}; read as missing`);
      return NaN;
    }
    return v;
  }

  function dataRow(buf: Uint8Array, start: number, end: number, lineNo: number, complete: boolean): void {
    const n = splitCells(buf, start, end, separator, trim, spans);
    ctx.rows++;
    if (n !== columns) {
      ctx.rowsSkipped++;
      const truncated = !complete && n < columns;
      ctx.issue(lineNo, Math.min(n, columns) + 1, truncated ? 'truncated-row' : 'cell-count', `expected ${columns} cells, found ${n}${truncated ? ' (the file ends mid-row)' : ''}; row skipped`);
      return;
    }
    if (!complete) {
      // a last line without a line break may be cut inside its last value
      ctx.issue(lineNo, n, 'truncated-row', 'the file ends without a line break; the last row is kept but its last value may be cut', 'warning');
    }
    const t = parseTime(buf, spans.starts[timeIndex]!, spans.ends[timeIndex]!, lineNo);
    if (Number.isNaN(t)) {
      ctx.rowsSkipped++;
      ctx.issue(lineNo, timeIndex + 1, 'bad-timestamp', `expected a time, got ${excerpt(decoder, buf, spans.starts[timeIndex]!, spans.ends[timeIndex]!)}; row skipped`);
      return;
    }
    if (!ctx.seeTime(t, lineNo, timeIndex + 1)) return;
    const entity = entityIndex >= 0 ? cellText(decoder, buf, spans.starts[entityIndex]!, spans.ends[entityIndex]!, (spans.flags[entityIndex]! & ESCAPED) !== 0) : fixedEntity;
    const sink = ctx.sink;
    if (longMetric >= 0) {
      const metric = cellText(decoder, buf, spans.starts[longMetric]!, spans.ends[longMetric]!, (spans.flags[longMetric]! & ESCAPED) !== 0);
      const id = `${entity}\u0000${metric}`;
      let index = longSeries.get(id);
      if (index === undefined) {
        index = ctx.addSeries({ host: entity, object: map?.object ?? 'csv', instance: null, counter: metric, path: metric }, lineNo, longMetric + 1);
        longSeries.set(id, index);
      }
      sink.sample(index, t, number(buf, longValue, lineNo, metric));
      ctx.samples++;
      return;
    }
    let indices = entitySeries.get(entity);
    if (!indices) {
      indices = new Int32Array(wide.length);
      for (let k = 0; k < wide.length; k++) {
        const w = wide[k]!;
        if (w.entity !== null) {
          // a column of a fixed entity is one series whatever the row's entity
          if (fixedSeries[k]! < 0) fixedSeries[k] = ctx.addSeries({ host: w.entity, object: w.object, instance: w.instance, counter: w.counter, path: w.path }, lineNo, w.index + 1);
          indices[k] = fixedSeries[k]!;
        } else {
          indices[k] = ctx.addSeries({ host: entity, object: w.object, instance: w.instance, counter: w.counter, path: w.path }, lineNo, w.index + 1);
        }
      }
      entitySeries.set(entity, indices);
    }
    for (let k = 0; k < wide.length; k++) {
      const w = wide[k]!;
      const v = number(buf, w.index, lineNo, w.counter);
      const index = indices[k]!;
      if (w.mustBePositive && !(v > 0) && v === v && !positiveWarned.has(index)) {
        positiveWarned.add(index);
        ctx.issue(lineNo, w.index + 1, 'non-positive-capacity', `${w.counter} of ${JSON.stringify(w.entity ?? entity)} is ${v}: a capacity should be above 0 (values kept as written)`, 'warning');
      }
      sink.sample(index, t, v);
    }
    ctx.samples += wide.length;
  }

  return {
    line(buf, start, end, lineNo, complete) {
      if (start === end) return;
      if (columns < 0) {
        header(buf, start, end, lineNo);
        return;
      }
      if (broken) {
        ctx.rows++;
        ctx.rowsSkipped++;
        return;
      }
      dataRow(buf, start, end, lineNo, complete);
    },
    end() {
      if (columns < 0) ctx.issue(0, 0, 'empty-file', 'no header line found');
    },
  };
}
