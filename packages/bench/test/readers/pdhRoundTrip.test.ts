import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPerfParser, readPerfText, writePdhCsv } from '@hostplan/bench';
import { createPdhWriter, encodePdhText, formatPdhTime, formatPdhValue } from '../../src/readers/index.js';
import { collectingSink } from './helpers.js';

// Round trip: what a writer of random valid PDH-CSV/TSV writes (random counter paths, bias,
// missing cells, values of any magnitude, any encoding, any chunking) reads back exactly.
const segment = fc.stringMatching(/^[A-Za-z0-9 %._:,{}\-ÁéñПроцесс]{1,16}$/).filter((s) => s.trim() === s && !/#\d+$/.test(s));
const path = fc
  .record({ host: fc.stringMatching(/^[A-Z0-9-]{1,12}$/), object: segment.filter((s) => !s.includes('(')), instance: fc.option(segment.filter((s) => !s.includes(')')), { nil: null }), counter: segment })
  .map(({ host, object, instance, counter }) => `\\\\${host}\\${object}${instance === null ? '' : `(${instance})`}\\${counter}`);
const value = fc.oneof(
  fc.constant(NaN),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
  fc.integer({ min: 0, max: 2 ** 48 }),
  fc.double({ min: 0, max: 100, noNaN: true }),
);

describe('writePdhCsv then readPerfText', () => {
  it('property: paths, UTC times and values (missing included) read back exactly', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(path, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: -720, max: 840 }),
        fc.constantFrom<'csv' | 'tsv'>('csv', 'tsv'),
        fc.constantFrom('utf-8', 'utf-16le', 'utf-16be', 'windows-1251', 'windows-1252'),
        fc.integer({ min: 1, max: 97 }),
        fc.array(fc.integer({ min: 0, max: 1e6 }), { maxLength: 8 }),
        (paths, biasMinutes, variant, encoding, chunk, steps) => {
          const width = paths.length;
          return fc.assert(
            fc.property(fc.array(fc.array(value, { minLength: width, maxLength: width }), { maxLength: steps.length }), (table) => {
              const rows = table.map((values, r) => ({ timestampMs: Date.UTC(2024, 0, 1) + (steps[r] ?? 0) * 1000 + r * 15_000 + 7, values }));
              const text = writePdhCsv(rows, { paths, biasMinutes, variant, zoneName: 'Test Zone' });
              let bytes: Buffer;
              try {
                bytes = encodePdhText(text, encoding, true);
              } catch {
                return true; // a name with no byte in this code page: not a valid file for it
              }
              const sink = collectingSink();
              const parser = createPerfParser(sink, encoding.startsWith('windows') ? { encoding } : {});
              for (let i = 0; i < bytes.length; i += chunk) parser.push(bytes.subarray(i, i + chunk));
              const s = parser.end();
              // the generated steps may repeat or go back: then, and only then, a warning says so
              const increasing = rows.every((r, i) => i === 0 || r.timestampMs > rows[i - 1]!.timestampMs);
              expect(s.issues.filter((i) => !['duplicate-timestamp', 'timestamp-backwards', 'daylight-saving-repeat'].includes(i.code))).toEqual([]);
              expect(s.issueCount > 0).toBe(!increasing);
              expect(s.timeZone).toEqual({ name: 'Test Zone', biasMinutes, source: 'header' });
              expect(sink.keys.map((k) => k.path)).toEqual(paths);
              for (let c = 0; c < width; c++) {
                expect(sink.times[c]).toEqual(rows.map((r) => r.timestampMs));
                expect(sink.values[c]!.map((v) => (Number.isNaN(v) ? 'NaN' : v))).toEqual(table.map((row) => (Number.isNaN(row[c]!) ? 'NaN' : row[c])));
              }
              return true;
            }),
            { numRuns: 3 },
          ) === undefined;
        },
      ),
      { numRuns: 60 },
    );
  });

  it('writes what perfmon writes: quoted cells, zone and bias, " " for missing, CRLF, e-00x exponents', () => {
    const w = createPdhWriter({ paths: ['\\\\H\\Memory\\Available MBytes', '\\\\H\\PhysicalDisk(_Total)\\Avg. Disk sec/Transfer'], zoneName: 'India Standard Time', biasMinutes: -330 });
    expect(w.header()).toBe('"(PDH-CSV 4.0) (India Standard Time)(-330)","\\\\H\\Memory\\Available MBytes","\\\\H\\PhysicalDisk(_Total)\\Avg. Disk sec/Transfer"\r\n');
    // 04:21:39.073 UTC + 5:30 = 09:51:39.073 IST
    expect(w.row(Date.UTC(2017, 8, 19, 4, 21, 39, 73), [NaN, 5.0045040536482834e-5])).toBe('"09/19/2017 09:51:39.073"," ","5.0045040536482834e-005"\r\n');
  });

  it.each([
    [0.000016, '1.6e-005'], [0.0001, '0.0001'], [1e21, '1e+021'], [1e17, '1e+017'], [2.4e14, '240000000000000'], [-0, '0'], [NaN, ' '], [12.5, '12.5'],
  ])('formatPdhValue(%s) => %s', (v, text) => expect(formatPdhValue(v)).toBe(text));

  it('formatPdhTime applies the bias the other way round', () => {
    expect(formatPdhTime(Date.UTC(2021, 8, 16, 11, 51, 58, 569), 240)).toBe('09/16/2021 07:51:58.569');
  });

  it('refuses a row of the wrong width and infinite values', () => {
    const w = createPdhWriter({ paths: ['\\\\H\\A\\b'] });
    expect(() => w.row(0, [1, 2])).toThrow(/expected 1 values/);
    expect(() => w.row(0, [Infinity])).toThrow(/finite/);
  });

  it('a generated file with every value missing in the first row (rate counters) reads as perfmon logs do', () => {
    const text = writePdhCsv([{ timestampMs: 0, values: [NaN, NaN] }, { timestampMs: 15_000, values: [1, 2] }], { paths: ['\\\\H\\A\\b', '\\\\H\\A\\c'] });
    const sink = collectingSink();
    const s = readPerfText(text, sink);
    expect(s.missing).toBe(2);
    expect(sink.values.map((v) => v[1])).toEqual([1, 2]);
  });
});
