import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildFarm, checkFailover, resolvePolicy, sizeFarm,
  type Host, type PricedHost, type Vm,
} from '@hostplan/core';
import { fitsTogether } from '../support/fitsTogether.js';

const policy = resolvePolicy({});

/** Exact minimum number of hosts of one model that hold every VM (brute force over assignments, symmetric bins pruned). */
function minBins(host: Host, vms: readonly Vm[]): number {
  let best = vms.length;
  const bins: Vm[][] = [];
  const dfs = (i: number) => {
    if (bins.length >= best) return;
    if (i === vms.length) { best = bins.length; return; }
    for (const b of bins) {
      b.push(vms[i]!);
      if (fitsTogether(host, b)) dfs(i + 1);
      b.pop();
    }
    bins.push([vms[i]!]);
    dfs(i + 1);
    bins.pop();
  };
  dfs(0);
  return best;
}

const modelArb = fc.record({ memoryGB: fc.constantFrom(8, 12, 16), coresPerSocket: fc.constantFrom(1, 2) });
const vmArb = fc.record({ memoryGB: fc.constantFrom(1, 2, 3, 5), vcpus: fc.constantFrom(1, 2), cpuUtilization: fc.constantFrom(0.2, 0.6), anti: fc.option(fc.constantFrom('a'), { nil: undefined, freq: 4 }) });

describe('sizeFarm on small single-model catalogs against an exact search', () => {
  it('never exceeds the exact minimum + k hosts, never goes below it, and its failover verdict is proven', () => {
    fc.assert(fc.property(modelArb, fc.array(vmArb, { minLength: 1, maxLength: 7 }), fc.constantFrom(1, 2), (m, list, k) => {
      const entry: PricedHost = { host: { id: 'M', model: 'M', sockets: 2, threadsPerCore: 1, clockGHz: 3, ...m }, purchasePrice: 5000, powerWatts: 300, rackUnits: 1 };
      const vms: Vm[] = list.map((v, i) => ({ id: `v${i}`, vcpus: v.vcpus, memoryGB: v.memoryGB, cpuUtilization: v.cpuUtilization, ...(v.anti && { antiAffinity: [v.anti] }) }));
      const o = sizeFarm([entry], vms, { failover: k, mixed: false }).options[0]!;
      if (o.unplaced.length) return; // a VM larger than the model: nothing to size
      // Exact minimum of a one-cluster farm that survives k failures: the n - k survivors must
      // hold every VM, so n >= minBins + k; and minBins hosts plus k empty
      // ones survive any k failures (each failed host moves whole onto an empty one), so it is
      // exactly minBins + k (the farm stays under the 16-node limit here).
      const exact = minBins(entry.host, vms) + k;
      expect(o.feasible).toBe(true);
      expect(o.failover.verdict).toBe('met');
      expect(o.hosts).toBeGreaterThanOrEqual(exact);
      expect(o.hosts).toBeLessThanOrEqual(exact + k);
      // the layout it reports survives k failures when checked afresh
      const hosts = buildFarm([{ entry, count: o.hosts }], policy);
      expect(checkFailover(hosts, { placements: o.placements }, { vms, k }).tolerates).toBe(true);
    }), { numRuns: 120 });
  });
});
