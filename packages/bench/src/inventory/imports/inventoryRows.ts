import { HostplanError, parseVm, type Vm } from '@hostplan/core';
import { inventoryCellBoolean, inventoryCellNumber, isPoweredOffState, isRunningState, inventoryToGB, type InventoryCellAt } from './cells.js';
import { INVENTORY_COLUMNS, matchInventoryColumns, type InventoryColumnRule, type InventoryMatchedColumn } from './columns.js';
import { detectInventoryFormat } from './detect.js';
import { readInventoryTable, type InventoryTable } from './readCsv.js';
import type { InventoryExclusionReason, InventoryFormat } from './types.js';

type Field = InventoryColumnRule['field'];

/** VM fields passed to core's `parseVm` as written (it reads units and lists). */
const PASS_THROUGH: readonly Field[] = ['role', 'vhd', 'iops', 'networkMbps', 'cpuUtilization', 'cpuDemandGHz', 'antiAffinity', 'affinity', 'host', 'cluster'];

/** The core `Vm` field each converted column feeds. */
const FIELD_NAME: Partial<Record<Field, string>> = { id: 'id', vcpus: 'vcpus', memory: 'memoryGB', memoryFallback: 'memoryGB', disk: 'diskGB', guestOS: 'guestOS', guestOSFallback: 'guestOS' };

/** A table with its format and which column feeds which field: what every row is read against. */
export interface InventorySheet {
  readonly file: string;
  readonly format: InventoryFormat;
  readonly table: InventoryTable;
  readonly matched: ReadonlyMap<Field, InventoryMatchedColumn>;
  /** Header cells nothing reads, once each, in file order. */
  readonly ignored: readonly string[];
  /** The column each core `Vm` field came from (the first that feeds it). */
  readonly sourceOf: ReadonlyMap<string, InventoryMatchedColumn>;
}

/** What one data row became: a VM, or a row left out with its reason. */
export type InventoryRow =
  | { readonly kind: 'vm'; readonly vm: Vm; readonly line: number }
  | { readonly kind: 'excluded'; readonly id: string; readonly line: number; readonly reason: InventoryExclusionReason; readonly state: string };

/** Which rows to keep although they are not running VMs. */
export interface InventoryKeep {
  readonly poweredOff: boolean;
  readonly templates: boolean;
}

function requireColumns(matched: ReadonlyMap<Field, InventoryMatchedColumn>, format: InventoryFormat, file: string, line: number): void {
  const need: [string, Field[]][] = [['VM name', ['id']], ['vCPU count', ['vcpus']], ['memory', ['memory', 'memoryFallback']]];
  for (const [what, fields] of need) {
    if (!fields.some((f) => matched.has(f))) {
      const names = INVENTORY_COLUMNS[format].filter((r) => fields.includes(r.field)).flatMap((r) => r.names);
      throw new HostplanError('missing-field', `${file}:${line}`, `no ${what} column: expected one of ${names.map((n) => JSON.stringify(n)).join(', ')}`, names.join(', '), undefined);
    }
  }
}

/**
 * Reads the table of an inventory file, tells (or takes) its format and matches its header
 * against that format's alias table; a missing VM name, vCPU or memory column is a
 * `missing-field` error at `file:line` of the header listing the names looked for.
 *
 * @example
 * readInventorySheet('VM,Powerstate,CPUs,Memory\nweb1,poweredOn,2,4096\n', 'vInfo.csv', 'auto').format // => 'rvtools'
 */
export function readInventorySheet(text: string, file: string, format: 'auto' | InventoryFormat): InventorySheet {
  const table = readInventoryTable(text, file);
  const resolved = format === 'auto' ? detectInventoryFormat(table, file) : format;
  const { matched, ignored } = matchInventoryColumns(table.header, INVENTORY_COLUMNS[resolved]);
  requireColumns(matched, resolved, file, table.headerLine);
  const sourceOf = new Map<string, InventoryMatchedColumn>();
  for (const [f, m] of matched) {
    const name = FIELD_NAME[f] ?? (PASS_THROUGH.includes(f) ? f : undefined);
    if (name && !sourceOf.has(name)) sourceOf.set(name, m);
  }
  return { file, format: resolved, table, matched, ignored, sourceOf };
}

