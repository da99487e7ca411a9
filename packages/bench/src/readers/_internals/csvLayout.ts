import type { TextDecoder } from 'node:util';
import type { ColumnMap, ColumnRef, MetricColumn, TimeFormat } from '../types.js';
import { ESCAPED, type CellSpans } from './cells.js';
import type { ReadContext } from './context.js';
import { cellText } from './formatParser.js';

/** A metric column of a wide CSV and the series key parts it feeds. */
export interface WideColumn {
  readonly index: number;
  /** A fixed entity for this column, or null for the row's. */
  readonly entity: string | null;
  readonly object: string;
  readonly counter: string;
  readonly instance: string | null;
  readonly path: string;
  readonly mustBePositive: boolean;
}

/** Where a CSV's time, entity and values are, read once from its header. */
export interface CsvLayout {
  readonly map: ColumnMap;
  readonly hasHeader: boolean;
  readonly timeIndex: number;
  readonly timeFormat: TimeFormat | { readonly kind: 'auto' };
  /** The row's entity column, or -1 for `fixedEntity`. */
  readonly entityIndex: number;
  readonly fixedEntity: string;
  /** Wide form: one series per column (and entity); empty in long form. */
  readonly wide: readonly WideColumn[];
  /** Long form: the metric and value columns, or -1 in wide form. */
  readonly longMetric: number;
  readonly longValue: number;
  /** A column the map names is not in the header (reported): no row can be read. */
  readonly broken: boolean;
}

/**
 * The separator and whether cells are trimmed: the map's, else the most frequent of `,` `;`
 * tab in the header (`;` files trim).
 *
 * @example
 * csvSeparator(null, () => 'time;cpu;mem') // => { separator: 59, trim: true }
 */
export function csvSeparator(map: ColumnMap | null, headerLine: () => string): { separator: number; trim: boolean } {
  if (map?.separator !== undefined) return { separator: map.separator.charCodeAt(0), trim: map.trim ?? false };
  const line = headerLine();
  const count = (ch: string) => line.split(ch).length - 1;
  const best = [',', ';', '\t'].map((ch) => [ch, count(ch)] as const).sort((a, b) => b[1] - a[1])[0]!;
  return { separator: best[0].charCodeAt(0), trim: best[0] === ';' ? (map?.trim ?? true) : (map?.trim ?? false) };
}

/**
 * A column map guessed from header names: long form when they name a metric (`metric`,
 * `counter`...) and a value column, else wide with one file per entity named after the file
 * unless a host/entity column is there; time from `timestamp`/`time`/`date`... or column 0.
 *
 * @example
 * guessColumnMap(['timestamp', 'host', 'metric', 'value']).long // => { metric: 2, value: 3, entity: 1 }
 */
export function guessColumnMap(names: readonly string[]): ColumnMap {
  const lower = names.map((s) => s.toLowerCase());
  const pick = (...cands: string[]) => lower.findIndex((s) => cands.includes(s));
  const metric = pick('metric', 'counter', 'metric_name', 'name');
  const value = pick('value', 'val');
  const time = pick('timestamp', 'time', 'date', 'datetime', 'ts');
  const entity = pick('entity', 'host', 'vm', 'hostname', 'instance', 'machine');
  const timeColumn = { column: time >= 0 ? time : 0, format: { kind: 'epoch', unit: 'auto' } } as const;
  if (metric >= 0 && value >= 0) return { time: timeColumn, long: { metric, value, ...(entity >= 0 ? { entity } : {}) } };
  // one file per entity is the common case: name the entity after the file
  return { time: timeColumn, entity: entity >= 0 ? { column: entity } : { fromFileName: true } };
}

/** Finds the columns a map names (exactly, then ignoring case), reporting each that is missing at the header line. */
class ColumnFinder {
  broken = false;
  constructor(
    private readonly names: readonly string[],
    private readonly ctx: ReadContext,
    private readonly lineNo: number,
  ) {}

