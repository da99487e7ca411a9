import { HostplanError } from '@hostplan/core';
import { INVENTORY_COLUMNS, matchInventoryColumns } from './columns.js';
import type { InventoryTable } from './readCsv.js';
import type { InventoryFormat } from './types.js';

/**
 * Which export a table is: a `#TYPE Microsoft.HyperV.PowerShell.VirtualMachine` line or the
 * Get-VM columns (`ProcessorCount`, `MemoryStartup`) mean Hyper-V; `VM` with `Powerstate` or
 * `CPUs` (or `vInfoVMName`) means RVTools vInfo; `id` with `vcpus` means hostplan's own CSV.
 *
 * @example
 * detectInventoryFormat({ header: ['VM', 'Powerstate', 'CPUs', 'Memory'], headerLine: 1, rows: [], delimiter: ',' }, 'x.csv') // => 'rvtools'
 */
export function detectInventoryFormat(table: InventoryTable, file: string): InventoryFormat {
  if (table.typeLine && /Microsoft\.HyperV\.PowerShell\.VirtualMachine/i.test(table.typeLine)) return 'hyperv';
  const has = (format: InventoryFormat, fields: string[]) => {
    const { matched } = matchInventoryColumns(table.header, INVENTORY_COLUMNS[format]);
    return fields.every((f) => matched.has(f as never));
  };
  if (has('hyperv', ['id', 'vcpus', 'memory']) || has('hyperv', ['id', 'vcpus', 'memoryFallback'])) return 'hyperv';
  if (has('rvtools', ['id', 'vcpus']) && (has('rvtools', ['state']) || table.header.some((h) => /^vInfo/i.test(h)))) return 'rvtools';
  if (has('hostplan', ['id', 'vcpus'])) return 'hostplan';
  throw new HostplanError(
    'parse-error',
    `${file}:${table.headerLine}`,
    'cannot tell the format from the header: expected RVTools vInfo (VM, Powerstate, CPUs, Memory...), Get-VM | Export-Csv (Name, State, ProcessorCount, MemoryStartup...) or hostplan CSV (id, vcpus, memoryGB...); name it with --format',
    'rvtools, hyperv or hostplan columns',
    table.header.slice(0, 6).join(','),
  );
}
