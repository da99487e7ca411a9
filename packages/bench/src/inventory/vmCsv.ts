import { HostplanError, type Vm } from '@hostplan/core';
import { INVENTORY_COLUMNS } from './imports/columns.js';
import { detectInventoryFormat } from './imports/detect.js';
import { readInventoryRow, readInventorySheet, type InventorySheet } from './imports/inventoryRows.js';

/** Every row is a VM to plan: a state or template column is read and checked, never a reason to drop a row. */
const KEEP_ALL = { poweredOff: true, templates: true } as const;

function refuseOtherExports(sheet: InventorySheet): void {
  let format: string;
  try {
    format = detectInventoryFormat(sheet.table, sheet.file);
  } catch {
    return; // not an export hostplan knows either: the missing or unknown columns say what is wrong
  }
  if (format === 'hostplan') return;
  const name = format === 'rvtools' ? 'an RVTools vInfo export' : 'a Get-VM | Export-Csv export';
  throw new HostplanError('parse-error', `${sheet.file}:${sheet.table.headerLine}`, `this is ${name}, whose memory is not in GB: convert it with hostplan import (importInventory)`, "hostplan's VM columns (id, vcpus, memoryGB...)", sheet.table.header.slice(0, 6).join(','));
}

function refuseUnknownColumns(sheet: InventorySheet): void {
  const unknown = sheet.ignored[0];
  if (unknown === undefined) return;
  const column = sheet.table.header.indexOf(unknown) + 1;
  const known = INVENTORY_COLUMNS.hostplan.flatMap((r) => r.names);
  throw new HostplanError('unknown-field', `${sheet.file}:${sheet.table.headerLine}:${column}`, `unknown column ${JSON.stringify(unknown)}; expected one of ${known.join(', ')}`, known.join(', '), unknown);
}

/**
 * Reads hostplan's own VM CSV, strictly: one row per VM, columns named as the `Vm` fields or
 * their aliases in {@link INVENTORY_COLUMNS}.hostplan (the table `hostplan import` reads the
 * same files with), quantities as numbers or unit strings (`16 GB`), group names separated by
 * `;`. Every row is kept (a `state` column is checked, not used to drop rows: `hostplan import`
 * does that, and lists what it left out). An unknown column, a repeated VM id, a bad cell, or an
 * RVTools or Get-VM export (whose memory is in MiB or bytes) is a `HostplanError` at
 * `file:line:column`.
 *
 * @example
 * parseVmCsv('name,cpus,memoryMB\nweb1,2,4096\n', 'vms.csv') // => [{ id: 'web1', vcpus: 2, memoryGB: 4 }]
 */
export function parseVmCsv(text: string, file: string): Vm[] {
  const sheet = readInventorySheet(text, file, 'hostplan');
  refuseOtherExports(sheet);
  refuseUnknownColumns(sheet);
  const idColumn = sheet.matched.get('id')!.index + 1;
  const firstLine = new Map<string, number>();
  const vms: Vm[] = [];
  for (const { line, cells } of sheet.table.rows) {
    const row = readInventoryRow(sheet, cells, line, KEEP_ALL);
    if (row.kind !== 'vm') continue; // KEEP_ALL excludes nothing
    const first = firstLine.get(row.vm.id);
    if (first !== undefined) throw new HostplanError('duplicate-id', `${file}:${line}:${idColumn}`, `duplicate id ${JSON.stringify(row.vm.id)} (first at line ${first})`, 'a unique id', row.vm.id);
    firstLine.set(row.vm.id, line);
    vms.push(row.vm);
  }
  return vms;
}
