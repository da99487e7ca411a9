// `npm run bench:failover`: exhaustive failover checks at the sizes issue 13 names (2,016 sets of
// a 64-node cluster at k=2, 1,820 sets of a 16-node cluster at k=4) and issue 16's fleet
// (10,000 VMs on 1,000 hosts in 16-node clusters, N+1), timed with the plain packing they
// follow. Options: --repeat N (runs per case, the median is printed).
import { parseArgs } from 'node:util';
import { checkFailover, fits, placeVms, RESOURCES, vmDemand, type Host, type Placement, type ResourceVector, type Vm } from '@hostplan/core';

// the trap farms, built as the tests build them
import { trapFarm } from '../packages/core/test/failover/trapFarms.js';

const { values } = parseArgs({ options: { repeat: { type: 'string', default: '3' } } });
const repeat = Number(values.repeat);

/** 10,000 VMs of mixed sizes on 1,000 hosts of two models, 16-node clusters (hyperv-2008). */
function fleet(): { hosts: Host[]; vms: Vm[] } {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const hosts: Host[] = Array.from({ length: 1000 }, (_, i) => ({ id: `h${String(i + 1).padStart(4, '0')}`, sockets: 2, coresPerSocket: i % 2 ? 8 : 6, threadsPerCore: 2, clockGHz: i % 2 ? 2.6 : 3.0, memoryGB: i % 2 ? 256 : 192, platform: 'hyperv-2008r2' }));
  const sizes = [1, 2, 2, 4, 4, 4, 8, 8, 16, 32];
  const vms: Vm[] = Array.from({ length: 10_000 }, (_, i) => ({ id: `vm${i + 1}`, vcpus: 1 + Math.floor(rnd() * 4), memoryGB: sizes[Math.floor(rnd() * sizes.length)]!, cpuUtilization: 0.1 + rnd() * 0.4 }));
  return { hosts, vms };
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const runs: number[] = [];
  let value!: T;
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    value = fn();
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  return { ms: runs[Math.floor(runs.length / 2)]!, value };
}

const cases = [
  { label: '64-node hyperv-2016, k=2 (2,016 sets)', farm: trapFarm('hyperv-2016', 61, 3, 24), k: 2 },
  { label: '16-node hyperv-2008, k=4 (1,820 sets)', farm: trapFarm('hyperv-2008', 11, 5, 16), k: 4 },
];
for (const c of cases) {
  const { ms, value } = time(() => checkFailover(c.farm.hosts, c.farm.plan, { vms: c.farm.vms, k: c.k }));
  console.log(`${c.label}: ${ms.toFixed(0)} ms, ${value.coverage.checked} of ${value.coverage.total} sets, ${value.verdict}, ${(1000 * ms / value.coverage.checked).toFixed(1)} us/set`);
}
/** A spread plan: VM i on the first host from i mod hosts on that still holds it (first fit, round robin). */
function spread(hosts: readonly Host[], vms: readonly Vm[]): Placement[] {
  const used = hosts.map(() => ({}) as Partial<ResourceVector>);
  return vms.map((vm, i) => {
    for (let j = 0; j < hosts.length; j++) {
      const h = (i + j) % hosts.length;
      if (!fits(vm, hosts[h]!, used[h]).ok) continue;
      const d = vmDemand(vm, hosts[h]!).vector;
      for (const r of RESOURCES) used[h]![r] = (used[h]![r] ?? 0) + d[r];
      return { vm: vm.id, host: hosts[h]!.id };
    }
    throw new Error(`${vm.id} fits nowhere`);
  });
}

const f = fleet();
const spreadPlan = { placements: spread(f.hosts, f.vms) };
const n1s = time(() => checkFailover(f.hosts, spreadPlan, { vms: f.vms, k: 1 }));
console.log(`fleet 10,000 VMs / 1,000 hosts spread round robin: checkFailover k=1 ${n1s.ms.toFixed(0)} ms, ${n1s.value.coverage.checked} of ${n1s.value.coverage.total} sets, ${n1s.value.verdict}`);
const placed = time(() => placeVms(f.hosts, f.vms, {}));
const n1 = time(() => checkFailover(f.hosts, placed.value, { vms: f.vms, k: 1 }));
console.log(`fleet consolidated by placeVms (${placed.value.summary.hostsUsed} hosts used, ${placed.ms.toFixed(0)} ms): checkFailover k=1 ${n1.ms.toFixed(0)} ms, ${n1.value.coverage.checked} of ${n1.value.coverage.total} sets, ${n1.value.verdict}`);
