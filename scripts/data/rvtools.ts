import { parseHosts, placeVms, type Vm } from '@hostplan/core';
import type { SampleVm } from './inventory.js';

/** The sample cluster's name in the RVTools export (14 nodes: within 2008 R2's 16). */
const CLUSTER = 'CL-HOSTING';

const cell = (value: string | number) => `"${String(value).replace(/"/g, '""')}"`;

/**
 * The sample inventory as an RVTools vInfo CSV of a farm that runs today: only what vInfo
 * holds (name, power state, CPUs, memory and provisioned space in MiB, OS, datacenter, cluster,
 * host), every VM powered on, laid out as a load-balancing placement of exactly that view (so
 * the layout fits: IOPS, network and CPU use take the new-VM defaults after import).
 */
export function rvtoolsVinfo(vms: readonly SampleVm[], hostsDocument: unknown): string {
  const hosts = parseHosts(hostsDocument);
  const view: Vm[] = vms.map((v) => ({ id: v.id, vcpus: v.vcpus, memoryGB: v.memoryGB, diskGB: v.diskGB, guestOS: v.guestOS }));
  const plan = placeVms(hosts, view, { goal: 'balance' });
  if (plan.unplaced.length > 0) throw new Error(`sample RVTools layout: ${plan.unplaced.length} VMs fit nowhere`);
  const hostOf = new Map(plan.placements.map((p) => [p.vm, p.host]));
  const header = ['VM', 'Powerstate', 'Template', 'SRM Placeholder', 'CPUs', 'Memory', 'Provisioned MiB', 'OS according to the configuration file', 'Datacenter', 'Cluster', 'Host'];
  const rows = view.map((v) => [v.id, 'poweredOn', 'False', 'False', v.vcpus, v.memoryGB * 1024, (v.diskGB ?? 0) * 1024, v.guestOS ?? '', 'DC1', CLUSTER, hostOf.get(v.id)!]);
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}
