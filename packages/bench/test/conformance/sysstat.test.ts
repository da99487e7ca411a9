import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPerfFile, readPerfText } from '@hostplan/bench';
import { collectingSink } from '../readers/helpers.js';
import { dataFolder } from './dataFolder.js';

// Conformance on sysstat's own `sadf -d` test outputs (../shared/data/sysstat). Expected
// values come from an independent reading: the text split on ';' by hand, keyed by header name.
const dir = dataFolder('sysstat');

describe('readPerfFile(sadf -d) on sysstat test output', () => {
  it('expected.sadf-d: every numeric cell of every activity matches a split-by-hand reading', async () => {
    const sink = collectingSink();
    const s = await readPerfFile(join(dir, 'expected.sadf-d'), sink);
    expect(s.format).toBe('sar');
    expect(s.timeZone).toEqual({ name: 'UTC', biasMinutes: 0, source: 'utc' });
    // independent: walk the lines, count numeric metric cells and sum them per counter name
    const text = readFileSync(join(dir, 'expected.sadf-d'), 'utf8');
    let header: string[] = [];
    const expectedSum = new Map<string, number>();
    let expectedSamples = 0;
    let usbRows = 0;
    for (const line of text.split('\n')) {
      if (line === '') continue;
      if (line.startsWith('#')) { header = line.slice(2).split(';'); continue; }
      const cells = line.split(';');
      if (cells[1] === '-1') continue; // restart / comment
      if (header.includes('manufact')) { usbRows++; continue; }
      for (let i = 3; i < cells.length; i++) {
        const name = header[Math.min(i, header.length - 1)]!;
        if (['CPU', 'INTR', 'DEV', 'IFACE', 'TTY', 'FCHOST', 'FILESYSTEM', 'BAT', 'status'].includes(name) && i < header.length) continue;
        expectedSamples++;
        const key = name.endsWith('*') ? `${name.slice(0, -1)}${i - (header.length - 1)}` : name;
        expectedSum.set(key, (expectedSum.get(key) ?? 0) + Number(cells[i]));
      }
    }
    expect(s.samples).toBe(expectedSamples);
    expect(s.rowsSkipped).toBe(usbRows);
    const gotSum = new Map<string, number>();
    sink.keys.forEach((k, i) => gotSum.set(k.counter, (gotSum.get(k.counter) ?? 0) + sink.values[i]!.reduce((a, b) => a + b, 0)));
    for (const [name, sum] of expectedSum) expect(gotSum.get(name), name).toBeCloseTo(sum, 6);
    expect(s.missing).toBe(0);
  });

  it('expected.sadf-d: CPU -1 is "all", restarts and the comment are events, not samples', async () => {
    const sink = collectingSink();
    const s = await readPerfFile(join(dir, 'expected.sadf-d'), sink);
    const allUsr = sink.keys.findIndex((k) => k.object === 'cpu' && k.instance === 'all' && k.counter === '%usr');
    expect(allUsr).toBeGreaterThanOrEqual(0);
    expect(sink.keys[allUsr]).toMatchObject({ host: 'SYSSTAT.TEST', path: '\\\\SYSSTAT.TEST\\cpu(all)\\%usr' });
    // first line: SYSSTAT.TEST;31;2019-04-18 13:20:19 UTC;-1;2.15;...
    expect(sink.values[allUsr]![0]).toBe(2.15);
    expect(sink.times[allUsr]![0]).toBe(Date.UTC(2019, 3, 18, 13, 20, 19));
    expect(s.events).toBe(3);
    expect(sink.events.map((e) => [e.kind, e.line])).toEqual([['restart', 604], ['comment', 605], ['restart', 606]]);
    expect(sink.events[1]!.text).toBe('Testing sysstat!');
    // the same cpu(all) series continues after the restart header (line 607)
    expect(sink.times[allUsr]!.at(-1)).toBeGreaterThan(Date.UTC(2019, 3, 18, 13, 54, 0));
    // interrupts: `INTR;CPU*` expands to one counter per CPU, as many as each row has
    expect(sink.keys.some((k) => k.object === 'interrupts' && k.instance === 'sum' && k.counter === 'CPU8')).toBe(true);
    expect(s.issues.map((i) => i.code)).toEqual(['activity-skipped']);
  });

  it('the -tz, -t-tz and -T-tz variants give the same UTC times once the zone bias is given', async () => {
    // 13:20:19 UTC is printed 15:20:19 "CET" (really UTC+2) and 09:20:19 "EST" (really UTC-4)
    const read = async (file: string, bias?: number) => {
      const sink = collectingSink();
      const s = await readPerfFile(join(dir, file), sink, bias === undefined ? {} : { timeZoneBiasMinutes: bias });
      return { sink, s };
    };
    const utc = await read('expected.sadf-d-tz');
    const cet = await read('expected.sadf-d-t-tz', -120);
    const est = await read('expected.sadf-d-T-tz', 240);
    expect(utc.s.timeZone.source).toBe('utc');
    expect(utc.sink.times[0]).toEqual([Date.UTC(2019, 3, 18, 13, 20, 19), Date.UTC(2019, 3, 18, 13, 20, 29)]);
    expect(cet.sink.times).toEqual(utc.sink.times);
    expect(est.sink.times).toEqual(utc.sink.times);
    expect(cet.sink.values).toEqual(utc.sink.values);
    const unknown = await read('expected.sadf-d-T-tz');
    expect(unknown.s.timeZone).toEqual({ name: 'EST', biasMinutes: 0, source: 'assumed-utc' });
    expect(unknown.s.issues[0]).toMatchObject({ code: 'time-zone-unknown', severity: 'warning', line: 2, column: 3 });
  });
});

describe('readPerfText(sadf -d) on bad input', () => {
  const head = '# hostname;interval;timestamp;CPU;%user;%idle\n';
  it('a row with a missing cell is skipped with an issue naming line and column', () => {
    const sink = collectingSink();
    const s = readPerfText(head + 'h;10;2024-01-01 00:00:00 UTC;-1;5.0;95.0\nh;10;2024-01-01 00:00:10 UTC;-1;5.0\n', sink);
    expect(s.rows).toBe(2);
    expect(s.rowsSkipped).toBe(1);
    expect(s.issues[0]).toMatchObject({ line: 3, column: 6, code: 'cell-count' });
    expect(sink.values).toEqual([[5], [95]]);
  });
  it('a non-numeric value is missing (NaN) with an issue, other columns unshifted', () => {
    const sink = collectingSink();
    const s = readPerfText(head + 'h;10;2024-01-01 00:00:00 UTC;-1;oops;95.0\n', sink);
    expect(sink.values[0]![0]).toBeNaN();
    expect(sink.values[1]).toEqual([95]);
    expect(s.issues[0]).toMatchObject({ line: 2, column: 5, code: 'non-numeric' });
  });
  it('epoch-second timestamps (sadf -U style) are accepted', () => {
    const sink = collectingSink();
    readPerfText(head + 'h;10;1704067200;-1;1;99\n', sink);
    expect(sink.times[0]).toEqual([Date.UTC(2024, 0, 1)]);
  });
});
