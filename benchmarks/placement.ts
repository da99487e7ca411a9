// `npm run bench:placement`: hostplan's packVectors against the classic heuristics (measured in
// the same run) and the best published heuristic, on CT01 and the Mommessin et al. sets, plus
// the 100,000-VM scale run against a plain FFD.
//
// Options: --sets ct01,new,panigrahy,triplet,scale,rate (default all but triplet: its files hold
//          negative sizes, e.g. classC_120_10_0 line 9, which parseVbp rejects)  --sample K (every K-th instance)
//          --effort N (improvement budget, move evaluations)  --n N (scale items, default 100000)
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CLASSIC_HEURISTICS, DEFAULT_PACK_EFFORT, packClassic, packVectors, parseVbp, placeVms, rateHosts, seededRandom, vectorLowerBound, type Host, type Vm } from '@hostplan/core';
import { ct01, mommessin, type BenchInstance } from './placement-sets.js';
import { plainFfd, scaleInstance } from './placement-scale.js';

const { values } = parseArgs({ options: {
  sets: { type: 'string', default: 'ct01,new,panigrahy,scale,rate' },
  sample: { type: 'string', default: '1' },
  effort: { type: 'string', default: String(DEFAULT_PACK_EFFORT) },
  n: { type: 'string', default: '100000' },
} });
const sets = values.sets.split(',');
const sample = Number(values.sample);
const effort = Number(values.effort);
const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '-');

function runSet(label: string, all: BenchInstance[]): void {
  const list = all.filter((_, i) => i % sample === 0);
  const ratios: Record<string, number[]> = { hostplan: [], ...Object.fromEntries(CLASSIC_HEURISTICS.map((h) => [h, []])), 'best-classic': [], published: [] };
  let hostplanMs = 0;
  let classicMs = 0;
  let atOptimum = 0;
  for (const inst of list) {
    const { capacity, items } = parseVbp(readFileSync(inst.file, 'utf8'), inst.name);
    let t = performance.now();
    const r = packVectors(capacity, items, { effort });
    hostplanMs += performance.now() - t;
    ratios.hostplan!.push(r.bins / inst.reference);
    if (r.bins <= inst.reference) atOptimum++;
    t = performance.now();
    let bestClassic = Infinity;
    for (const h of CLASSIC_HEURISTICS) {
      const bins = packClassic(capacity, items, h).bins;
      ratios[h]!.push(bins / inst.reference);
      bestClassic = Math.min(bestClassic, bins);
    }
    classicMs += performance.now() - t;
    ratios['best-classic']!.push(bestClassic / inst.reference);
    if (inst.publishedBest !== undefined) ratios.published!.push(inst.publishedBest / inst.reference);
  }
  const known = list.filter((i) => i.optimumKnown).length;
  const onKnown = (xs: readonly number[]) => mean(xs.filter((_, i) => list[i]!.optimumKnown));
  console.log(`\n${label}: ${list.length} instances (${known} with a proven optimum; otherwise the lower bound), mean bins / reference`);
  const rows = Object.entries(ratios).filter(([, v]) => v.length > 0).map(([k, v]) => `  ${k.padEnd(16)} ${f3(mean(v))}`);
  console.log(rows.join('\n'));
  if (known > 0 && known < list.length) {
    console.log(`  on the ${known} with a proven optimum: hostplan ${f3(onKnown(ratios.hostplan!))}, best-classic ${f3(onKnown(ratios['best-classic']!))}${ratios.published!.length ? `, published ${f3(onKnown(ratios.published!))}` : ''}`);
  }
  console.log(`  hostplan at the reference on ${atOptimum} of ${list.length}; time hostplan ${(hostplanMs / 1000).toFixed(1)} s (${(hostplanMs / list.length).toFixed(1)} ms per instance), six classics ${(classicMs / 1000).toFixed(1)} s`);
}

