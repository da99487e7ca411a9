import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { dataFolder } from '../../../bench/test/conformance/dataFolder.js';
import { run } from '../support/run.js';

describe('hostplan pack on CT01 instances (HOSTPLAN_DATA/vbp)', () => {
  it('packs two CT01 instances and prints a table with both at the lower bound', async () => {
    const ct01 = join(dataFolder('vbp/ct01/CT01'), '/');
    const r = await run(['pack', ct01 + 'CL_1_25_1.vbp', ct01 + 'CL_2_25_1.vbp', '--effort', '10000']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/CL_1_25_1\.vbp/);
    expect(r.out).toMatch(/of 2 at the lower bound/);
  });
});

describe('hostplan bench on the real perfmon logs (HOSTPLAN_DATA/perfmon)', () => {
  it('India LogicalDisk log: statistics equal simple-statistics on values split independently from the text', async () => {
    const file = join(dataFolder('perfmon'), 'india-logicaldisk.csv');
    const r = await run(['bench', file, '--json', '-']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    // independent parse: strip the outer quotes, split on '","'
    const lines = readFileSync(file, 'latin1').trim().split(/\r?\n/).map((l) => l.slice(1, -1).split('","'));
    const header = lines[0]!;
    expect(out.series).toHaveLength(header.length - 1);
    header.slice(1).forEach((path, c) => {
      const values = lines.slice(1).map((cells) => cells[c + 1]!).filter((x) => x.trim() !== '').map(Number).sort((a, b) => a - b);
      const s = out.series[c];
      expect(s.path).toBe(path);
      expect(s.count).toBe(values.length);
      expect(s.missing).toBe(lines.length - 1 - values.length);
      if (values.length) expect([s.min, s.max, s.p95]).toEqual([values[0], values.at(-1), quantileSorted(values, 0.95)]);
    });
  });
});
