import type { InventoryFormat } from './types.js';

/** A VM field and the header names that feed it, with the unit each header's values are in. */
export interface InventoryColumnRule {
  readonly field: 'id' | 'vcpus' | 'memory' | 'memoryFallback' | 'disk' | 'guestOS' | 'guestOSFallback' | 'state' | 'template' | 'srmPlaceholder' | 'role' | 'vhd' | 'iops' | 'networkMbps' | 'cpuUtilization' | 'cpuDemandGHz' | 'antiAffinity' | 'affinity' | 'host' | 'cluster';
  /** Header names, compared without case, spaces or punctuation. */
  readonly names: readonly string[];
  /** Unit of the values: memory and disk are converted to binary GB. */
  readonly unit?: 'MB' | 'GB' | 'bytes';
}

/**
 * RVTools `vInfo` (VMware), in the names RVTools writes in its xlsx/CSV export, and in the
 * `vInfo...` names of its command-line CSV export (as listed by sbroenne/RVToolsMerge's README
 * and used by vInfo readers on GitHub): `VM`, `Powerstate` (poweredOn, poweredOff, suspended),
 * `Template` (True/False), `SRM Placeholder`, `CPUs`, `Memory` (MiB), `Provisioned MiB` (older
 * releases: `Provisioned MB`), `In Use MiB`, `OS according to the configuration file`,
 * `OS according to the VMware Tools`, and where the VM runs today: `Host` and `Cluster`
 * (`vInfoHost`, `vInfoCluster`). RVTools' "MB" are binary (MiB), as vSphere reports them.
 */
export const RVTOOLS_COLUMNS: readonly InventoryColumnRule[] = [
  { field: 'id', names: ['VM', 'vInfoVMName', 'VM Name'] },
  { field: 'vcpus', names: ['CPUs', 'vInfoCPUs', '# CPUs', 'Num CPUs'] },
  { field: 'memory', names: ['Memory', 'vInfoMemory', 'Memory MiB', 'Memory MB'], unit: 'MB' },
  { field: 'disk', names: ['Provisioned MiB', 'Provisioned MB', 'vInfoProvisioned'], unit: 'MB' },
  { field: 'guestOS', names: ['OS according to the configuration file', 'vInfoOS'] },
  { field: 'guestOSFallback', names: ['OS according to the VMware Tools', 'vInfoOSTools'] },
  { field: 'state', names: ['Powerstate', 'vInfoPowerstate', 'Power State'] },
  { field: 'template', names: ['Template', 'vInfoTemplate'] },
  { field: 'srmPlaceholder', names: ['SRM Placeholder', 'vInfoSRMPlaceHolder'] },
  { field: 'host', names: ['Host', 'vInfoHost'] },
  { field: 'cluster', names: ['Cluster', 'vInfoCluster'] },
];

/**
 * PowerShell `Get-VM | Export-Csv` (Hyper-V): a `#TYPE Microsoft.HyperV.PowerShell.VirtualMachine`
 * line (Windows PowerShell; PowerShell 7 leaves it out unless `-IncludeTypeInformation`), then
 * the VirtualMachine object's properties: `Name` (also `VMName`), `State` (Running, Off, Saved,
 * Paused...), `ProcessorCount`, `MemoryStartup`, `MemoryAssigned`, `MemoryMinimum`,
 * `MemoryMaximum` (all in bytes), `DynamicMemoryEnabled`, `Generation`, `ComputerName`, `VMId`...
 * (the properties New-VM/Set-VM name `-MemoryStartupBytes` and `-ProcessorCount`);
 * `ComputerName` is the Hyper-V host the VM runs on today.
 */
export const HYPERV_COLUMNS: readonly InventoryColumnRule[] = [
  { field: 'id', names: ['Name', 'VMName'] },
  { field: 'vcpus', names: ['ProcessorCount'] },
  { field: 'memory', names: ['MemoryStartup', 'MemoryStartupBytes'], unit: 'bytes' },
  { field: 'memoryFallback', names: ['MemoryAssigned'], unit: 'bytes' },
  { field: 'state', names: ['State'] },
  { field: 'host', names: ['ComputerName'] },
];

