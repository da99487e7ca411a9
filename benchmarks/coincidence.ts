// `tsx --conditions=source benchmarks/coincidence.ts`: placeVms with and without peak coincidence
// on a synthetic fleet whose CPU peaks come at different hours (office VMs by day, batch VMs by
// night, the rest flat), 5-minute profiles over 7 days (2,016 points), seeded noise.
// Prints hosts used, the lower bound, VMs left out and the time of each run.
//
// Options: --vms N (default 200,500)  --points N (default 2016)  --percentile P (default 95)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dataRoot } from '../scripts/dataRoot.mjs';
import { parseArgs } from 'node:util';
import { coincidenceProfiles, concatSources, measureDemand, readPerfFile } from '@hostplan/bench';
import { placeVms, seededRandom, type Host, type Vm, type VmProfile } from '@hostplan/core';

const { values } = parseArgs({ options: {
  vms: { type: 'string', default: '200,500' },
  points: { type: 'string', default: '2016' },
  percentile: { type: 'string', default: '95' },
} });
const points = Number(values.points);
const percentile = Number(values.percentile);
const PER_DAY = 288; // 5-minute buckets

/** A fleet of `n` VMs: 40 % office (busy 8:00-18:00), 40 % batch (busy 20:00-6:00), 20 % flat. */
function fleet(n: number, seed: number): { vms: Vm[]; profiles: Record<string, VmProfile> } {
  const next = seededRandom(seed);
  const vms: Vm[] = [];
  const profiles: Record<string, VmProfile> = {};
  for (let i = 0; i < n; i++) {
    const kind = i % 5 < 2 ? 'office' : i % 5 < 4 ? 'batch' : 'flat';
    const vcpus = 1 + Math.floor(next() * 4);
    const peakGHz = vcpus * 3 * (0.5 + 0.4 * next()); // 50-90 % of its vCPUs at 3 GHz
    const lowGHz = peakGHz * 0.1;
    const values = new Float64Array(points);
    for (let t = 0; t < points; t++) {
      const hour = ((t % PER_DAY) / PER_DAY) * 24;
      const busy = kind === 'office' ? hour >= 8 && hour < 18 : kind === 'batch' ? hour >= 20 || hour < 6 : true;
      const level = kind === 'flat' ? peakGHz * 0.5 : busy ? peakGHz : lowGHz;
      values[t] = Math.max(0, level * (0.9 + 0.2 * next()));
    }
    const sorted = Float64Array.from(values).sort();
    const h = (points - 1) * (percentile / 100);
    const lo = Math.floor(h);
    const p95 = sorted[lo]! + (h - lo) * (sorted[Math.ceil(h)]! - sorted[lo]!);
    const id = `${kind}-${String(i).padStart(4, '0')}`;
    vms.push({ id, vcpus, memoryGB: 2 + Math.floor(next() * 3), cpuDemandGHz: p95 });
    profiles[id] = { cpuGHz: values };
  }
  return { vms, profiles };
}

/** Identical hosts: 2 x 8 cores at 3 GHz (43.2 GHz after the 10 % reserve), 256 GB: CPU binds. */
const hostsFor = (n: number): Host[] => Array.from({ length: n }, (_, i) => ({ id: `h${String(i).padStart(4, '0')}`, sockets: 2, coresPerSocket: 8, threadsPerCore: 1, clockGHz: 3, memoryGB: 256 }));

for (const n of values.vms.split(',').map(Number)) {
  const { vms, profiles } = fleet(n, 42);
  const hosts = hostsFor(Math.ceil(n / 2));
  const t0 = performance.now();
  const off = placeVms(hosts, vms);
  const t1 = performance.now();
  const on = placeVms(hosts, vms, { coincidence: { profiles, percentile } });
  const t2 = performance.now();
  // reference (not a bound: a percentile is not additive): the fleet's summed series at its percentile over one host's CPU limit
  const total = new Float64Array(points);
  for (const v of vms) {
    const prof = profiles[v.id]!.cpuGHz!;
    for (let t = 0; t < points; t++) total[t]! += prof[t]!;
  }
  const sortedTotal = total.sort();
  const fleetP = sortedTotal[Math.round((points - 1) * (percentile / 100))]!;
  console.log(`${n} VMs: fleet-wide p${percentile} of the summed CPU ${fleetP.toFixed(1)} GHz / 43.2 GHz per host = ${(fleetP / 43.2).toFixed(1)} hosts; sum of the VMs' p${percentile} ${vms.reduce((s, v) => s + v.cpuDemandGHz!, 0).toFixed(1)} GHz / 43.2 = ${(vms.reduce((s, v) => s + v.cpuDemandGHz!, 0) / 43.2).toFixed(1)}`);
  console.log(`${n} VMs, ${points} points, p${percentile}: off ${off.summary.hostsUsed} hosts (bound ${off.summary.lowerBound}, ${off.unplaced.length} left out) in ${(t1 - t0).toFixed(0)} ms; `
    + `peak coincidence ${on.summary.hostsUsed} hosts (${on.unplaced.length} left out, construction ${String(on.assumptions.find((a) => a.name === 'placement.construction')?.value)}) in ${(t2 - t1).toFixed(0)} ms; `
    + `${off.summary.hostsUsed - on.summary.hostsUsed} fewer hosts (${(((off.summary.hostsUsed - on.summary.hostsUsed) / off.summary.hostsUsed) * 100).toFixed(1)} %)`);
}

// Real traces: the six Bitbrains VMs of the public data sets' bitbrains/ (HOSTPLAN_DATA, else ../shared/data; when present), on hosts of
// 1 x 4 cores at each VM's clock: CPU binds, memory is not profiled (the default).
const DATA = pathToFileURL(join(dataRoot(), 'bitbrains') + '/');
if (existsSync(DATA)) {
  const files = ['1.csv', '407.csv', '234.csv', '306.csv', '45.csv', '166.csv'].map((f) => fileURLToPath(new URL(f, DATA)));
  const r = await measureDemand(concatSources(files.map((f) => (sink) => readPerfFile(f, sink, { columnMap: 'bitbrains' }))));
  const vms = r.vms.flatMap((v) => (v.vm ? [v.vm] : []));
  const p = coincidenceProfiles(r, { percentile });
  for (const cores of [4, 8, 16]) {
    const hosts = Array.from({ length: vms.length }, (_, i): Host => ({ id: `b${i}`, sockets: 1, coresPerSocket: cores, threadsPerCore: 1, clockGHz: 2.9, memoryGB: 1024 }));
    const t0 = performance.now();
    const off = placeVms(hosts, vms);
    const on = placeVms(hosts, vms, { coincidence: p.coincidence });
    const ms = performance.now() - t0;
    const cpu = (plan: typeof off) => plan.hosts.filter((h) => h.vms.length).map((h) => h.used.cpuGHz.toFixed(2)).join(' + ');
    console.log(`bitbrains ${vms.length} VMs (${p.points} points of ${p.bucketMs / 60_000} min, ${Object.keys(p.filled).length} VMs with gaps filled) on 1 x ${cores} cores at 2.9 GHz: `
      + `off ${off.summary.hostsUsed} hosts (${cpu(off)} GHz), on ${on.summary.hostsUsed} hosts (${cpu(on)} GHz), ${off.unplaced.length}/${on.unplaced.length} left out, both in ${ms.toFixed(0)} ms`);
  }
} else console.log(`bitbrains: ${fileURLToPath(DATA)} missing, skipped`);
