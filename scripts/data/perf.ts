import type { SampleVm } from './inventory.js';

/** Sample perfmon logs: filled in once the PDH-CSV writer lands (packages/bench/src/readers). */
export function perfLogs(_vms: readonly SampleVm[], _hosts: readonly { id: string }[]): Map<string, string | Buffer> {
  return new Map();
}
