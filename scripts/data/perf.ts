import { writePdhCsv, type PdhRow } from '@hostplan/bench';
import { picker, seededRandom } from './random.js';
import type { SampleVm } from './inventory.js';

/** The hosts with perfmon logs, the VMs on each (ids from the sample inventory), and the VM that grows. */
export const PERF_LAYOUT = {
  start: '2026-11-02T00:00:00', // a Monday, local time
  days: 7,
  intervalMinutes: 5,
  zoneName: 'W. Europe Standard Time',
  biasMinutes: -60, // UTC minus local
  clockGHz: 2.93,
  cores: 12,
  memoryMB: 96 * 1024,
  growingVm: 'app-02',
  hosts: {
    hv01: ['web-c01-1', 'web-c02-1', 'sql-01a', 'exch-01', 'file-01', 'vdi-001', 'vdi-002', 'vdi-003', 'test-01', 'test-02', 'app-01'],
    hv02: ['web-c01-2', 'web-c02-2', 'sql-01b', 'exch-04', 'file-02', 'vdi-004', 'vdi-005', 'vdi-006', 'test-03', 'app-02', 'linux-01'],
  } as Record<string, string[]>,
} as const;

/** Load shape over the week: business hours on weekdays, a nightly backup bump, quiet weekends. */
function shape(role: string, hourOfDay: number, dayOfWeek: number): number {
  const weekend = dayOfWeek === 0 || dayOfWeek === 6;
  const business = hourOfDay >= 8 && hourOfDay < 18 ? Math.sin(((hourOfDay - 8) / 10) * Math.PI) : 0;
  const backup = hourOfDay >= 1 && hourOfDay < 3 ? 0.6 : 0;
  switch (role) {
    case 'vdi':
      return weekend ? 0.05 : 0.08 + 1.4 * business;
    case 'web':
      return 0.35 + (weekend ? 0.4 : 1.1) * Math.max(business, hourOfDay >= 18 && hourOfDay < 23 ? 0.5 : 0);
    case 'test':
      return 1;
    default:
      return (weekend ? 0.3 : 0.45 + 1.0 * business) + backup;
  }
}

/**
 * Two hosts' perfmon logs (PDH-CSV, as perfmon writes them) over 7 days at 5-minute samples:
 * host logical-processor run time, available memory, disk transfers and NIC bytes; per VM the
 * guest run time of each virtual processor, memory, storage operations and network bytes. Idle
 * test VMs stay under 1 % of a core; `app-02` grows about 8 % a day; rate counters are blank in
 * the first row, and a few samples are missing, as in real logs.
 */
export function perfLogs(vms: readonly SampleVm[], _hosts: readonly { id: string }[]): Map<string, string> {
  const byId = new Map(vms.map((v) => [v.id, v]));
  const out = new Map<string, string>();
  const L = PERF_LAYOUT;
  const startUtc = Date.parse(`${L.start}Z`) + L.biasMinutes * 60_000;
  const steps = (L.days * 24 * 60) / L.intervalMinutes;
  for (const [hostId, vmIds] of Object.entries(L.hosts)) {
    const { between } = picker(seededRandom(hostId === 'hv01' ? 101 : 202));
    const H = `\\\\${hostId.toUpperCase()}`;
    const hostVms = vmIds.map((id) => {
      const vm = byId.get(id);
      if (!vm) throw new Error(`perf layout names ${id}, which is not in the inventory`);
      return vm;
    });
    const paths: string[] = [
      `${H}\\Hyper-V Hypervisor Logical Processor(_Total)\\% Total Run Time`,
      `${H}\\Memory\\Available MBytes`,
      `${H}\\PhysicalDisk(_Total)\\Disk Transfers/sec`,
      `${H}\\Network Interface(Intel[R] 82599 10 Gigabit Dual Port Network Connection)\\Bytes Total/sec`,
      `${H}\\Network Interface(Intel[R] 82599 10 Gigabit Dual Port Network Connection)\\Current Bandwidth`,
    ];
    const rate = [true, false, true, true, false];
    for (const vm of hostVms) {
      for (let vp = 0; vp < vm.vcpus; vp++) {
        paths.push(`${H}\\Hyper-V Hypervisor Virtual Processor(${vm.id}:Hv VP ${vp})\\% Guest Run Time`);
        rate.push(true);
      }
      paths.push(`${H}\\Hyper-V Dynamic Memory VM(${vm.id})\\Physical Memory`);
      rate.push(false);
      paths.push(`${H}\\Hyper-V Virtual Storage Device(D:-VMs-${vm.id}-${vm.id}.vhd)\\Read Operations/Sec`);
      paths.push(`${H}\\Hyper-V Virtual Storage Device(D:-VMs-${vm.id}-${vm.id}.vhd)\\Write Operations/Sec`);
      paths.push(`${H}\\Hyper-V Virtual Network Adapter(${vm.id}_Network Adapter)\\Bytes/sec`);
      rate.push(true, true, true);
    }
    const rows: PdhRow[] = [];
    for (let s = 0; s < steps; s++) {
      const t = startUtc + s * L.intervalMinutes * 60_000;
      const local = new Date(t - L.biasMinutes * 60_000);
      const hour = local.getUTCHours() + local.getUTCMinutes() / 60;
      const day = local.getUTCDay();
      const values: number[] = [];
      let hostGHz = 0;
      let vmMemoryMB = 0;
      let iops = 0;
      let bytes = 0;
      const vmValues: number[] = [];
      for (const vm of hostVms) {
        const growth = vm.id === L.growingVm ? 1 + 0.08 * (s / (24 * 12)) : 1;
        const idle = vm.role === 'test';
        const load = shape(vm.role, hour, day) * growth;
        for (let vp = 0; vp < vm.vcpus; vp++) {
          const pct = idle ? between(0.2, 0.6) : Math.min(100, Math.max(0.5, 100 * vm.cpuUtilization * load * between(0.8, 1.2)));
          vmValues.push(pct);
          hostGHz += (pct / 100) * L.clockGHz;
        }
        const memMB = vm.memoryGB * 1024;
        vmValues.push(memMB);
        vmMemoryMB += memMB + 32 + 8 * (Math.max(1, Math.ceil(vm.memoryGB)) - 1);
        const vmIops = vm.iops * (idle ? 0.5 : load) * between(0.85, 1.15);
        vmValues.push(0.7 * vmIops, 0.3 * vmIops);
        iops += vmIops;
        const vmBytes = vm.networkMbps * 125_000 * (idle ? 0.3 : load) * between(0.8, 1.2);
        vmValues.push(vmBytes);
        bytes += vmBytes;
      }
      values.push(
        Math.min(100, (100 * hostGHz) / (L.cores * L.clockGHz) + between(1.5, 3)), // hypervisor and root on top
        L.memoryMB - 1300 - vmMemoryMB + between(-40, 40),
        iops * 1.05 + between(5, 15),
        bytes * 1.02 + between(2_000, 8_000),
        10_000_000_000,
        ...vmValues,
      );
      for (let i = 0; i < values.length; i++) {
        if (s === 0 && rate[i]) values[i] = Number.NaN; // perfmon writes the first sample of a rate counter blank
        else if (Number.isFinite(values[i]!)) values[i] = Math.round(values[i]! * 1000) / 1000;
      }
      // two dropped samples per host, as when the collector is busy
      if (s === 700 || s === 1500) values.fill(Number.NaN, 1);
      rows.push({ timestampMs: t, values });
    }
    out.set(`${hostId}.csv`, writePdhCsv(rows, { paths, zoneName: L.zoneName, biasMinutes: L.biasMinutes }));
  }
  return out;
}
