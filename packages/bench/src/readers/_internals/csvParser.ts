import type { TextDecoder } from 'node:util';
import { HostplanError } from '@hostplan/core';
import { COLUMN_MAP_PRESETS } from '../presets.js';
import type { ColumnMap, ReadOptions } from '../types.js';
import { CellSpans, ESCAPED, MALFORMED, splitCells } from './cells.js';
import type { ReadContext } from './context.js';
import { csvHeaderNames, csvLayout, csvSeparator, type CsvLayout, type WideColumn } from './csvLayout.js';
import { CsvTimeReader } from './csvTime.js';
import { cellText, excerpt, type FormatParser } from './formatParser.js';
import { parseNumberBytes } from './parseNumber.js';

/** Resolves `columnMap` (a map or a preset name). */
export function resolveColumnMap(columnMap: ColumnMap | string | undefined): ColumnMap | null {
  if (columnMap === undefined) return null;
  if (typeof columnMap !== 'string') return columnMap;
  const preset = COLUMN_MAP_PRESETS[columnMap];
  if (!preset) throw new HostplanError('invalid-value', 'columnMap', `unknown column map preset ${JSON.stringify(columnMap)}; expected one of ${Object.keys(COLUMN_MAP_PRESETS).join(', ')}`);
  return preset;
}

/**
 * Generic CSV, wide (a time column and one column per metric) or long (timestamp, entity,
 * metric, value). With no column map: long form when the header names `metric` (or `counter`)
 * and `value` columns; otherwise wide with the first column as time. The separator is guessed
 * from the header when no map gives it. Quoted cells follow RFC 4180 except that a line break
 * inside quotes is not supported (the row is reported).
 */
export function createCsvParser(ctx: ReadContext, decoder: TextDecoder, options: ReadOptions): FormatParser {
  return new CsvParser(ctx, decoder, options);
}

/** The state of one CSV read: the layout from the header, then the series each row feeds. */
class CsvParser implements FormatParser {
  private readonly given: ColumnMap | null;
  private readonly spans = new CellSpans();
  private separator = -1;
  private trim = false;
  /** Cells in the header; -1 until the header is read. */
  private columns = -1;
  private layout: CsvLayout | null = null;
  private time: CsvTimeReader | null = null;
  /** Wide form: the series index of each metric column, per entity. */
  private readonly entitySeries = new Map<string, Int32Array>();
  /** Wide form: the series of columns with a fixed entity (-1 until seen). */
  private fixedSeries = new Int32Array(0);
  /** Long form: the series index per entity and metric. */
  private readonly longSeries = new Map<string, number>();
  private readonly positiveWarned = new Set<number>();

  constructor(
    private readonly ctx: ReadContext,
    private readonly decoder: TextDecoder,
    private readonly options: ReadOptions,
  ) {
    this.given = resolveColumnMap(options.columnMap);
  }

  line(buf: Uint8Array, start: number, end: number, lineNo: number, complete: boolean): void {
    if (start === end) return;
    if (this.columns < 0) {
      this.header(buf, start, end, lineNo);
      return;
    }
    if (this.layout!.broken) {
      this.ctx.rows++;
      this.ctx.rowsSkipped++;
      return;
    }
    this.dataRow(buf, start, end, lineNo, complete);
  }

  end(): void {
    if (this.columns < 0) this.ctx.issue(0, 0, 'empty-file', 'no header line found');
  }

  private header(buf: Uint8Array, start: number, end: number, lineNo: number): void {
    const ctx = this.ctx;
    ({ separator: this.separator, trim: this.trim } = csvSeparator(this.given, () => this.decoder.decode(buf.subarray(start, end))));
    const n = splitCells(buf, start, end, this.separator, this.trim, this.spans);
    this.columns = n;
    const names = csvHeaderNames(this.decoder, buf, this.spans, n, this.given?.header ?? true);
    const fileBase = (ctx.file.split(/[\\/]/).pop() ?? ctx.file).replace(/\.[^.]*$/, '');
    const layout = csvLayout(names, this.given, ctx, fileBase, lineNo);
    this.layout = layout;
    this.time = new CsvTimeReader(ctx, this.decoder, layout.timeFormat, layout.timeIndex, this.options.timeZoneBiasMinutes);
    if (layout.wide.length > ctx.maxSeries) ctx.tooManySeries(lineNo, layout.wide[ctx.maxSeries]!.index + 1);
    this.fixedSeries = new Int32Array(layout.wide.length).fill(-1);
    // several entities or metrics interleaved: rows of one instant need not follow each other
    ctx.order = layout.longMetric >= 0 || layout.entityIndex >= 0 ? 'any' : 'increasing';
    const naive = layout.timeFormat.kind === 'iso' || layout.timeFormat.kind === 'pdh';
    const biasMinutes = this.options.timeZoneBiasMinutes;
    ctx.timeZone = biasMinutes !== undefined ? { name: null, biasMinutes, source: 'option' } : { name: null, biasMinutes: 0, source: naive ? 'assumed-utc' : 'utc' };
    if (!layout.hasHeader) this.dataRow(buf, start, end, lineNo, true);
  }

