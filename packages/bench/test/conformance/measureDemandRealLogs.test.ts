import { readFileSync } from 'node:fs';
import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, measureDemand, readPerfFile } from '@hostplan/bench';
import { dataRoot } from './dataFolder.js';

const DATA = dataRoot() + '/';
const p95 = (xs: number[]) => quantileSorted([...xs].sort((a, b) => a - b), 0.95);
const path = (r: Awaited<ReturnType<typeof measureDemand>>, p: string) => r.stats.series.find((s) => s.path === p)!;

describe('measureDemand on the real perfmon and sysstat logs (HOSTPLAN_DATA)', () => {
  it('Spanish PDH-TSV (Windows-1252): localised disk and NIC counters become host IOPS and Mbps, checked against an independent parse', async () => {
    const file = DATA + 'perfmon/spanish-cp1252-system.tsv';
    // the log never reaches 15 ms, so the disk-latency rule is lowered to 1 ms to give it runs to find
    const latencyRule = { ...DEFAULT_THRESHOLDS.find((t) => t.id === 'disk-latency')!, value: 0.001 };
    const r = await measureDemand((sink) => readPerfFile(file, sink), { stats: { thresholds: [latencyRule] } });
    // independent parse: latin1 equals cp1252 for these names; cells are "..." separated by tabs
    const [head, ...rows] = readFileSync(file, 'latin1').trim().split(/\r?\n/).map((l) => l.slice(1, -1).split('"\t"'));
    const col = (suffix: string) => head!.flatMap((h, i) => (h.endsWith(suffix) ? [i] : []));
    const num = (c: string) => (c.trim() === '' ? NaN : Number(c));
    const [transfers] = col('Disco físico(_Total)\\Transferencias de disco/s');
    const iops = rows.map((r) => num(r[transfers!]!)).filter(Number.isFinite);
    expect(path(r, 'GI-AN-B3_08/GI-AN-B3_08/host.iops').p95).toBe(p95(iops));
    // network: both NICs' Total de bytes/s summed per row, x 8 / 1e6; a row with a blank cell is missing
    const nics = col('\\Total de bytes/s');
    expect(nics).toHaveLength(2);
    const mbps = rows.map((r) => nics.reduce((s, i) => s + num(r[i]!), 0) * 8 / 1e6).filter(Number.isFinite);
    expect(path(r, 'GI-AN-B3_08/GI-AN-B3_08/host.networkMbps').p95).toBeCloseTo(p95(mbps), 9);
    // disk latency alerts (> 1 ms here, Promedio de segundos de disco/transferencia translated to Avg. Disk sec/Transfer): one per run of rows above
    const [latency] = col('Disco físico(_Total)\\Promedio de segundos de disco/transferencia');
    let runs = 0;
    let above = false;
    for (const row of rows) {
      const v = num(row[latency!]!);
      if (!Number.isFinite(v)) continue;
      if (v > 0.001 && !above) runs++;
      above = v > 0.001;
    }
    expect(runs).toBeGreaterThan(0);
    expect(r.stats.alerts.filter((a) => a.rule === 'disk-latency')).toHaveLength(runs);
  });

  it('sysstat sadf -d: host CPU = 100 - %idle of CPU -1, available memory = kbavail / 1024, against an independent parse', async () => {
    const file = DATA + 'sysstat/expected.sadf-d';
    const r = await measureDemand((sink) => readPerfFile(file, sink));
    const lines = readFileSync(file, 'utf8').split(/\r?\n/);
    // CPU -1 rows of the %usr...%idle header (14 cells; %idle last)
    const cpuLines = lines.filter((l) => /^[^#].*;-1;/.test(l) && l.split(';').length === 14).map((l) => l.split(';'));
    const idle = cpuLines.map((c) => 100 - Number(c[13]));
    expect(path(r, 'SYSSTAT.TEST/SYSSTAT.TEST/host.cpuPercent').p95).toBeCloseTo(p95(idle), 9);
    // rows under a header with kbmemfree;kbavail: kbavail is cell 4
    const mem = lines.filter((l, i) => i > 0 && lines.slice(0, i).reverse().find((h) => h.startsWith('#'))?.includes(';kbmemfree;kbavail;') && l && !l.startsWith('#')).map((l) => Number(l.split(';')[4]) / 1024);
    expect(mem.length).toBeGreaterThan(0);
    expect(path(r, 'SYSSTAT.TEST/SYSSTAT.TEST/host.availableMemoryMB').p95).toBeCloseTo(p95(mem), 9);
  });
});
