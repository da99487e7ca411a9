import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { HostplanError } from '@hostplan/core';
import { readPerfFile, readPerfStream, readPerfText, type ReadSummary } from '@hostplan/bench';
import { collectingSink } from './helpers.js';
import { thrown } from '../support/thrown.js';

const HEADER = '"(PDH-CSV 4.0) (Eastern Daylight Time)(240)","\\\\H\\Memory\\Available MBytes"\r\n';
const pdh = (times: string[], header = HEADER) => header + times.map((t, i) => `"${t}","${i + 1}"\r\n`).join('');

/** Bytes from a small linear congruential generator: the same "random" file on every run. */
function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const codes = (s: ReadSummary) => s.issues.map((i) => [i.code, i.line, i.column]);

describe('files that are not perf logs are refused at line 1', () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ['an empty file', new Uint8Array(0), /^x:1:1: not a perf log: the file is empty/],
    ['NUL bytes', new Uint8Array(4096), /^x:1:1: not a perf log: binary data \(control character 0x00 in the first line\)/],
    ['a gzip-compressed log', gzipSync(pdh(['06/01/2025 00:00:00.000'])), /^x:1:1: not a perf log: gzip-compressed data \(decompress it first: gunzip\)/],
    ['random bytes', noise(1 << 16, 7), /^x:1:\d+: not a perf log: /],
    ['a text header, then a NUL', Buffer.from('time,cpu\u0000\n1,2\n'), /^x:1:9: not a perf log: binary data \(control character 0x00/],
  ];
  for (const [what, bytes, message] of cases) {
    it(`${what}: a parse-error naming the file`, () => {
      const e = thrown(() => readPerfText(bytes, collectingSink(), { file: 'x' }));
      expect(e.code).toBe('parse-error');
      expect(e.message).toMatch(message);
    });
  }

  it('/dev/urandom: refused at its first control byte, not read for ever', async () => {
    const e = await readPerfFile('/dev/urandom', collectingSink()).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(HostplanError);
    // usually line 1; line 2 or later when a random line feed comes before any other control byte
    expect((e as HostplanError).message).toMatch(/^\/dev\/urandom:\d+:\d+: not a perf log: binary data/);
  });

  it('random bytes after an empty or short first line are refused too, at the first control byte', () => {
    const bytes = Buffer.concat([Buffer.from('\nab\n'), Buffer.from(noise(1 << 16, 11))]);
    const e = thrown(() => readPerfText(bytes, collectingSink(), { file: 'x' }));
    expect(e.message).toMatch(/^x:\d+:\d+: not a perf log: binary data \(control character 0x[0-9a-f]{2}, the first of \d+ .*in the first 65536 bytes\)/);
  });

  it('one stray control byte in a row of a real log is not binary: the log is read, the row reported', () => {
    const text = pdh(['06/01/2025 00:00:00.000', '06/01/2025 00:00:15.000']) + '"06/01/2025 00:00:30.000","1\u0001"\r\n';
    const s = readPerfText(text, collectingSink(), { file: 'x' });
    expect([s.rows, codes(s)]).toEqual([3, [['non-numeric', 4, 2]]]);
  });

  it('a log whose first line is text with tabs is read as before', () => {
    const s = readPerfText('time\tcpu\r\n1700000000\t5\r\n', collectingSink(), { file: 'x' });
    expect([s.rows, s.samples]).toEqual([1, 1]);
  });
});

