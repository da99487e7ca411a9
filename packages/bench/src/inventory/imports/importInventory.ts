import { readInputFile } from '../textEncoding.js';
import { resolve } from 'node:path';
import { HostplanError, parseVm, type Vm } from '@hostplan/core';
import { inventoryCellBoolean, inventoryCellNumber, isPoweredOffState, isRunningState, inventoryToGB, type InventoryCellAt } from './cells.js';
import { INVENTORY_COLUMNS, matchInventoryColumns, type InventoryColumnRule, type InventoryMatchedColumn } from './columns.js';
import { detectInventoryFormat } from './detect.js';
import { decodeInventoryBytes, readInventoryTable } from './readCsv.js';
import type { InventoryExcludedVm, InventoryAssumption, InventoryFormat, InventoryImport, InventoryImportOptions } from './types.js';

type Field = InventoryColumnRule['field'];

/** VM fields of hostplan's CSV passed to core's `parseVm` as written (it reads units and lists). */
const PASS_THROUGH: readonly Field[] = ['role', 'vhd', 'iops', 'networkMbps', 'cpuUtilization', 'cpuDemandGHz', 'antiAffinity', 'affinity', 'host', 'cluster'];

function requireColumns(matched: Map<Field, InventoryMatchedColumn>, format: InventoryFormat, file: string, line: number): void {
  const need: [string, Field[]][] = [['VM name', ['id']], ['vCPU count', ['vcpus']], ['memory', ['memory', 'memoryFallback']]];
  for (const [what, fields] of need) {
    if (!fields.some((f) => matched.has(f))) {
      const names = INVENTORY_COLUMNS[format].filter((r) => fields.includes(r.field)).flatMap((r) => r.names);
      throw new HostplanError('missing-field', `${file}:${line}`, `no ${what} column: expected one of ${names.map((n) => JSON.stringify(n)).join(', ')}`, names.join(', '), undefined);
    }
  }
}

function assumptionsFor(format: InventoryFormat, matched: Map<Field, InventoryMatchedColumn>, options: InventoryImportOptions, o: Required<InventoryImportOptions>): InventoryAssumption[] {
  const out: InventoryAssumption[] = [];
  const col = (f: Field) => matched.get(f);
  const mem = col('memory');
  if (mem) out.push({ name: 'import.memoryGB', value: mem.header, unit: mem.rule.unit, source: mem.rule.unit === 'GB' ? 'binary GB, as written' : `converted to binary GB (${mem.rule.unit === 'MB' ? '/ 1,024: RVTools MB are MiB' : '/ 1,073,741,824 bytes'})`, isDefault: true });
  const fb = col('memoryFallback');
  if (fb) out.push({ name: 'import.memoryGB.fallback', value: fb.header, unit: fb.rule.unit, source: `used where ${mem?.header ?? 'the memory column'} is empty or 0`, isDefault: true });
  if (format === 'hyperv') out.push({ name: 'import.dynamicMemory', value: 'MemoryStartup', source: 'startup RAM; a VM with Dynamic Memory may use more or less at run time (measure it with hostplan bench)', isDefault: true });
  const disk = col('disk');
  out.push(disk
    ? { name: 'import.diskGB', value: disk.header, unit: disk.rule.unit, source: `provisioned capacity, converted from ${disk.rule.unit} to binary GB`, isDefault: true }
    : { name: 'import.diskGB', value: null, source: "not in the file: the policy's new-VM default applies", isDefault: true });
  out.push({ name: 'import.includePoweredOff', value: o.includePoweredOff, source: o.includePoweredOff ? 'powered-off VMs kept' : 'powered-off VMs (RVTools poweredOff or suspended, Hyper-V Off or Saved) left out and listed under excluded', isDefault: options.includePoweredOff === undefined });
  const host = col('host');
  if (host) out.push({ name: 'import.host', value: host.header, source: `where each VM runs today, kept as its host${col('cluster') ? ` (and ${col('cluster')!.header} as its cluster)` : ''}: the current layout for plan --current, rate and moves`, isDefault: true });
  if (format === 'rvtools') out.push({ name: 'import.includeTemplates', value: o.includeTemplates, source: o.includeTemplates ? 'templates and SRM placeholders kept' : 'templates and SRM placeholders left out and listed under excluded', isDefault: options.includeTemplates === undefined });
  return out;
}

