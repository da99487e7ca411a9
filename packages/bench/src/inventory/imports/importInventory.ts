import { resolve } from 'node:path';
import type { HostplanError, Vm } from '@hostplan/core';
import { readInputFile } from '../textEncoding.js';
import type { InventoryColumnRule, InventoryMatchedColumn } from './columns.js';
import { readInventoryRow, readInventorySheet } from './inventoryRows.js';
import { decodeInventoryBytes } from './readCsv.js';
import type { InventoryExcludedVm, InventoryAssumption, InventoryFormat, InventoryImport, InventoryImportOptions } from './types.js';

type Field = InventoryColumnRule['field'];

function assumptionsFor(format: InventoryFormat, matched: ReadonlyMap<Field, InventoryMatchedColumn>, options: InventoryImportOptions, o: Required<InventoryImportOptions>): InventoryAssumption[] {
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
  const sheet = readInventorySheet(text, file, o.format);
  const keep = { poweredOff: o.includePoweredOff, templates: o.includeTemplates };
  const vms: Vm[] = [];
  const excluded: InventoryExcludedVm[] = [];
  const names = new UniqueNames();
  for (const { line, cells } of sheet.table.rows) {
    const row = readInventoryRow(sheet, cells, line, keep);
    if (row.kind === 'excluded') excluded.push({ id: row.id, line, reason: row.reason, ...(row.state && { state: row.state }) });
    else vms.push(names.unique(row.vm, line));
  }
  return {
    file,
    format: sheet.format,
    vms,
    excluded,
    ignoredColumns: [...sheet.ignored],
    columns: Object.fromEntries([...sheet.sourceOf].map(([f, m]) => [f, m.header])),
    renamed: names.renamed,
    assumptions: assumptionsFor(sheet.format, sheet.matched, options, o),
  };
}

/** Gives a VM whose name repeats an earlier one a suffix (`web#2`, `web#3`) and lists the renames. */
class UniqueNames {
  readonly renamed: InventoryImport['renamed'] = [];
  private readonly seen = new Map<string, number>();

  unique(vm: Vm, line: number): Vm {
    const n = (this.seen.get(vm.id) ?? 0) + 1;
    this.seen.set(vm.id, n);
    if (n === 1) return vm;
    let next = `${vm.id}#${n}`;
    while (this.seen.has(next)) next = `${next}#`;
    this.seen.set(next, 1);
    this.renamed.push({ from: vm.id, to: next, line });
    return { ...vm, id: next };
  }
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