describe('line length is capped, so a value without a line break cannot exhaust memory', () => {
  it('an endless first line stops at maxLineBytes with a located error', async () => {
    const chunk = new Uint8Array(1 << 20).fill(0x61);
    let sent = 0;
    async function* endless() {
      for (;;) {
        sent++;
        yield chunk;
      }
    }
    const e = await readPerfStream(endless(), collectingSink(), { file: 'big', maxLineBytes: 4 << 20 }).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(HostplanError);
    expect((e as HostplanError).message).toMatch(/^big:1:1: line 1 is longer than 4194304 bytes \(maxLineBytes\) without a line break/);
    expect(sent).toBeLessThanOrEqual(6);
  });

  it('a long value on line 3 is located at line 3, whether it arrives in one piece or in chunks', () => {
    const text = pdh(['06/01/2025 00:00:00.000']) + `"06/01/2025 00:00:15.000","${'9'.repeat(5000)}"\r\n`;
    expect(thrown(() => readPerfText(text, collectingSink(), { file: 'x', maxLineBytes: 4096 })).message).toMatch(/^x:3:1: line 3 is longer than 4096 bytes/);
    const bytes = Buffer.from(text);
    const e = (async () => {
      const chunks = [];
      for (let i = 0; i < bytes.length; i += 1000) chunks.push(bytes.subarray(i, i + 1000));
      return readPerfStream(chunks, collectingSink(), { file: 'x', maxLineBytes: 4096 });
    })();
    return expect(e).rejects.toThrow(/^x:3:1: line 3 is longer than 4096 bytes/);
  });
});

describe('odd timestamps are reported where they are', () => {
  it('01/01/0000 and 12/31/9999 are rows out of range, skipped with their line, not "Invalid time value"', () => {
    const sink = collectingSink();
    const s = readPerfText(pdh(['01/01/0000 00:00:00.000', '06/01/2025 00:00:00.000', '12/31/9999 23:59:59.000'], HEADER.replace('(240)', '(0)')), sink, { file: 'x' });
    expect(codes(s)).toEqual([['time-out-of-range', 2, 1], ['time-out-of-range', 4, 1]]);
    expect(s.issues[0]!.message).toContain('timestamp 0000-01-01T00:00:00.000Z');
    expect(s.issues[1]!.message).toContain('timestamp 9999-12-31T23:59:59.000Z');
    expect([s.rows, s.rowsSkipped, sink.values[0]]).toEqual([3, 2, [2]]);
  });

  it('a repeated and a backward timestamp are warnings at their lines, with counts, rows kept', () => {
    const s = readPerfText(pdh(['06/01/2025 00:00:15.000', '06/01/2025 00:00:15.000', '06/01/2025 00:00:00.000', '06/01/2025 00:00:30.000', '06/01/2025 00:00:30.000']), collectingSink(), { file: 'x' });
    expect(codes(s)).toEqual([['duplicate-timestamp', 3, 1], ['timestamp-backwards', 4, 1]]);
    expect(s.issues[0]!.message).toContain('(2 repeated rows in all)');
    expect(s.issues[1]!.message).toContain('is 15 s before the previous row');
    expect(s.samples).toBe(5);
  });

  it('the hour repeated when clocks go back gets a daylight-saving hint', () => {
    // US Eastern, 2 November 2025: 01:00-01:59 local happens twice; perfmon writes both under bias 240
    const times = ['11/02/2025 01:30:00.000', '11/02/2025 01:45:00.000', '11/02/2025 01:00:00.000', '11/02/2025 01:15:00.000'];
    const s = readPerfText(pdh(times), collectingSink(), { file: 'x' });
    expect(codes(s)).toEqual([['timestamp-backwards', 4, 1], ['daylight-saving-repeat', 4, 1]]);
    expect(s.issues[1]!.message).toMatch(/local times go back by 45 minutes: a daylight-saving change\? .* fixed bias \(240 minutes\)/);
  });

  it('a header bias of 99,999,999,999 minutes is an issue, and times are read as UTC', () => {
    const sink = collectingSink();
    const s = readPerfText(pdh(['06/01/2025 00:00:00.000'], HEADER.replace('(240)', '(99999999999)')), sink, { file: 'x' });
    expect(codes(s)).toEqual([['bad-time-zone-bias', 1, 1]]);
    expect(s.issues[0]!.message).toContain('bias of 99999999999 minutes is not a UTC offset (expected -840 .. 840 minutes)');
    expect(sink.times[0]).toEqual([Date.UTC(2025, 5, 1)]);
  });

  it('a timeZoneBiasMinutes option out of range is refused', () => {
    expect(thrown(() => readPerfText(pdh([]), collectingSink(), { timeZoneBiasMinutes: 99_999_999_999 })).message).toMatch(/^timeZoneBiasMinutes: expected a whole number of minutes in -840 .. 840/);
  });

  it('sadf rows of several CPUs share an instant, and each activity starts its instants again: no issue', () => {
    const sar = [
      '# hostname;interval;timestamp;CPU;%user;%nice;%system;%iowait;%steal;%idle',
      'h;600;2025-06-01 00:10:00 UTC;-1;1;0;1;0;0;98',
      'h;600;2025-06-01 00:10:00 UTC;0;1;0;1;0;0;98',
      'h;600;2025-06-01 00:20:00 UTC;-1;1;0;1;0;0;98',
      'h;600;2025-06-01 00:20:00 UTC;0;1;0;1;0;0;98',
      '# hostname;interval;timestamp;kbmemfree;kbavail',
      'h;600;2025-06-01 00:10:00 UTC;100;200',
      'h;600;2025-06-01 00:20:00 UTC;100;200',
      'h;600;2025-06-01 00:15:00 UTC;100;200',
      '',
    ].join('\n');
    const s = readPerfText(sar, collectingSink(), { file: 'x' });
    expect(s.format).toBe('sar');
    expect(codes(s)).toEqual([['timestamp-backwards', 9, 1]]);
  });
});

