import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './support/run.js';

describe('hostplan bench on a file that is not a perf log', () => {
  it('exits 2 and names the file, the rows read and the first issue', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostplan-bench-'));
    writeFileSync(join(dir, 'inventory.csv'), 'name,value\nfoo,bar\nbaz,qux\n');
    const r = await run(['bench', 'inventory.csv'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/inventory\.csv: no series read \(2 rows\), 2 issues, first .*inventory\.csv:2:1: expected a time/);
    expect(r.out).toBe('');
    const j = await run(['bench', 'inventory.csv', '--json', '-'], dir);
    expect(j.code).toBe(2);
  });

  it('still reads a small perf log with exit 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostplan-bench-'));
    writeFileSync(join(dir, 'log.csv'), '"(PDH-CSV 4.0) (UTC)(0)","\\\\HV01\\Memory\\Available MBytes"\n"01/02/2024 10:00:00.000","1024"\n"01/02/2024 10:05:00.000","2048"\n');
    const r = await run(['bench', 'log.csv'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1 series/);
  });
});