function runScale(n: number): void {
  const { capacity, items } = scaleInstance(n);
  const lb = vectorLowerBound(capacity, items);
  let t = performance.now();
  const ffdBins = plainFfd(capacity, items);
  const ffdMs = performance.now() - t;
  t = performance.now();
  const r = packVectors(capacity, items, { effort });
  const ms = performance.now() - t;
  console.log(`\nscale: ${n.toLocaleString('en-US')} VMs, 4 resources, identical hosts; lower bound ${lb}`);
  console.log(`  plain FFD (L2)   ${ffdBins} hosts (${f3(ffdBins / lb)} x LB)  ${ffdMs.toFixed(0)} ms`);
  console.log(`  hostplan         ${r.bins} hosts (${f3(r.bins / lb)} x LB)  ${ms.toFixed(0)} ms = ${(ms / ffdMs).toFixed(2)} x FFD time  [${r.construction.name} ${r.construction.bins}, effort ${r.effortUsed}]`);
}

function runRate(hostCount: number): void {
  const rnd = seededRandom(3);
  const hosts: Host[] = Array.from({ length: hostCount }, (_, i) => ({
    id: `h${String(i).padStart(5, '0')}`, sockets: 2, coresPerSocket: [8, 12, 16][i % 3]!, threadsPerCore: 2, clockGHz: [2.2, 2.6, 3.0][i % 3]!,
    memoryGB: [256, 384, 512][(i >> 1) % 3]!, platform: 'hyperv-2016', storage: { iops: 20_000, capacityGB: 8_000 }, nics: [{ role: 'guest', gbps: 10, ports: 2 }],
  }));
  const placed = Array.from({ length: hostCount * 10 }, (_, i) => ({
    vm: { id: `p${i}`, vcpus: 1 + Math.floor(rnd() * 4), memoryGB: 2 + Math.floor(rnd() * 30), iops: Math.floor(rnd() * 300), networkMbps: Math.floor(rnd() * 100) } as Vm,
    host: hosts[Math.floor(rnd() * hostCount)]!.id,
  }));
  const vm: Vm = { id: 'new', vcpus: 4, memoryGB: 64, iops: 500, networkMbps: 200, cpuUtilization: 0.5 };
  rateHosts(hosts.slice(0, 100), vm, { placed: placed.filter((p) => p.host < 'h00100') }); // warm-up
  const t = performance.now();
  const ratings = rateHosts(hosts, vm, { placed });
  const ms = performance.now() - t;
  const zero = ratings.filter((r) => r.stars === 0).length;
  console.log(`\nrateHosts: ${hostCount.toLocaleString('en-US')} hosts with ${placed.length.toLocaleString('en-US')} running VMs, one new VM`);
  console.log(`  ${ms.toFixed(0)} ms = ${((ms * 1000) / hostCount).toFixed(1)} µs per host (${zero} hosts at zero stars)`);
  const vms: Vm[] = Array.from({ length: 5000 }, (_, i) => ({ id: `v${i}`, vcpus: 1 + Math.floor(rnd() * 4), memoryGB: 2 + Math.floor(rnd() * 30), iops: Math.floor(rnd() * 300), networkMbps: Math.floor(rnd() * 100) }));
  const t2 = performance.now();
  const plan = placeVms(hosts.slice(0, 500), vms);
  console.log(`placeVms: ${vms.length.toLocaleString('en-US')} VMs onto 500 mixed hosts: ${plan.summary.hostsUsed} hosts used, lower bound ${plan.summary.lowerBound}, ${plan.summary.vmsUnplaced} unplaced, ${(performance.now() - t2).toFixed(0)} ms`);
}

console.log(`hostplan placement benchmark (effort ${effort.toLocaleString('en-US')} move evaluations${sample > 1 ? `, every ${sample}th instance` : ''})`);
if (sets.includes('ct01')) runSet('CT01 (Caprara & Toth, 2-D)', ct01());
if (sets.includes('new')) runSet('Mommessin New (3/5/10-D)', mommessin('New'));
if (sets.includes('panigrahy')) runSet('Mommessin Panigrahy (3/5/10-D)', mommessin('Panigrahy'));
if (sets.includes('triplet')) runSet('Mommessin Triplet (3/5/10-D)', mommessin('Triplet'));
if (sets.includes('scale')) runScale(Number(values.n));
if (sets.includes('rate')) runRate(10_000);