  find(ref: ColumnRef, what: string): number {
    const names = this.names;
    if (typeof ref === 'number') {
      if (ref >= 0 && ref < names.length) return ref;
    } else {
      const exact = names.indexOf(ref);
      if (exact >= 0) return exact;
      const lower = ref.toLowerCase();
      const loose = names.findIndex((n) => n.toLowerCase() === lower);
      if (loose >= 0) return loose;
    }
    this.ctx.issue(this.lineNo, 0, 'unknown-column', `the column map's ${what} column ${JSON.stringify(ref)} is not in the header (${names.map((n) => JSON.stringify(n)).join(', ')}); no rows read`);
    this.broken = true;
    return -1;
  }
}

function wideColumns(map: ColumnMap, names: readonly string[], finder: ColumnFinder, timeIndex: number, entityIndex: number): WideColumn[] {
  const positive = new Set((map.positiveColumns ?? []).map((ref) => finder.find(ref, 'positive')));
  const chosen: readonly MetricColumn[] = map.metrics ?? names.map((_, i): MetricColumn => ({ column: i })).filter((c) => c.column !== timeIndex && c.column !== entityIndex);
  return chosen.map((m) => {
    const index = finder.find(m.column, 'metric');
    const counter = m.counter ?? names[index] ?? String(m.column);
    return { index, entity: m.entity ?? null, object: m.object ?? map.object ?? 'csv', counter, instance: m.instance ?? null, path: names[index] ?? counter, mustBePositive: positive.has(index) };
  });
}

/**
 * The header's cell names (`column N` when the map says there is no header).
 *
 * @example
 * csvHeaderNames(decoder, buf, spans, 3, false) // => ['column 1', 'column 2', 'column 3']
 */
export function csvHeaderNames(decoder: TextDecoder, buf: Uint8Array, spans: CellSpans, count: number, hasHeader: boolean): string[] {
  const names: string[] = [];
  for (let i = 0; i < count; i++) names.push(hasHeader ? cellText(decoder, buf, spans.starts[i]!, spans.ends[i]!, (spans.flags[i]! & ESCAPED) !== 0).trim() : `column ${i + 1}`);
  return names;
}

/**
 * Reads a CSV's layout from its header names and the given map (or one guessed from the
 * names); a column the map names that is not there is an `unknown-column` issue at the header
 * line, and the layout is `broken`.
 *
 * @example
 * csvLayout(['time', 'cpu', 'mem'], null, ctx, 'hv01', 1).wide.map((w) => w.counter) // => ['cpu', 'mem']
 */
export function csvLayout(names: readonly string[], given: ColumnMap | null, ctx: ReadContext, fileBase: string, lineNo: number): CsvLayout {
  const map = given ?? guessColumnMap(names);
  const finder = new ColumnFinder(names, ctx, lineNo);
  const timeIndex = finder.find(map.time.column, 'time');
  const timeFormat = given ? map.time.format : { kind: 'auto' as const };
  const hasHeader = map.header ?? true;
  if (map.long) {
    const entityIndex = map.long.entity !== undefined ? finder.find(map.long.entity, 'entity') : -1;
    const longMetric = finder.find(map.long.metric, 'metric');
    const longValue = finder.find(map.long.value, 'value');
    return { map, hasHeader, timeIndex, timeFormat, entityIndex, fixedEntity: '', wide: [], longMetric, longValue, broken: finder.broken };
  }
  const entityIndex = map.entity?.column !== undefined ? finder.find(map.entity.column, 'entity') : -1;
  const fixedEntity = map.entity?.fromFileName ? fileBase : (map.entity?.value ?? '');
  const wide = wideColumns(map, names, finder, timeIndex, entityIndex);
  return { map, hasHeader, timeIndex, timeFormat, entityIndex, fixedEntity, wide, longMetric: -1, longValue: -1, broken: finder.broken };
}
