import type { ColumnMap } from './types.js';

/**
 * Bitbrains GWA-T-12 VM traces (TU Delft Grid Workloads Archive; Shen, van Beek, Iosup,
 * CCGrid 2015): one file per VM, the VM id is the file name; separator `;` followed by a tab;
 * `Timestamp [ms]` actually holds epoch SECONDS (values near 1.37e9 are July 2013 in seconds,
 * January 1970 in ms). Values are kept as written: a VM with 0 cores and 0 capacity (reported
 * as a `non-positive-capacity` warning), memory use above the provisioned memory, and gaps of
 * up to 30 hours between the nominal 5-minute samples.
 *
 * @example
 * await readPerfFile('bitbrains/1.csv', sink, { columnMap: 'bitbrains' });
 */
export const BITBRAINS_COLUMN_MAP: ColumnMap = {
  separator: ';',
  trim: true,
  time: { column: 'Timestamp [ms]', format: { kind: 'epoch', unit: 's' } },
  entity: { fromFileName: true },
  object: 'vm',
  metrics: [
    { column: 'CPU cores', counter: 'CPU cores' },
    { column: 'CPU capacity provisioned [MHZ]', counter: 'CPU capacity provisioned [MHZ]' },
    { column: 'CPU usage [MHZ]', counter: 'CPU usage [MHZ]' },
    { column: 'CPU usage [%]', counter: 'CPU usage [%]' },
    { column: 'Memory capacity provisioned [KB]', counter: 'Memory capacity provisioned [KB]' },
    { column: 'Memory usage [KB]', counter: 'Memory usage [KB]' },
    { column: 'Disk read throughput [KB/s]', counter: 'Disk read throughput [KB/s]' },
    { column: 'Disk write throughput [KB/s]', counter: 'Disk write throughput [KB/s]' },
    { column: 'Network received throughput [KB/s]', counter: 'Network received throughput [KB/s]' },
    { column: 'Network transmitted throughput [KB/s]', counter: 'Network transmitted throughput [KB/s]' },
  ],
  positiveColumns: ['CPU cores', 'CPU capacity provisioned [MHZ]', 'Memory capacity provisioned [KB]'],
};

/** Named column maps, usable as `columnMap: 'bitbrains'` (and by the CLI's `--map NAME`). */
export const COLUMN_MAP_PRESETS: Readonly<Record<string, ColumnMap>> = {
  bitbrains: BITBRAINS_COLUMN_MAP,
};