/** Rethrows core's field error as `file:line:column` of the source column it came from. */
function atSource(e: unknown, file: string, line: number, sourceOf: Map<string, InventoryMatchedColumn>): never {
  if (!(e instanceof HostplanError)) throw e;
  const field = e.path.replace(/^row\.?/, '').split(/[.[]/)[0] ?? '';
  const m = sourceOf.get(field);
  const message = e.message.slice(e.path.length + 2);
  throw new HostplanError(e.code, m ? `${file}:${line}:${m.index + 1}` : `${file}:${line}`, `${m ? `${m.header} (${field})` : field}: ${message}`, e.expected, e.received);
}

/**
 * Reads a VM inventory export (RVTools vInfo, `Get-VM | Export-Csv`, or hostplan's own CSV)
 * into core {@link Vm}s: columns matched by name with known aliases, memory and disk converted
 * to binary GB, powered-off VMs and templates left out unless asked for (and listed), columns
 * nothing reads listed once, repeated names suffixed `#2`, `#3`; the host and cluster each VM
 * runs on today (RVTools `Host`/`Cluster`, Get-VM `ComputerName`) kept. Bad cells throw a
 * {@link HostplanError} naming `file:line:column` and the column.
 *
 * @example
 * const r = parseInventory('VM,Powerstate,Template,CPUs,Memory\nweb1,poweredOn,False,2,4096\n', 'vInfo.csv');
 * r.vms // => [{ id: 'web1', vcpus: 2, memoryGB: 4 }]
 */
export function parseInventory(text: string, file: string, options: InventoryImportOptions = {}): InventoryImport {
  const o = { format: options.format ?? 'auto', includePoweredOff: options.includePoweredOff ?? false, includeTemplates: options.includeTemplates ?? false } as const;
  const table = readInventoryTable(text, file);
  const format = o.format === 'auto' ? detectInventoryFormat(table, file) : o.format;
  const { matched, ignored } = matchInventoryColumns(table.header, INVENTORY_COLUMNS[format]);
  requireColumns(matched, format, file, table.headerLine);
  const sourceOf = new Map<string, InventoryMatchedColumn>();
  const fieldName: Partial<Record<Field, string>> = { id: 'id', vcpus: 'vcpus', memory: 'memoryGB', memoryFallback: 'memoryGB', disk: 'diskGB', guestOS: 'guestOS', guestOSFallback: 'guestOS' };
  for (const [f, m] of matched) {
    const name = fieldName[f] ?? (PASS_THROUGH.includes(f) ? f : undefined);
    if (name && !sourceOf.has(name)) sourceOf.set(name, m);
  }

  const vms: Vm[] = [];
  const excluded: InventoryExcludedVm[] = [];
  const renamed: InventoryImport['renamed'] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const at = (f: Field): InventoryCellAt | undefined => {
      const m = matched.get(f);
      return m ? { file, line, column: m.index + 1, header: m.header } : undefined;
    };
    const text = (f: Field): string => {
      const m = matched.get(f);
      return m ? (cells[m.index] ?? '').trim() : '';
    };
    const id = text('id');
    if (id === '') throw new HostplanError('missing-field', `${file}:${line}:${matched.get('id')!.index + 1}`, `${matched.get('id')!.header}: expected a VM name, got an empty cell`, 'a VM name', '');
    const state = text('state');
    if (state && !isRunningState(state) && !isPoweredOffState(state)) {
      const where = at('state')!;
      // an unknown state neither counts as running nor is dropped: the import asks
      throw new HostplanError('invalid-value', `${file}:${line}:${where.column}`, `${where.header}: unknown power state ${JSON.stringify(state.slice(0, 40))}; expected a running state (poweredOn, Running, Paused, on) or an off one (poweredOff, suspended, Off, Saved, off)`, 'a power state', state);
    }
    const template = matched.has('template') && inventoryCellBoolean(text('template'), at('template')!);
    const srm = matched.has('srmPlaceholder') && inventoryCellBoolean(text('srmPlaceholder'), at('srmPlaceholder')!);
    const reason = template && !o.includeTemplates ? 'template' : srm && !o.includeTemplates ? 'srm-placeholder' : state && isPoweredOffState(state) && !o.includePoweredOff ? 'powered-off' : undefined;
    if (reason) {
      excluded.push({ id, line, reason, ...(state && { state }) });
      continue;
    }
    const number = (f: Field) => (text(f) === '' ? undefined : inventoryCellNumber(text(f), at(f)!, table.delimiter === ';'));
    const memoryOf = (f: Field) => {
      const v = number(f);
      return v === undefined ? undefined : inventoryToGB(v, matched.get(f)!.rule.unit ?? 'GB');
    };
    let memoryGB = memoryOf('memory');
    if (!memoryGB) memoryGB = memoryOf('memoryFallback') ?? memoryGB;
    const diskGB = memoryOf('disk');
    const guestOS = text('guestOS') || text('guestOSFallback');
    const raw: Record<string, unknown> = {
      id,
      vcpus: number('vcpus') ?? '',
      memoryGB: memoryGB ?? '',
      ...(diskGB !== undefined && { diskGB }),
      ...(guestOS && { guestOS }),
    };
    for (const f of PASS_THROUGH) if (text(f) !== '') raw[f] = text(f);
    let vm: Vm;
    try {
      vm = parseVm(raw, 'row');
    } catch (e) {
      atSource(e, file, line, sourceOf);
    }
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    if (n > 1) {
      let next = `${id}#${n}`;
      while (seen.has(next)) next = `${next}#`;
      seen.set(next, 1);
      renamed.push({ from: id, to: next, line });
      vm = { ...vm, id: next };
    }
    vms.push(vm);
  }
  return {
    file,
    format,
    vms,
    excluded,
    ignoredColumns: ignored,
    columns: Object.fromEntries([...sourceOf].map(([f, m]) => [f, m.header])),
    renamed,
    assumptions: assumptionsFor(format, matched, options, o),
  };
}

/**
 * Reads an inventory export file (UTF-8, UTF-16 with a byte-order mark, or Windows-1252 when the
 * bytes are not UTF-8: listed first in `assumptions` as `import.encoding`) with
 * {@link parseInventory}.
 *
 * @example
 * const { vms, excluded } = await importInventory('RVTools_tabvInfo.csv');
 */
export async function importInventory(file: string, options: InventoryImportOptions = {}, cwd = process.cwd()): Promise<InventoryImport> {
  const decoded = decodeInventoryBytes(await readInputFile(resolve(cwd, file), file), file);
  const r = parseInventory(decoded.text, file, options);
  if (!decoded.notUtf8At) return r;
  const at = decoded.notUtf8At;
  const encoding: InventoryAssumption = {
    name: 'import.encoding',
    value: decoded.encoding,
    source: `the file is not UTF-8 (first other byte at line ${at.line}, column ${at.column}): read as Windows-1252, the code page of Western Windows and Excel; save it as UTF-8 if names look wrong`,
    isDefault: true,
  };
  return { ...r, assumptions: [encoding, ...r.assumptions] };
}
