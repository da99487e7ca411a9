import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDecoder } from 'node:util';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseCounterPath, readPerfFile } from '@hostplan/bench';
import { collectingSink } from '../readers/helpers.js';
import { dataFolder } from './dataFolder.js';

// Conformance on the four real perfmon logs in ../shared/data/perfmon. The expected values
// come from an independent path: the file decoded with TextDecoder, split by csv-parse (the
// reference parser), blank cells (" " or "") as NaN, other cells through Number(), and the
// timestamps through a regex and Date.UTC plus the bias. Every value of every file must match.
const dir = dataFolder('perfmon');

interface Case {
  readonly file: string;
  readonly encoding: string;
  readonly delimiter: string;
  readonly options: { encoding?: string; timeZoneBiasMinutes?: number };
  readonly biasMinutes: number;
}

const cases: Case[] = [
  { file: 'india-logicaldisk.csv', encoding: 'utf-8', delimiter: ',', options: {}, biasMinutes: -330 },
  { file: 'us-eastern-process.csv', encoding: 'utf-8', delimiter: ',', options: {}, biasMinutes: 240 },
  // RTZ 2 is Moscow time, UTC+3: bias -180 given as an override since the header is truncated
  { file: 'russian-cp1251-process.csv', encoding: 'windows-1251', delimiter: ',', options: { encoding: 'windows-1251', timeZoneBiasMinutes: -180 }, biasMinutes: -180 },
  { file: 'spanish-cp1252-system.tsv', encoding: 'windows-1252', delimiter: '\t', options: {}, biasMinutes: -120 },
];

function reference(c: Case): { header: string[]; times: number[]; columns: number[][] } {
  const text = new TextDecoder(c.encoding).decode(readFileSync(join(dir, c.file)));
  const rows = parse(text, { delimiter: c.delimiter, relax_quotes: false }) as string[][];
  const header = rows[0]!;
  const columns: number[][] = header.slice(1).map(() => []);
  const times: number[] = [];
  for (const row of rows.slice(1)) {
    const m = /^(\d\d)\/(\d\d)\/(\d{4}) (\d\d):(\d\d):(\d\d)\.(\d{3})$/.exec(row[0]!)!;
    times.push(Date.UTC(+m[3]!, +m[1]! - 1, +m[2]!, +m[4]!, +m[5]!, +m[6]!, +m[7]!) + c.biasMinutes * 60_000);
    row.slice(1).forEach((cell, i) => columns[i]!.push(cell === ' ' || cell === '' ? NaN : Number(cell)));
  }
  return { header, times, columns };
}

describe('readPerfFile(perfmon log) equals csv-parse on every cell of the real files', () => {
  for (const c of cases) {
    it(`${c.file}: every series, timestamp and value`, async () => {
      const sink = collectingSink();
      const summary = await readPerfFile(join(dir, c.file), sink, c.options);
      const ref = reference(c);
      expect(summary.format).toBe('pdh');
      expect(summary.encoding).toBe(c.encoding);
      expect(summary.rowsSkipped).toBe(0);
      expect(summary.series).toBe(ref.header.length - 1);
      expect(sink.keys.map((k) => k.path)).toEqual(ref.header.slice(1));
      expect(summary.timeZone.biasMinutes).toBe(c.biasMinutes);
      for (let i = 0; i < ref.columns.length; i++) {
        expect(sink.times[i]).toEqual(ref.times);
        expect(sink.values[i]!.length).toBe(ref.columns[i]!.length);
        sink.values[i]!.forEach((v, r) => {
          if (!Object.is(v, ref.columns[i]![r])) throw new Error(`${c.file} series ${i} row ${r}: ${v} != ${ref.columns[i]![r]}`);
        });
      }
      // counter paths split the same way as parseCounterPath on the reference header
      expect(sink.keys).toEqual(ref.header.slice(1).map(parseCounterPath));
    });
  }
});