describe('a file of many bad rows costs no memory per row', () => {
  it('past maxIssues, issues are counted by code and summed up in one issues-not-listed warning', () => {
    const sink = collectingSink();
    const text = pdh(['06/01/2025 00:00:00.000']) + 'xx\n'.repeat(1000) + '"06/01/2025 00:00:15.000","oops"\r\n';
    const s = readPerfText(text, sink, { file: 'x', maxIssues: 10 });
    expect(s.issueCount).toBe(1001);
    expect(sink.issues).toHaveLength(11);
    expect(s.issues).toEqual(sink.issues);
    expect(sink.issues.slice(0, 10).map((i) => [i.code, i.line])).toEqual(Array.from({ length: 10 }, (_, k) => ['cell-count', k + 3]));
    expect(sink.issues[10]).toMatchObject({ code: 'issues-not-listed', line: 13, severity: 'warning' });
    expect(sink.issues[10]!.message).toBe('991 more issues from line 13 on are counted, not listed (the first 10 are; maxIssues): 990 cell-count, 1 non-numeric');
  });
});

describe('the number of series of a read is capped', () => {
  it('a PDH header with more counters than maxSeries stops at line 1, at the first column past the cap', () => {
    const header = `"(PDH-CSV 4.0) (UTC)(0)",${['a', 'b', 'c', 'd'].map((c) => `"\\\\H\\O\\${c}"`).join(',')}\r\n`;
    expect(thrown(() => readPerfText(header, collectingSink(), { file: 'x', maxSeries: 3 })).message).toMatch(/^x:1:5: more than 3 series \(maxSeries\)/);
    expect(readPerfText(header, collectingSink(), { file: 'x', maxSeries: 4 }).series).toBe(4);
  });

  it('wide CSV at its header, long CSV and sadf at the row that brings one series too many', () => {
    expect(thrown(() => readPerfText('time,a,b,c\n1700000000,1,2,3\n', collectingSink(), { file: 'x', maxSeries: 2 })).message).toMatch(/^x:1:4: more than 2 series/);
    const long = 'timestamp,entity,metric,value\n1700000000,vm1,cpu,1\n1700000000,vm1,mem,2\n1700000060,vm2,cpu,3\n';
    expect(thrown(() => readPerfText(long, collectingSink(), { file: 'x', maxSeries: 2 })).message).toMatch(/^x:4:3: more than 2 series/);
    const sar = '# hostname;interval;timestamp;CPU;%user;%idle\nh;600;2025-06-01 00:10:00 UTC;-1;1;98\nh;600;2025-06-01 00:10:00 UTC;0;1;98\n';
    expect(thrown(() => readPerfText(sar, collectingSink(), { file: 'x', maxSeries: 3 })).message).toMatch(/^x:3:6: more than 3 series/);
  });
});