/** hostplan's own VM CSV: the `Vm` field names, with a few common aliases and unit-named variants. */
export const HOSTPLAN_COLUMNS: readonly InventoryColumnRule[] = [
  { field: 'id', names: ['id', 'name', 'vm'] },
  { field: 'vcpus', names: ['vcpus', 'cpus', 'vcpu'] },
  { field: 'memory', names: ['memoryGB', 'memory'], unit: 'GB' },
  { field: 'memoryFallback', names: ['memoryMB'], unit: 'MB' },
  { field: 'disk', names: ['diskGB', 'disk'], unit: 'GB' },
  { field: 'guestOS', names: ['guestOS', 'os'] },
  { field: 'state', names: ['state', 'powerState'] },
  { field: 'template', names: ['template'] },
  { field: 'role', names: ['role'] },
  { field: 'vhd', names: ['vhd'] },
  { field: 'iops', names: ['iops'] },
  { field: 'networkMbps', names: ['networkMbps'] },
  { field: 'cpuUtilization', names: ['cpuUtilization'] },
  { field: 'cpuDemandGHz', names: ['cpuDemandGHz'] },
  { field: 'antiAffinity', names: ['antiAffinity'] },
  { field: 'affinity', names: ['affinity'] },
  { field: 'host', names: ['host'] },
  { field: 'cluster', names: ['cluster'] },
];

/**
 * The column rules of every {@link InventoryFormat}: which headers feed which VM field, and in
 * which unit. Used both to detect a file's format and to read it.
 *
 * @example
 * INVENTORY_COLUMNS.rvtools.find((r) => r.field === 'memory')?.unit // => 'MB'
 */
export const INVENTORY_COLUMNS: Readonly<Record<InventoryFormat, readonly InventoryColumnRule[]>> = { rvtools: RVTOOLS_COLUMNS, hyperv: HYPERV_COLUMNS, hostplan: HOSTPLAN_COLUMNS };

/**
 * A header name as compared: lower case, letters and digits only.
 *
 * @example
 * normaliseInventoryHeader('# CPUs') // => 'cpus'
 */
export const normaliseInventoryHeader = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Where each rule's column is in the header (0-based), the first alias found winning. */
export interface InventoryMatchedColumn {
  readonly rule: InventoryColumnRule;
  readonly index: number;
  readonly header: string;
}

/**
 * Matches a header against a format's rules: for each field the first alias present, and the
 * header cells nothing reads (listed once each, in order).
 *
 * @example
 * matchInventoryColumns(['VM', 'CPUs', 'Memory', 'Datacenter'], RVTOOLS_COLUMNS).ignored // => ['Datacenter']
 */
export function matchInventoryColumns(header: readonly string[], rules: readonly InventoryColumnRule[]): { matched: Map<InventoryColumnRule['field'], InventoryMatchedColumn>; ignored: string[] } {
  const byName = new Map<string, number>();
  header.forEach((h, i) => {
    const n = normaliseInventoryHeader(h);
    if (!byName.has(n)) byName.set(n, i);
  });
  const matched = new Map<InventoryColumnRule['field'], InventoryMatchedColumn>();
  const used = new Set<number>();
  for (const rule of rules) {
    for (const name of rule.names) {
      const index = byName.get(normaliseInventoryHeader(name));
      if (index !== undefined && !used.has(index)) {
        matched.set(rule.field, { rule, index, header: header[index]! });
        used.add(index);
        break;
      }
    }
  }
  const seen = new Set<string>();
  const ignored = header.filter((h, i) => !used.has(i) && h.trim() !== '' && !seen.has(h) && (seen.add(h), true));
  return { matched, ignored };
}
