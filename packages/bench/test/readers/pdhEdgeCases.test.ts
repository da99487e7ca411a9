import { describe, expect, it } from 'vitest';
import { HostplanError } from '@hostplan/core';
import { createPerfParser, readPerfText } from '@hostplan/bench';
import { encodePdhText } from '../../src/readers/index.js';
import { collectingSink } from './helpers.js';

const HEAD = '"(PDH-CSV 4.0) (Eastern Daylight Time)(240)","\\\\H\\Memory\\Available MBytes","\\\\H\\Processor(_Total)\\% Processor Time"\r\n';
const ROW1 = '"09/16/2021 07:51:58.569","512","12.5"\r\n';
// 07:51:58.569 EDT + 240 min = 11:51:58.569 UTC
const T1 = Date.UTC(2021, 8, 16, 11, 51, 58, 569);

describe('readPerfText(PDH-CSV) on small inputs', () => {
  it('reads series keys, UTC times from the bias and values', () => {
    const sink = collectingSink();
    const s = readPerfText(HEAD + ROW1, sink);
    expect(s).toMatchObject({ format: 'pdh', rows: 1, series: 2, samples: 2, missing: 0, issueCount: 0 });
    expect(sink.keys[0]).toEqual({ host: 'H', object: 'Memory', instance: null, counter: 'Available MBytes', path: '\\\\H\\Memory\\Available MBytes' });
    expect(sink.times).toEqual([[T1], [T1]]);
    expect(sink.values).toEqual([[512], [12.5]]);
  });

  it('" " and "" are missing (NaN), counted, not issues', () => {
    const sink = collectingSink();
    const s = readPerfText(HEAD + '"09/16/2021 07:51:58.569"," ",""\r\n', sink);
    expect(sink.values[0]![0]).toBeNaN();
    expect(sink.values[1]![0]).toBeNaN();
    expect(s.missing).toBe(2);
    expect(s.issueCount).toBe(0);
  });

  it('a row with too few or too many cells is skipped with an issue; later rows keep their columns', () => {
    const sink = collectingSink();
    const s = readPerfText(HEAD + '"09/16/2021 07:51:59.569","1"\r\n' + '"09/16/2021 07:52:00.569","1","2","3"\r\n' + ROW1, sink);
    expect(s.rows).toBe(3);
    expect(s.rowsSkipped).toBe(2);
    expect(s.issues.map((i) => [i.line, i.column, i.code])).toEqual([[2, 3, 'cell-count'], [3, 4, 'cell-count']]);
    expect(sink.values).toEqual([[512], [12.5]]);
  });

  it('a non-numeric value is missing with an issue naming its line and column', () => {
    const sink = collectingSink();
    const s = readPerfText(HEAD + '"09/16/2021 07:51:58.569","-1.#IND","7"\r\n', sink);
    expect(sink.values[0]![0]).toBeNaN();
    expect(sink.values[1]).toEqual([7]);
    expect(s.issues[0]).toMatchObject({ line: 2, column: 2, code: 'non-numeric', severity: 'error' });
    expect(s.issues[0]!.message).toContain('-1.#IND');
  });

  it('a truncated last line is reported and skipped, the complete rows are kept', () => {
    for (const cut of ['"09/16/2021 07:52:00.569","51', '"09/16/2021 07:52:00.569","512","12', '"09/16/20']) {
      const sink = collectingSink();
      const s = readPerfText(HEAD + ROW1 + cut, sink);
      expect(s.rowsSkipped, cut).toBe(1);
      expect(s.issues[0]!.code, cut).toBe('truncated-row');
      expect(s.issues[0]!.line).toBe(3);
      expect(sink.values).toEqual([[512], [12.5]]);
    }
  });

  it('a complete last line without CRLF is kept', () => {
    const sink = collectingSink();
    const s = readPerfText(HEAD + ROW1.trimEnd(), sink);
    expect(s.issueCount).toBe(0);
    expect(sink.values).toEqual([[512], [12.5]]);
  });

  it('a bad timestamp skips the row with an issue at column 1', () => {
    const sink = collectingSink();
    const s = readPerfText(HEAD + '"2021-09-16 07:51:58","1","2"\r\n' + '"02/30/2021 07:51:58.569","1","2"\r\n', sink);
    expect(s.issues.map((i) => [i.line, i.column, i.code])).toEqual([[2, 1, 'bad-timestamp'], [3, 1, 'bad-timestamp']]);
    expect(s.samples).toBe(0);
  });

  it('strict: the first issue throws HostplanError parse-error with file:line:column', () => {
    const sink = collectingSink();
    let error: unknown;
    try {
      readPerfText(HEAD + '"09/16/2021 07:51:58.569","x","7"\r\n', sink, { strict: true, file: 'host.csv' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HostplanError);
    expect(error).toMatchObject({ code: 'parse-error', path: 'host.csv:2:2' });
  });

  it('strict also refuses a header without a time zone bias (the override is then required)', () => {
    const head = '"(PDH-CSV 4.0)","\\\\H\\Memory\\Available MBytes"\r\n"01/01/2024 00:00:00.000","1"\r\n';
    expect(() => readPerfText(head, collectingSink(), { strict: true })).toThrow(/time-zone-unknown/);
    const sink = collectingSink();
    const s = readPerfText(head, sink, { strict: true, timeZoneBiasMinutes: -60 });
    expect(s.timeZone).toEqual({ name: null, biasMinutes: -60, source: 'option' });
    expect(sink.times[0]).toEqual([Date.UTC(2024, 0, 1) - 3_600_000]);
  });

  it('the bias override wins over the header', () => {
    const sink = collectingSink();
    const s = readPerfText(HEAD + ROW1, sink, { timeZoneBiasMinutes: 0 });
    expect(s.timeZone.source).toBe('option');
    expect(sink.times[0]).toEqual([T1 - 240 * 60_000]);
  });

  it('PDH-TSV is read with tabs', () => {
    const sink = collectingSink();
    readPerfText('"(PDH-TSV 4.0) (UTC)(0)"\t"\\\\H\\A\\b"\t"\\\\H\\A\\c"\r\n"01/01/2024 00:00:00.000"\t"1.6e-005"\t"2"\r\n', sink);
    expect(sink.values).toEqual([[0.000016], [2]]);
  });

  it('instance names with commas and quotes-free punctuation stay whole (the cell is quoted)', () => {
    const sink = collectingSink();
    readPerfText('"(PDH-CSV 4.0) (UTC)(0)","\\\\H\\Hyper-V Virtual Network Adapter(VM, prod:Adapter {1.2}_(x))\\Bytes/sec"\r\n"01/01/2024 00:00:00.000","3"\r\n', sink);
    expect(sink.keys[0]).toMatchObject({ object: 'Hyper-V Virtual Network Adapter', instance: 'VM, prod:Adapter {1.2}_(x)', counter: 'Bytes/sec' });
  });

  it('the same bytes in any chunking give the same calls (a second pass is exact)', () => {
    const text = Buffer.from(HEAD + ROW1 + '"09/16/2021 07:52:00.569"," ","99.534179835209144"\r\n' + '"09/16/2021 07:52:02.569","1","bad"\r\n');
    const whole = collectingSink();
    readPerfText(text, whole);
    for (let size = 1; size < 40; size += 3) {
      const sink = collectingSink();
      const parser = createPerfParser(sink);
      for (let i = 0; i < text.length; i += size) parser.push(text.subarray(i, i + size));
      parser.end();
      expect(sink.keys).toEqual(whole.keys);
      expect(sink.times).toEqual(whole.times);
      expect(sink.values).toEqual(whole.values);
      expect(sink.issues).toEqual(whole.issues);
    }
  });
});

describe('readPerfText(PDH-CSV) in every encoding', () => {
  const text = '"(PDH-CSV 4.0) (Russia TZ 2 Standard Time)(-180)","\\\\ХОСТ\\Процесс(svchost#2)\\% загруженности процессора"\r\n"01/02/2024 03:00:00.000","42.5"\r\n';
  const expectKey = { host: 'ХОСТ', object: 'Процесс', instance: 'svchost', index: 2, counter: '% загруженности процессора' };
  const cases: [string, Buffer, object, string][] = [
    ['UTF-8', Buffer.from(text), {}, 'utf-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.of(0xef, 0xbb, 0xbf), Buffer.from(text)]), {}, 'utf-8'],
    ['UTF-16LE with BOM', encodePdhText(text, 'utf-16le', true), {}, 'utf-16le'],
    ['UTF-16BE with BOM', encodePdhText(text, 'utf-16be', true), {}, 'utf-16be'],
    ['UTF-16LE without BOM', encodePdhText(text, 'utf-16le', false), {}, 'utf-16le'],
    ['Windows-1251 by option', encodePdhText(text, 'windows-1251', true), { encoding: 'windows-1251' }, 'windows-1251'],
    ['Windows-1251 as fallback code page', encodePdhText(text, 'windows-1251', true), { fallbackEncoding: 'windows-1251' }, 'windows-1251'],
  ];
  for (const [name, bytes, options, encoding] of cases) {
    it(name, () => {
      const sink = collectingSink();
      const s = readPerfText(bytes, sink, options);
      expect(s.encoding).toBe(encoding);
      expect(sink.keys[0]).toMatchObject(expectKey);
      // 03:00 at UTC+3 (bias -180) is 00:00 UTC
      expect(sink.times[0]).toEqual([Date.UTC(2024, 0, 2)]);
      expect(sink.values[0]).toEqual([42.5]);
      expect(s.issueCount).toBe(0);
    });
  }
  it('UTF-16LE split in odd-sized chunks', () => {
    const bytes = encodePdhText(text, 'utf-16le', true);
    const sink = collectingSink();
    const parser = createPerfParser(sink);
    for (let i = 0; i < bytes.length; i += 7) parser.push(bytes.subarray(i, i + 7));
    parser.end();
    expect(sink.values[0]).toEqual([42.5]);
    expect(sink.keys[0]).toMatchObject(expectKey);
  });
  it('an unknown encoding label is a HostplanError naming the option', () => {
    expect(() => readPerfText(Buffer.from(text), collectingSink(), { encoding: 'klingon' })).toThrow(HostplanError);
  });
});