describe('perfmon logs: facts read off the files by eye', () => {
  it('india-logicaldisk.csv: IST bias -330, first row blank for rate counters, second row values', async () => {
    const sink = collectingSink();
    const s = await readPerfFile(join(dir, 'india-logicaldisk.csv'), sink);
    expect(s.timeZone).toEqual({ name: 'India Standard Time', biasMinutes: -330, source: 'header' });
    // "09/19/2017 09:51:39.073" IST = 04:21:39.073 UTC (09:51 - 5:30)
    expect(sink.times[0]![0]).toBe(Date.UTC(2017, 8, 19, 4, 21, 39, 73));
    expect(sink.values[0]![0]).toBeNaN(); // " " in the first row of a rate counter
    expect(sink.values[8]![0]).toBe(0); // Current Disk Queue Length is not a rate: "0"
    expect(sink.values[1]![1]).toBe(0.032083023520161361);
    expect(sink.keys[1]).toMatchObject({ host: 'IMPC3116', object: 'LogicalDisk', instance: 'C:', counter: 'Avg. Disk Read Queue Length' });
    expect(s.rows).toBe(21); // 22 lines, one header
  });

  it('us-eastern-process.csv: #1 instance index, CRLF, byte counters up to 2.4e14', async () => {
    const sink = collectingSink();
    const s = await readPerfFile(join(dir, 'us-eastern-process.csv'), sink);
    expect(s.timeZone.biasMinutes).toBe(240);
    expect(sink.keys[2]).toMatchObject({ object: 'Process', instance: 'AnyDesk', index: 1, counter: 'Virtual Bytes' });
    expect(sink.values[0]![0]).toBe(238132991823872);
    // "09/16/2021 07:51:58.569" EDT = 11:51:58.569 UTC
    expect(sink.times[0]![0]).toBe(Date.UTC(2021, 8, 16, 11, 51, 58, 569));
    expect(s.issueCount).toBe(0);
  });

  it('russian-cp1251-process.csv: Cyrillic names kept as written; truncated zone -> warning and UTC unless overridden', async () => {
    const sink = collectingSink();
    const s = await readPerfFile(join(dir, 'russian-cp1251-process.csv'), sink, { encoding: 'windows-1251' });
    expect(s.series).toBe(1104);
    expect(sink.keys[0]).toMatchObject({ host: 'DESKTOP-LRPVSK4', object: 'Процесс', instance: 'Idle', counter: '% загруженности процессора' });
    expect(s.timeZone).toEqual({ name: 'RTZ 2 (', biasMinutes: 0, source: 'assumed-utc' });
    expect(s.issues).toHaveLength(1);
    expect(s.issues[0]).toMatchObject({ code: 'time-zone-unknown', severity: 'warning', line: 1, column: 1 });
    // per-process CPU above 100 % (several cores) is kept as written
    const cpu = sink.keys.flatMap((k, i) => (k.counter === '% загруженности процессора' && k.instance !== '_Total' && k.instance !== 'Idle' ? sink.values[i]! : []));
    expect(Math.max(...cpu.filter((v) => !Number.isNaN(v)))).toBeGreaterThan(100);
  });

  it('russian-cp1251-process.csv read with the default code page (1252) gives mojibake names but the same values', async () => {
    const a = collectingSink();
    const b = collectingSink();
    await readPerfFile(join(dir, 'russian-cp1251-process.csv'), a, { encoding: 'windows-1251' });
    const s = await readPerfFile(join(dir, 'russian-cp1251-process.csv'), b);
    expect(s.encoding).toBe('windows-1252');
    expect(b.keys[0]!.object).not.toBe('Процесс');
    expect(b.values).toEqual(a.values);
  });

  it('spanish-cp1252-system.tsv: PDH-TSV, Windows-1252 names, e-005 exponent, % Idle Time above 100', async () => {
    const sink = collectingSink();
    const s = await readPerfFile(join(dir, 'spanish-cp1252-system.tsv'), sink);
    expect(s.encoding).toBe('windows-1252');
    expect(s.timeZone).toEqual({ name: 'Hora de verano romance', biasMinutes: -120, source: 'header' });
    expect(sink.keys[0]).toMatchObject({ host: 'GI-AN-B3_08', object: 'Disco físico', instance: '_Total', counter: '% de tiempo inactivo' });
    expect(sink.keys[6]).toMatchObject({ object: 'Interfaz de red', instance: 'isatap.{E4048626-77B4-455C-B3B1-413959881D9F}', counter: 'Ancho de banda actual' });
    expect(sink.values.flat()).toContain(5.0045040536482834e-5);
    expect(Math.max(...sink.values[0]!.filter((v) => !Number.isNaN(v)))).toBeGreaterThan(100);
  });
});
