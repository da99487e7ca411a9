import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { BITBRAINS_COLUMN_MAP, readPerfFile } from '@hostplan/bench';
import { collectingSink } from '../readers/helpers.js';
import { dataFolder } from './dataFolder.js';

// Conformance on the Bitbrains GWA-T-12 traces (../shared/data/bitbrains) through the
// `bitbrains` column map preset. Reference: csv-parse with delimiter ';' and trim.
const dir = dataFolder('bitbrains');
const files = ['1.csv', '45.csv', '166.csv', '234.csv', '306.csv', '407.csv'];

function reference(file: string): string[][] {
  return parse(readFileSync(join(dir, file), 'utf8'), { delimiter: ';', trim: true }) as string[][];
}

describe('readPerfFile(bitbrains trace, { columnMap: "bitbrains" })', () => {
  for (const file of files) {
    it(`${file}: every value equals csv-parse, times are epoch seconds`, async () => {
      const sink = collectingSink();
      const s = await readPerfFile(join(dir, file), sink, { columnMap: 'bitbrains' });
      const rows = reference(file);
      const header = rows[0]!;
      expect(s.format).toBe('csv');
      expect(s.rowsSkipped).toBe(0);
      expect(s.series).toBe(10);
      expect(sink.keys.map((k) => k.counter)).toEqual(header.slice(1));
      expect(sink.keys.every((k) => k.host === file.replace('.csv', '') && k.object === 'vm')).toBe(true);
      const data = rows.slice(1);
      expect(sink.times[0]).toEqual(data.map((r) => Number(r[0]) * 1000));
      for (let c = 1; c < header.length; c++) {
        const expected = data.map((r) => Number(r[c]));
        sink.values[c - 1]!.forEach((v, i) => {
          if (!Object.is(v, expected[i])) throw new Error(`${file} column ${c} row ${i + 2}: ${v} != ${expected[i]}`);
        });
      }
      // July 2013, so the "[ms]" column holds seconds
      expect(new Date(sink.times[0]![0]!).getUTCFullYear()).toBe(2013);
    });
  }

  it('45.csv: zero cores and zero capacity are kept and reported once per capacity series', async () => {
    const sink = collectingSink();
    const s = await readPerfFile(join(dir, '45.csv'), sink, { columnMap: 'bitbrains' });
    // awk -F';\t' '$2 == 0' 45.csv | wc -l  => 1267 rows with 0 cores and 0 MHz, then 8 cores
    expect(sink.values[0]!.filter((v) => v === 0).length).toBe(1267);
    expect(sink.values[1]!.filter((v) => v === 0).length).toBe(1267);
    expect(s.issues.map((i) => [i.code, i.column])).toEqual([
      ['non-positive-capacity', 2],
      ['non-positive-capacity', 3],
      ['non-positive-capacity', 6],
    ]);
  });

  it('166.csv: memory use above provisioned memory is kept as written', async () => {
    const sink = collectingSink();
    await readPerfFile(join(dir, '166.csv'), sink, { columnMap: 'bitbrains' });
    const provisioned = sink.values[4]!;
    const used = sink.values[5]!;
    // line 2: provisioned 531584.0 KB, used 3145728.0 KB
    expect([provisioned[0], used[0]]).toEqual([531584, 3145728]);
    expect(used.filter((u, i) => u > provisioned[i]!).length).toBe(4);
  });

  it('gaps are left as they are: the largest gap in 1.csv is over an hour, no samples invented', async () => {
    const sink = collectingSink();
    await readPerfFile(join(dir, '1.csv'), sink, { columnMap: 'bitbrains' });
    const t = sink.times[0]!;
    let gap = 0;
    for (let i = 1; i < t.length; i++) gap = Math.max(gap, t[i]! - t[i - 1]!);
    expect(gap).toBeGreaterThan(3_600_000);
    expect(t.length).toBe(reference('1.csv').length - 1);
  });

  it('a map that says milliseconds for the seconds column warns that the times fall in 1970', async () => {
    const sink = collectingSink();
    const s = await readPerfFile(join(dir, '166.csv'), sink, {
      columnMap: { ...BITBRAINS_COLUMN_MAP, time: { column: 'Timestamp [ms]', format: { kind: 'epoch', unit: 'ms' } } },
    });
    expect(s.issues[0]).toMatchObject({ code: 'epoch-unit-suspect', line: 2, column: 1, severity: 'warning' });
  });

  it('without a map the separator, the time column and its unit are guessed the same way', async () => {
    const a = collectingSink();
    const b = collectingSink();
    await readPerfFile(join(dir, '306.csv'), a, { columnMap: 'bitbrains' });
    await readPerfFile(join(dir, '306.csv'), b);
    expect(b.times).toEqual(a.times);
    expect(b.values).toEqual(a.values);
  });
});
