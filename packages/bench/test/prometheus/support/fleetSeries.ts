import { seededRandom } from '@hostplan/core';
/**
 * A deterministic fleet of series for the integration test: per-VM CPU gauges with NaN and
 * infinite samples in one VM, and a per-VM network byte counter. Values have at most six
 * decimals, so the OpenMetrics text, Prometheus's answers and JavaScript numbers agree bit
 * for bit.
 */

/** 2025-06-01T00:00:00Z: fixed, so that runs are identical. */
export const BASE_MS = Date.UTC(2025, 5, 1);
export const STEP_MS = 60_000;

export interface GeneratedSeries {
  readonly labels: Record<string, string>;
  /** Samples at BASE_MS + i x STEP_MS. */
  readonly values: number[];
}

export interface Fleet {
  readonly cpu: GeneratedSeries[];
  readonly netCounter: GeneratedSeries[];
  readonly points: number;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** `hosts` x `vmsPerHost` VMs over `points` minutes; the first VM of the first host has bad values. */
export function generateFleet(hosts: number, vmsPerHost: number, points: number, seed = 42): Fleet {
  const rnd = seededRandom(seed); // mulberry32, core's seeded generator
  const cpu: GeneratedSeries[] = [];
  const netCounter: GeneratedSeries[] = [];
  for (let h = 0; h < hosts; h++) {
    for (let v = 0; v < vmsPerHost; v++) {
      const labels = { instance: `hv${h + 1}:9182`, vm: `vm-${h + 1}-${v + 1}`, job: 'hyperv' };
      const base = 5 + rnd() * 40;
      const values: number[] = [];
      for (let i = 0; i < points; i++) {
        // a daily cycle, noise, and rare spikes
        const day = Math.sin((2 * Math.PI * i) / 1440) * 10;
        const spike = rnd() < 0.01 ? 30 * rnd() : 0;
        values.push(round6(Math.max(0, base + day + rnd() * 8 + spike)));
      }
      if (h === 0 && v === 0) {
        for (let i = 100; i < points; i += 997) values[i] = Number.NaN;
        values[500] = Number.POSITIVE_INFINITY;
        values[501] = Number.NEGATIVE_INFINITY;
      }
      cpu.push({ labels, values });
      let total = 0;
      const counter: number[] = [];
      for (let i = 0; i < points; i++) {
        total += Math.round(rnd() * 1e6 * (1 + (v % 3)));
        counter.push(total);
      }
      netCounter.push({ labels, values: counter });
    }
  }
  return { cpu, netCounter, points };
}

const omValue = (v: number) => (Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : String(v));
const omLabels = (l: Record<string, string>) => `{${Object.entries(l).map(([k, v]) => `${k}="${v}"`).join(',')}}`;

/** The fleet as OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`. */
export function toOpenMetrics(fleet: Fleet): string {
  const out: string[] = ['# HELP hp_vm_cpu_percent VM guest run time, percent of one core.', '# TYPE hp_vm_cpu_percent gauge'];
  for (const s of fleet.cpu) {
    const l = omLabels(s.labels);
    s.values.forEach((v, i) => out.push(`hp_vm_cpu_percent${l} ${omValue(v)} ${(BASE_MS + i * STEP_MS) / 1000}`));
  }
  out.push('# HELP hp_vm_net_bytes VM network bytes.', '# TYPE hp_vm_net_bytes counter');
  for (const s of fleet.netCounter) {
    const l = omLabels(s.labels);
    s.values.forEach((v, i) => out.push(`hp_vm_net_bytes_total${l} ${v} ${(BASE_MS + i * STEP_MS) / 1000}`));
  }
  out.push('# EOF');
  return out.join('\n') + '\n';
}
