import { readFileSync } from 'node:fs';
import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { concatSources, measureDemand, readPerfFile } from '@hostplan/bench';
import { dataFolder } from './dataFolder.js';

const DATA = dataFolder('bitbrains') + '/';

/** Columns of a Bitbrains file split independently of the readers: `;` then a tab, header on line 1. */
function columns(file: string): Record<string, number[]> {
  const [head, ...rows] = readFileSync(DATA + file, 'utf8').trim().split(/\r?\n/).map((l) => l.split(';').map((c) => c.trim()));
  return Object.fromEntries(head!.map((h, i) => [h, rows.map((r) => Number(r[i]))]));
}
const p95 = (xs: number[]) => quantileSorted([...xs].sort((a, b) => a - b), 0.95);

describe('measureDemand on the Bitbrains traces (HOSTPLAN_DATA/bitbrains)', () => {
  it('sizes VM 407 from its MHz, cores and KB columns, checked against an independent parse', async () => {
    const r = await measureDemand((sink) => readPerfFile(DATA + '407.csv', sink, { columnMap: 'bitbrains' }), { comfortFactor: 1.3 });
    const c = columns('407.csv');
    const vm = r.vms.find((v) => v.id === '407')!;
    const cores = Math.max(...c['CPU cores']!);
    const clockGHz = Math.max(...c['CPU capacity provisioned [MHZ]']!) / 1000 / cores;
    expect(vm.vcpus).toBe(cores);
    expect(vm.clockGHz).toBeCloseTo(clockGHz, 12);
    // CPU: p95 of MHz / 1000 x 1.3; memory: p95 of KB / 1024 x 1.3; network: p95 of (rx + tx) KB/s x 1024 x 8 / 1e6 x 1.3
    expect(vm.demand.cpuGHz).toBeCloseTo((p95(c['CPU usage [MHZ]']!) / 1000) * 1.3, 9);
    expect(vm.demand.memoryMB).toBeCloseTo((p95(c['Memory usage [KB]']!) / 1024) * 1.3, 6);
    const net = c['Network received throughput [KB/s]']!.map((x, i) => ((x + c['Network transmitted throughput [KB/s]']![i]!) * 1024 * 8) / 1e6);
    expect(vm.demand.networkMbps).toBeCloseTo(p95(net) * 1.3, 9);
    expect(vm.vm).toMatchObject({ id: '407', vcpus: cores, cpuDemandGHz: expect.closeTo((p95(c['CPU usage [MHZ]']!) / 1000) * 1.3, 9) });
    // one VM per file, named as its host: no host rows
    expect(r.hosts).toEqual([]);
  });

  it('flags the short-lived VM 166 as idle and reads six files together, one VM each', async () => {
    const files = ['1.csv', '407.csv', '234.csv', '306.csv', '45.csv', '166.csv'];
    const r = await measureDemand(concatSources(files.map((f) => (sink) => readPerfFile(DATA + f, sink, { columnMap: 'bitbrains' }))));
    expect(r.vms.map((v) => v.id)).toEqual(['1', '407', '234', '306', '45', '166']);
    const idle = r.vms.find((v) => v.id === '166')!;
    const mhz = p95(columns('166.csv')['CPU usage [MHZ]']!);
    expect(mhz).toBeLessThan(100); // the independent figure behind the flag
    expect(idle.idle.idle).toBe(true);
    // 45's zero-capacity rows are reported by the reader, and its vCPUs come from the rows that have them
    expect(r.stats.issues.filter((i) => i.code === 'non-positive-capacity').map((i) => i.file.split('/').pop())).toContain('45.csv');
  });
});