/** Rethrows core's field error as `file:line:column` of the source column it came from. */
function atSource(e: unknown, file: string, line: number, sourceOf: ReadonlyMap<string, InventoryMatchedColumn>): never {
  if (!(e instanceof HostplanError)) throw e;
  const field = e.path.replace(/^row\.?/, '').split(/[.[]/)[0] ?? '';
  const m = sourceOf.get(field);
  const message = e.message.slice(e.path.length + 2);
  const named = m ? (m.header === field ? field : `${m.header} (${field})`) : field;
  throw new HostplanError(e.code, m ? `${file}:${line}:${m.index + 1}` : `${file}:${line}`, `${named}: ${message}`, e.expected, e.received);
}

/** The cells of one row, read through the sheet's column match. */
class RowCells {
  constructor(
    private readonly sheet: InventorySheet,
    private readonly cells: readonly string[],
    readonly line: number,
  ) {}

  at(f: Field): InventoryCellAt | undefined {
    const m = this.sheet.matched.get(f);
    return m ? { file: this.sheet.file, line: this.line, column: m.index + 1, header: m.header } : undefined;
  }

  text(f: Field): string {
    const m = this.sheet.matched.get(f);
    return m ? (this.cells[m.index] ?? '').trim() : '';
  }

  number(f: Field): number | undefined {
    const t = this.text(f);
    return t === '' ? undefined : inventoryCellNumber(t, this.at(f)!, this.sheet.table.delimiter === ';');
  }

  /** A memory or disk cell in binary GB; hostplan's own GB columns go to core as written, unit strings and all. */
  gigabytes(f: Field): number | string | undefined {
    const unit = this.sheet.matched.get(f)?.rule.unit ?? 'GB';
    if (this.sheet.format === 'hostplan' && unit === 'GB') return this.text(f) || undefined;
    const v = this.number(f);
    return v === undefined ? undefined : inventoryToGB(v, unit);
  }

  flag(f: Field): boolean {
    return this.sheet.matched.has(f) && inventoryCellBoolean(this.text(f), this.at(f)!);
  }
}

function checkedState(row: RowCells): string {
  const state = row.text('state');
  if (state && !isRunningState(state) && !isPoweredOffState(state)) {
    const where = row.at('state')!;
    // an unknown state neither counts as running nor is dropped: the import asks
    throw new HostplanError('invalid-value', `${where.file}:${where.line}:${where.column}`, `${where.header}: unknown power state ${JSON.stringify(state.slice(0, 40))}; expected a running state (poweredOn, Running, Paused, on) or an off one (poweredOff, suspended, Off, Saved, off)`, 'a power state', state);
  }
  return state;
}

function exclusion(row: RowCells, state: string, keep: InventoryKeep): InventoryExclusionReason | undefined {
  if (row.flag('template') && !keep.templates) return 'template';
  if (row.flag('srmPlaceholder') && !keep.templates) return 'srm-placeholder';
  if (state && isPoweredOffState(state) && !keep.poweredOff) return 'powered-off';
  return undefined;
}

function rowToVm(row: RowCells, id: string, sheet: InventorySheet): Vm {
  let memoryGB = row.gigabytes('memory');
  if (!memoryGB) memoryGB = row.gigabytes('memoryFallback') ?? memoryGB;
  const diskGB = row.gigabytes('disk');
  const guestOS = row.text('guestOS') || row.text('guestOSFallback');
  const raw: Record<string, unknown> = {
    id,
    vcpus: row.number('vcpus') ?? '',
    memoryGB: memoryGB ?? '',
    ...(diskGB !== undefined && { diskGB }),
    ...(guestOS && { guestOS }),
  };
  for (const f of PASS_THROUGH) if (row.text(f) !== '') raw[f] = row.text(f);
  try {
    return parseVm(raw, 'row');
  } catch (e) {
    atSource(e, sheet.file, row.line, sheet.sourceOf);
  }
}

/**
 * Reads one data row of a sheet: a VM (checked by core's `parseVm`), or the row left out
 * (template, SRM placeholder, powered off) unless `keep` says otherwise. Bad cells throw a
 * `HostplanError` at `file:line:column` naming the column.
 *
 * @example
 * const sheet = readInventorySheet('id,vcpus,memoryGB,state\nweb1,2,4,off\n', 'vms.csv', 'hostplan');
 * readInventoryRow(sheet, ['web1', '2', '4', 'off'], 2, { poweredOff: false, templates: false }).kind // => 'excluded'
 */
export function readInventoryRow(sheet: InventorySheet, cells: readonly string[], line: number, keep: InventoryKeep): InventoryRow {
  const row = new RowCells(sheet, cells, line);
  const id = row.text('id');
  const idColumn = sheet.matched.get('id')!;
  if (id === '') throw new HostplanError('missing-field', `${sheet.file}:${line}:${idColumn.index + 1}`, `${idColumn.header}: expected a VM name, got an empty cell`, 'a VM name', '');
  const state = checkedState(row);
  const reason = exclusion(row, state, keep);
  if (reason) return { kind: 'excluded', id, line, reason, state };
  return { kind: 'vm', vm: rowToVm(row, id, sheet), line };
}
