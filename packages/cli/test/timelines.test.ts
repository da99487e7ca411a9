import { resolve } from 'node:path';
import { placeVms } from '@hostplan/core';
import { loadHosts, loadVms, measureDemand, readPerfFile, concatSources } from '@hostplan/bench';
import { describe, expect, it } from 'vitest';
import { reportTimelinesFrom } from '../src/timelines.js';
import { ROOT } from './support/run.js';

describe('reportTimelinesFrom({ demand, plan, vms, hosts })', () => {
  it('gives each planned host its use with every measured VM at its bucket mean, on a grid covering the capture', async () => {
    const hosts = await loadHosts('data/hosts.json', ROOT);
    const inventory = await loadVms('data/vms.json', ROOT);
    const files = ['data/perf/hv01.csv', 'data/perf/hv02.csv'].map((f) => (sink: Parameters<typeof readPerfFile>[1]) => readPerfFile(resolve(ROOT, f), sink));
    const demand = await measureDemand(concatSources(files), { hosts, inventory });
    const measured = new Map(demand.vms.flatMap((m) => (m.vm ? [[m.vm.id, m.vm] as const] : [])));
    const vms = inventory.map((v) => measured.get(v.id) ?? v);
    const plan = placeVms(hosts, vms);
    const t = reportTimelinesFrom({ demand, plan, vms, hosts })!;
    // the sample logs hold a week at 5 minutes
    expect(t.stepMs).toBe(300_000);
    expect(t.hosts.length).toBeGreaterThan(0);
    const vmHost = new Map(plan.placements.map((p) => [p.vm, p.host]));
    const hostsWithMeasured = new Set(demand.vms.flatMap((m) => (m.vm && vmHost.has(m.vm.id) ? [vmHost.get(m.vm.id)!] : [])));
    expect(new Set(t.hosts.map((h) => h.host))).toEqual(hostsWithMeasured);
    // independently: at bucket i, use + sum over the host's measured VMs of (cores mean x clock - planned GHz)
    const byIndex = new Map(demand.stats.series.map((s) => [s.index, s]));
    for (const h of t.hosts) {
      const use = plan.hosts.find((u) => u.id === h.host)!;
      const cpu = h.resources.find((r) => r.resource === 'cpuGHz')!;
      expect(cpu.target).toBe(use.capacity.cpuGHz);
      const mine = demand.vms.filter((m) => m.vm && vmHost.get(m.vm.id) === h.host);
      for (const i of [0, 500, 1000, 1500]) {
        const at = t.startMs + i * t.stepMs;
        let expected = use.used.cpuGHz;
        for (const m of mine) {
          const g = demand.groups.find((x) => x.host.toLowerCase() === m.host.toLowerCase() && x.entity === m.entity && x.resource === 'vm.cpuCores')!;
          const b = byIndex.get(g.index)!.buckets!;
          const j = (at - b.firstBucketMs) / b.bucketMs;
          if (j >= 0 && j < b.means.length && b.counts[j]! > 0) expected += b.means[j]! * m.clockGHz! - m.vm!.cpuDemandGHz!;
        }
        expect(cpu.values[i]).toBeCloseTo(expected, 9);
      }
    }
    // the host counter alerts of HV01 are marked on the planned host hv01
    const hv01 = t.hosts.find((h) => h.host === 'hv01')?.alerts ?? [];
    expect(hv01.length).toBeGreaterThan(0);
    // they are logical-processor run-time alerts: CPU's chart, not memory's
    expect(new Set(hv01.map((a) => a.resource))).toEqual(new Set(['cpuGHz']));
  });
});