  /** A value cell: a number, or NaN for an empty cell (counted missing) or a bad one (reported). */
  private number(buf: Uint8Array, i: number, lineNo: number, what: string): number {
    const spans = this.spans;
    const s = spans.starts[i]!;
    const e = spans.ends[i]!;
    if (e === s || (e === s + 1 && buf[s] === 32)) {
      this.ctx.missing++;
      return NaN;
    }
    const v = parseNumberBytes(buf, s, e);
    if (v !== v || (spans.flags[i]! & MALFORMED) !== 0) {
      this.ctx.missing++;
      this.ctx.issue(lineNo, i + 1, 'non-numeric', `expected a number for ${what}, got ${excerpt(this.decoder, buf, s, e)}; read as missing`);
      return NaN;
    }
    return v;
  }

  private cell(buf: Uint8Array, i: number): string {
    const spans = this.spans;
    return cellText(this.decoder, buf, spans.starts[i]!, spans.ends[i]!, (spans.flags[i]! & ESCAPED) !== 0);
  }

  /** Checks a row's cell count and time; the time, or NaN when the row is skipped. */
  private rowTime(buf: Uint8Array, n: number, lineNo: number, complete: boolean): number {
    const ctx = this.ctx;
    const columns = this.columns;
    if (n !== columns) {
      ctx.rowsSkipped++;
      const truncated = !complete && n < columns;
      ctx.issue(lineNo, Math.min(n, columns) + 1, truncated ? 'truncated-row' : 'cell-count', `expected ${columns} cells, found ${n}${truncated ? ' (the file ends mid-row)' : ''}; row skipped`);
      return NaN;
    }
    if (!complete) {
      // a last line without a line break may be cut inside its last value
      ctx.issue(lineNo, n, 'truncated-row', 'the file ends without a line break; the last row is kept but its last value may be cut', 'warning');
    }
    const timeIndex = this.layout!.timeIndex;
    const s = this.spans.starts[timeIndex]!;
    const e = this.spans.ends[timeIndex]!;
    const t = this.time!.read(buf, s, e, lineNo);
    if (Number.isNaN(t)) {
      ctx.rowsSkipped++;
      ctx.issue(lineNo, timeIndex + 1, 'bad-timestamp', `expected a time, got ${excerpt(this.decoder, buf, s, e)}; row skipped`);
      return NaN;
    }
    return ctx.seeTime(t, lineNo, timeIndex + 1) ? t : NaN;
  }

  private dataRow(buf: Uint8Array, start: number, end: number, lineNo: number, complete: boolean): void {
    const n = splitCells(buf, start, end, this.separator, this.trim, this.spans);
    this.ctx.rows++;
    const t = this.rowTime(buf, n, lineNo, complete);
    if (t !== t) return;
    const layout = this.layout!;
    const entity = layout.entityIndex >= 0 ? this.cell(buf, layout.entityIndex) : layout.fixedEntity;
    if (layout.longMetric >= 0) this.longRow(buf, lineNo, t, entity, layout);
    else this.wideRow(buf, lineNo, t, entity, layout.wide);
  }

  /** Long form: one sample, of the series named by the row's entity and metric. */
  private longRow(buf: Uint8Array, lineNo: number, t: number, entity: string, layout: CsvLayout): void {
    const metric = this.cell(buf, layout.longMetric);
    const id = `${entity}\u0000${metric}`;
    let index = this.longSeries.get(id);
    if (index === undefined) {
      index = this.ctx.addSeries({ host: entity, object: layout.map.object ?? 'csv', instance: null, counter: metric, path: metric }, lineNo, layout.longMetric + 1);
      this.longSeries.set(id, index);
    }
    this.ctx.sink.sample(index, t, this.number(buf, layout.longValue, lineNo, metric));
    this.ctx.samples++;
  }

  /** Wide form: one sample per metric column. */
  private wideRow(buf: Uint8Array, lineNo: number, t: number, entity: string, wide: readonly WideColumn[]): void {
    const indices = this.entitySeries.get(entity) ?? this.addEntity(entity, wide, lineNo);
    const sink = this.ctx.sink;
    for (let k = 0; k < wide.length; k++) {
      const w = wide[k]!;
      const v = this.number(buf, w.index, lineNo, w.counter);
      const index = indices[k]!;
      if (w.mustBePositive && !(v > 0) && v === v && !this.positiveWarned.has(index)) {
        this.positiveWarned.add(index);
        this.ctx.issue(lineNo, w.index + 1, 'non-positive-capacity', `${w.counter} of ${JSON.stringify(w.entity ?? entity)} is ${v}: a capacity should be above 0 (values kept as written)`, 'warning');
      }
      sink.sample(index, t, v);
    }
    this.ctx.samples += wide.length;
  }

  /** The series of an entity met for the first time, one per metric column. */
  private addEntity(entity: string, wide: readonly WideColumn[], lineNo: number): Int32Array {
    const indices = new Int32Array(wide.length);
    for (let k = 0; k < wide.length; k++) {
      const w = wide[k]!;
      if (w.entity !== null) {
        // a column of a fixed entity is one series whatever the row's entity
        if (this.fixedSeries[k]! < 0) this.fixedSeries[k] = this.ctx.addSeries({ host: w.entity, object: w.object, instance: w.instance, counter: w.counter, path: w.path }, lineNo, w.index + 1);
        indices[k] = this.fixedSeries[k]!;
      } else {
        indices[k] = this.ctx.addSeries({ host: entity, object: w.object, instance: w.instance, counter: w.counter, path: w.path }, lineNo, w.index + 1);
      }
    }
    this.entitySeries.set(entity, indices);
    return indices;
  }
}
