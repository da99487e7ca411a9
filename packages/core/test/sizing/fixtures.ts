import type { PricedHost, Vm } from '@hostplan/core';

/** 2 x 4 cores, 3 GHz, 32 GB on hyperv-2008: 32,256 MB usable = 15 VMs of 2 GB (2,088 MB each). Costs $411.58 a month at the defaults. */
export const R32: PricedHost = { host: { id: 'R32', model: 'R32', sockets: 2, coresPerSocket: 4, threadsPerCore: 1, clockGHz: 3, memoryGB: 32 }, purchasePrice: 10000, powerWatts: 400, rackUnits: 2 };
/** 2 x 4 cores, 3 GHz, 64 GB: 65,024 MB usable = 31 VMs of 2 GB. $10,000 / 36 + 43.80 + 40 + 50 = $411.58 a month. */
export const BIG: PricedHost = { host: { id: 'Big', model: 'Big', sockets: 2, coresPerSocket: 4, threadsPerCore: 1, clockGHz: 3, memoryGB: 64 }, purchasePrice: 10000, powerWatts: 400, rackUnits: 2 };
/** 1 x 4 cores, 3 GHz, 16 GB: 15,872 MB usable = 7 VMs of 2 GB. $3,000 / 36 + 200 W (21.90) + 1 U (20) + 50 = $175.23 a month. */
export const SMALL: PricedHost = { host: { id: 'Small', model: 'Small', sockets: 1, coresPerSocket: 4, threadsPerCore: 1, clockGHz: 3, memoryGB: 16 }, purchasePrice: 3000, powerWatts: 200, rackUnits: 1 };

export const MONTH_R32 = 10000 / 36 + 43.8 + 40 + 50;
export const MONTH_SMALL = 3000 / 36 + 21.9 + 20 + 50;

export const vms2GB = (n: number, prefix = 'v'): Vm[] => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${String(i + 1).padStart(3, '0')}`, vcpus: 1, memoryGB: 2 }));

/** A sample inventory: web, app, SQL and file servers of a 2008-era shop (generated, not real data). */
export function sampleInventory(): Vm[] {
  const out: Vm[] = [];
  const add = (role: string, n: number, vm: Omit<Vm, 'id'>) => { for (let i = 1; i <= n; i++) out.push({ ...vm, id: `${role}-${String(i).padStart(2, '0')}`, role }); };
  add('web', 20, { vcpus: 1, memoryGB: 2, diskGB: 40, cpuUtilization: 0.3, guestOS: 'Windows Server 2008' });
  add('app', 12, { vcpus: 2, memoryGB: 4, diskGB: 60, cpuUtilization: 0.4, guestOS: 'Windows Server 2008' });
  add('sql', 4, { vcpus: 4, memoryGB: 16, diskGB: 200, cpuUtilization: 0.5, guestOS: 'Windows Server 2008', antiAffinity: ['sql-cluster'] });
  add('file', 6, { vcpus: 1, memoryGB: 2, diskGB: 300, cpuUtilization: 0.1, guestOS: 'Windows Server 2003' });
  add('lnx', 8, { vcpus: 1, memoryGB: 1, diskGB: 20, cpuUtilization: 0.2, guestOS: 'SLES 10' });
  return out;
}
