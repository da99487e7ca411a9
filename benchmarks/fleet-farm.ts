// The fleet instance of `npm run bench:fleet`: identical hosts in 16-node clusters, VMs in the
// mix of placement-scale.ts, and the same farm as capacity vectors for the plain FFD baseline.
import { hostCapacity, RESOURCES, seededRandom, vmDemand, type Host, type Resource, type Vm } from '@hostplan/core';

/**
 * `hostCount` identical hosts (2 x 16 cores at 2.6 GHz with HT, 512 GB, 20,000 IOPS, 2 x 10
 * Gbps guest ports, Hyper-V 2016) in clusters of 16, and `vmCount` VMs: 30 % CPU-heavy (2-8
 * vCPUs at 50-90 %, 4-16 GB), 30 % memory-heavy (1-2 vCPUs at 10-30 %, 16-96 GB), 40 % general
 * (1-4 vCPUs at 20-50 %, 2-16 GB); 50-500 IOPS, 10-200 Mbps, 40 GB disks.
 */
export function fleet(hostCount: number, vmCount: number, seed = 11): { hosts: Host[]; vms: Vm[] } {
  const hosts: Host[] = Array.from({ length: hostCount }, (_, i) => ({
    id: `h${String(i).padStart(6, '0')}`, sockets: 2, coresPerSocket: 16, threadsPerCore: 2, clockGHz: 2.6, memoryGB: 512, platform: 'hyperv-2016',
    storage: { iops: 20_000, capacityGB: 40_000 }, nics: [{ role: 'management', gbps: 1, ports: 1 }, { role: 'guest', gbps: 10, ports: 2 }],
    cluster: `c${String(Math.floor(i / 16)).padStart(4, '0')}`,
  }));
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const between = (a: number, b: number) => a + (b - a) * rnd();
  const vms: Vm[] = Array.from({ length: vmCount }, (_, i) => {
    const kind = rnd();
    const cpuHeavy = kind < 0.3;
    const memHeavy = kind >= 0.3 && kind < 0.6;
    return {
      id: `v${String(i).padStart(7, '0')}`,
      vcpus: cpuHeavy ? pick([2, 4, 4, 8]) : memHeavy ? pick([1, 2]) : pick([1, 2, 2, 4]),
      cpuUtilization: Math.round((cpuHeavy ? between(0.5, 0.9) : memHeavy ? between(0.1, 0.3) : between(0.2, 0.5)) * 100) / 100,
      memoryGB: cpuHeavy ? pick([4, 6, 8, 12, 16]) : memHeavy ? pick([16, 24, 32, 48, 64, 96]) : pick([2, 4, 4, 8, 8, 16]),
      diskGB: 40,
      iops: Math.round(between(50, 500)),
      networkMbps: Math.round(between(10, 200)),
    };
  });
  return { hosts, vms };
}

/** The farm as plain vectors (every resource with a finite limit), as hostplan computes limits and demands. */
export function asVectors(host: Host, vms: readonly Vm[]): { resources: Resource[]; capacity: number[]; items: number[][] } {
  const limits = hostCapacity(host).limits;
  const resources = RESOURCES.filter((r) => Number.isFinite(limits[r]));
  return { resources, capacity: resources.map((r) => limits[r]), items: vms.map((v) => { const d = vmDemand(v, host).vector; return resources.map((r) => d[r]); }) };
}
