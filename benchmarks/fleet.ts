// `npm run bench:fleet`: fleet-scale placement, N+1 and rating, against a plain first-fit
// decreasing on the same capacity vectors, measured in the same run.
//
// Options: --sizes 1000,10000,100000 (VMs; hosts = VMs / 10, clusters of 16)  --failover-max N
//          (largest VM count whose N+1 check runs, default 10000)  --rate-hosts N (default 10000)
import { parseArgs } from 'node:util';
import { checkFailover, indexHosts, placeVms, rateHosts, seededRandom, type Vm } from '@hostplan/core';
import { asVectors, fleet } from './fleet-farm.js';
import { plainFfd } from './placement-scale.js';

const { values } = parseArgs({ options: {
  sizes: { type: 'string', default: '1000,10000,100000' },
  'failover-max': { type: 'string', default: '10000' },
  'rate-hosts': { type: 'string', default: '10000' },
} });

/** Best of `runs` timings (ms) of `f`, and its last result: the machine is shared, the minimum is the least disturbed. */
function timed<T>(runs: number, f: () => T): { ms: number; result: T } {
  let ms = Infinity;
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = f();
    ms = Math.min(ms, performance.now() - t);
  }
  return { ms, result };
}

const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`);

function runPlacement(vmCount: number, failoverMax: number): void {
  const { hosts, vms } = fleet(vmCount / 10, vmCount);
  const v = asVectors(hosts[0]!, vms);
  const ffd = timed(vmCount >= 100_000 ? 1 : 5, () => plainFfd(v.capacity, v.items));
  const place = timed(vmCount >= 100_000 ? 1 : 2, () => placeVms(hosts, vms));
  const plan = place.result;
  let line = `  ${vmCount.toLocaleString('en-US').padStart(7)} VMs on ${hosts.length.toLocaleString('en-US').padStart(6)} hosts: FFD ${ffd.result} hosts in ${fmtMs(ffd.ms)}; placeVms ${plan.summary.hostsUsed} hosts (lower bound ${plan.summary.lowerBound}, ${plan.summary.vmsUnplaced} unplaced) in ${fmtMs(place.ms)} = ${(place.ms / ffd.ms).toFixed(1)} x FFD`;
  if (vmCount <= failoverMax) {
    const t = performance.now();
    const f = checkFailover(hosts, plan, { vms, k: 1 });
    const fms = performance.now() - t;
    line += `; N+1 ${f.exhaustive ? 'exhaustive' : 'sampled'} ${f.tolerates ? 'met' : 'not met'} in ${fmtMs(fms)}; placed + checked ${fmtMs(place.ms + fms)} = ${((place.ms + fms) / ffd.ms).toFixed(1)} x FFD`;
    // the stranded VMs' reasons per host are built when read: what reading all of them costs
    const e = performance.now();
    let stranded = 0;
    let reasons = 0;
    for (const s of f.scenarios) for (const u of s.unplaced) { stranded++; reasons += u.reasons.length; }
    if (stranded) line += ` (+ ${fmtMs(performance.now() - e)} to read the reasons of all ${stranded.toLocaleString('en-US')} stranded VMs, ${reasons.toLocaleString('en-US')} host reasons)`;
  }
  console.log(line);
}

function runRate(hostCount: number): void {
  const { hosts } = fleet(hostCount, 0);
  const rnd = seededRandom(3);
  const placed = Array.from({ length: hostCount * 10 }, (_, i) => ({
    vm: { id: `p${i}`, vcpus: 1 + Math.floor(rnd() * 4), memoryGB: 2 + Math.floor(rnd() * 30), iops: Math.floor(rnd() * 300), networkMbps: Math.floor(rnd() * 100) } as Vm,
    host: hosts[Math.floor(rnd() * hostCount)]!.id,
  }));
  const vm: Vm = { id: 'new', vcpus: 4, memoryGB: 64, iops: 500, networkMbps: 200, cpuUtilization: 0.5 };
  const build = timed(1, () => indexHosts(hosts, { placed, goal: 'balance' }));
  const index = build.result;
  const others: Vm[] = Array.from({ length: 200 }, (_, i) => ({ id: `q${i}`, vcpus: 1 + (i % 4), memoryGB: 2 + (i % 60), iops: i % 400, networkMbps: i % 150 }));
  for (const q of others.slice(0, 20)) index.rate(q); // warm-up
  const one = timed(20, () => index.rate(vm, { top: 10 }));
  const t = performance.now();
  for (const q of others) index.rate(q, { top: 10 });
  const each = (performance.now() - t) / others.length;
  const full = timed(1, () => rateHosts(hosts, vm, { placed, goal: 'balance' }));
  const best = one.result.ratings[0];
  console.log(`\nrating one VM against ${hostCount.toLocaleString('en-US')} hosts running ${placed.length.toLocaleString('en-US')} VMs (goal balance):`);
  console.log(`  indexHosts: built in ${fmtMs(build.ms)}; rate(vm, top 10) ${fmtMs(one.ms)} (best of 20), ${fmtMs(each)} a VM over ${others.length} different VMs; ${one.result.suitable.toLocaleString('en-US')} hosts suitable, best ${best?.host} ${best?.stars} stars`);
  console.log(`  rateHosts (every host explained, the farm built each call): ${fmtMs(full.ms)} = ${((full.ms * 1000) / hostCount).toFixed(1)} µs per host`);
}

const sizes = values.sizes.split(',').map(Number);
console.log('hostplan fleet benchmark: identical hosts (2 x 16 cores, 512 GB) in 16-node clusters, 10 VMs per host offered; times are the best of several runs');
for (const n of sizes) runPlacement(n, Number(values['failover-max']));
runRate(Number(values['rate-hosts']));
