import { picker, seededRandom } from './random.js';

/** A VM of the sample inventory, as written to data/vms.json. */
export interface SampleVm {
  id: string;
  role: string;
  guestOS: string;
  vcpus: number;
  memoryGB: number;
  diskGB: number;
  vhd: 'fixed' | 'dynamic' | 'differencing';
  iops: number;
  networkMbps: number;
  cpuUtilization: number;
  antiAffinity?: string[];
}

/**
 * About 300 VMs of a hosting provider: web front ends per customer (spread in pairs), SQL
 * Server pairs and Exchange DAG members in anti-affinity groups, file servers, VDI desktops,
 * idle test machines, domain controllers, application servers and a few Linux guests. All
 * within Hyper-V 2008 limits (at most 4 vCPUs and 64 GB).
 */
export function sampleInventory(seed = 2008): SampleVm[] {
  const { pick, between, int, round } = picker(seededRandom(seed));
  const vms: SampleVm[] = [];
  const add = (vm: SampleVm) => vms.push(vm);
  const pad = (n: number) => String(n).padStart(2, '0');

  for (let c = 1; c <= 20; c++) {
    const size = pick([[1, 2], [2, 2], [2, 4]] as const);
    for (let k = 1; k <= 3; k++) {
      add({ id: `web-c${pad(c)}-${k}`, role: 'web', guestOS: 'Windows Server 2008', vcpus: size[0], memoryGB: size[1], diskGB: 40, vhd: 'fixed',
        iops: int(20, 60), networkMbps: round(between(10, 60), 5), cpuUtilization: round(between(0.12, 0.35), 0.01), antiAffinity: [`web-c${pad(c)}`] });
    }
  }
  for (let s = 1; s <= 15; s++) {
    const memoryGB = pick([8, 12, 16]);
    for (const side of ['a', 'b']) {
      add({ id: `sql-${pad(s)}${side}`, role: 'sql', guestOS: 'Windows Server 2008', vcpus: 4, memoryGB, diskGB: pick([200, 300, 400]), vhd: 'fixed',
        iops: int(250, 600), networkMbps: round(between(20, 80), 5), cpuUtilization: round(between(0.25, 0.5), 0.01), antiAffinity: [`sql-${pad(s)}`] });
    }
  }
  for (let e = 1; e <= 6; e++) {
    add({ id: `exch-${pad(e)}`, role: 'exchange', guestOS: 'Windows Server 2008', vcpus: 4, memoryGB: 16, diskGB: 300, vhd: 'fixed',
      iops: int(200, 400), networkMbps: 40, cpuUtilization: round(between(0.3, 0.45), 0.01), antiAffinity: [`exch-dag${e <= 3 ? 1 : 2}`] });
  }
  for (let f = 1; f <= 12; f++) {
    add({ id: `file-${pad(f)}`, role: 'file', guestOS: 'Windows Server 2008', vcpus: 2, memoryGB: 4, diskGB: pick([500, 750, 1000]), vhd: 'fixed',
      iops: int(80, 200), networkMbps: round(between(30, 120), 5), cpuUtilization: round(between(0.05, 0.15), 0.01) });
  }
  for (let d = 1; d <= 120; d++) {
    const xp = d % 5 === 0;
    add({ id: `vdi-${String(d).padStart(3, '0')}`, role: 'vdi', guestOS: xp ? 'Windows XP SP3' : 'Windows Vista', vcpus: 1, memoryGB: xp ? 1 : pick([1, 1.5, 2]), diskGB: 25, vhd: 'dynamic',
      iops: int(5, 15), networkMbps: 2, cpuUtilization: round(between(0.05, 0.25), 0.01) });
  }
  for (let t = 1; t <= 40; t++) {
    add({ id: `test-${pad(t)}`, role: 'test', guestOS: pick(['Windows Server 2008', 'Windows Server 2003']), vcpus: pick([1, 2]), memoryGB: pick([1, 2]), diskGB: 30, vhd: 'differencing',
      iops: int(0, 5), networkMbps: 1, cpuUtilization: 0.01 });
  }
  for (let k = 1; k <= 4; k++) {
    add({ id: `dc-${pad(k)}`, role: 'domain-controller', guestOS: 'Windows Server 2008', vcpus: 1, memoryGB: 2, diskGB: 40, vhd: 'fixed',
      iops: 20, networkMbps: 5, cpuUtilization: 0.05, antiAffinity: ['dc'] });
  }
  for (let a = 1; a <= 24; a++) {
    add({ id: `app-${pad(a)}`, role: 'app', guestOS: pick(['Windows Server 2008', 'Windows Server 2003']), vcpus: 2, memoryGB: pick([2, 4, 6]), diskGB: 60, vhd: 'fixed',
      iops: int(30, 120), networkMbps: round(between(5, 40), 5), cpuUtilization: round(between(0.1, 0.3), 0.01) });
  }
  for (let l = 1; l <= 6; l++) {
    add({ id: `linux-${pad(l)}`, role: 'linux', guestOS: 'SUSE Linux Enterprise Server 10', vcpus: 1, memoryGB: 2, diskGB: 40, vhd: 'fixed',
      iops: int(20, 80), networkMbps: 10, cpuUtilization: round(between(0.1, 0.3), 0.01) });
  }
  return vms;
}
