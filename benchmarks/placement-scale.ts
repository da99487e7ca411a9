// Scale instance and the plain FFD reference for `npm run bench:placement`.
import { seededRandom } from '@hostplan/core';

/**
 * A realistic farm-sized instance in 4 resources (CPU GHz, memory MB, IOPS, guest Mbps) on
 * identical hosts (2 x 16 cores at 2.6 GHz less a 10 % reserve = 74.88 GHz; 512 GB less a
 * 512 MB root reserve = 523,776 MB; 20,000 IOPS; 2 x 10 Gbps less 10 % = 18,000 Mbps):
 * 30 % CPU-heavy VMs (2-8 vCPUs at 50-90 % of 2.6 GHz, 4-16 GB), 30 % memory-heavy VMs
 * (1-2 vCPUs at 10-30 %, 16-96 GB) and 40 % general-purpose VMs (1-4 vCPUs at 20-50 %,
 * 2-16 GB); memory with Hyper-V's overhead, 50-500 IOPS, 10-200 Mbps.
 */
export function scaleInstance(n: number, seed = 7): { capacity: number[]; items: number[][] } {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const between = (a: number, b: number) => a + (b - a) * rnd();
  const capacity = [2 * 16 * 2.6 * 0.9, 512 * 1024 - 512, 20_000, 18_000];
  const items: number[][] = [];
  for (let i = 0; i < n; i++) {
    const kind = rnd();
    const cpuHeavy = kind < 0.3;
    const memHeavy = kind >= 0.3 && kind < 0.6;
    const vcpus = cpuHeavy ? pick([2, 4, 4, 8]) : memHeavy ? pick([1, 2]) : pick([1, 2, 2, 4]);
    const util = cpuHeavy ? between(0.5, 0.9) : memHeavy ? between(0.1, 0.3) : between(0.2, 0.5);
    const memGB = cpuHeavy ? pick([4, 6, 8, 12, 16]) : memHeavy ? pick([16, 24, 32, 48, 64, 96]) : pick([2, 4, 4, 8, 8, 16]);
    const memMB = memGB * 1024 + 32 + 8 * (memGB - 1);
    items.push([Math.round(vcpus * util * 2.6 * 100) / 100, memMB, Math.round(between(50, 500)), Math.round(between(10, 200))]);
  }
  return { capacity, items };
}

/**
 * Plain first-fit decreasing, written the textbook way as the time and quality reference:
 * items by decreasing L2 norm of size / capacity, each into the first open bin where it fits.
 */
export function plainFfd(capacity: readonly number[], items: readonly (readonly number[])[]): number {
  const d = capacity.length;
  const key = items.map((it) => it.reduce((s, x, k) => s + (x / capacity[k]!) ** 2, 0));
  const order = items.map((_, i) => i).sort((a, b) => key[b]! - key[a]! || a - b);
  const loads: number[][] = [];
  for (const i of order) {
    const it = items[i]!;
    let bin = loads.find((l) => l.every((x, k) => x + it[k]! <= capacity[k]!));
    if (!bin) loads.push((bin = new Array<number>(d).fill(0)));
    for (let k = 0; k < d; k++) bin[k]! += it[k]!;
  }
  return loads.length;
}
