import { describe, expect, it } from 'vitest';
import { HostplanError } from '@hostplan/core';
import { readPerfText, type ColumnMap } from '@hostplan/bench';
import { collectingSink } from './helpers.js';

describe('readPerfText(generic CSV)', () => {
  it('long form (timestamp, entity, metric, value) is detected from the header', () => {
    const sink = collectingSink();
    const s = readPerfText('timestamp,host,metric,value\n1704067200,vm1,cpu,5\n1704067200,vm2,cpu,7\n1704067500,vm1,cpu,\n1704067500,vm1,mem,2048\n', sink);
    expect(s.format).toBe('csv');
    expect(sink.keys.map((k) => [k.host, k.counter])).toEqual([['vm1', 'cpu'], ['vm2', 'cpu'], ['vm1', 'mem']]);
    expect(sink.values[0]!.map(String)).toEqual(['5', 'NaN']);
    expect(sink.times[0]).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1, 0, 5)]);
    expect(s.missing).toBe(1);
  });

  it('wide form with a column map: time column, epoch ms, entity column, named metrics', () => {
    const map: ColumnMap = {
      separator: ';',
      time: { column: 'ts', format: { kind: 'epoch', unit: 'ms' } },
      entity: { column: 'vm' },
      object: 'vm',
      metrics: [{ column: 'cpu_mhz', counter: 'CPU usage [MHz]' }, { column: 3, counter: 'Memory [MB]', instance: 'ram' }],
    };
    const sink = collectingSink();
    const s = readPerfText('ts;vm;cpu_mhz;mem_mb;ignored\n1704067200000;a;100;512;x\n1704067200000;b;200;1024;y\n', sink, { columnMap: map });
    expect(s.issueCount).toBe(0);
    expect(sink.keys).toEqual([
      { host: 'a', object: 'vm', instance: null, counter: 'CPU usage [MHz]', path: 'cpu_mhz' },
      { host: 'a', object: 'vm', instance: 'ram', counter: 'Memory [MB]', path: 'mem_mb' },
      { host: 'b', object: 'vm', instance: null, counter: 'CPU usage [MHz]', path: 'cpu_mhz' },
      { host: 'b', object: 'vm', instance: 'ram', counter: 'Memory [MB]', path: 'mem_mb' },
    ]);
    expect(sink.values).toEqual([[100], [512], [200], [1024]]);
  });

  it('wide form with columns of several entities in one row (vm1_cpu, vm2_cpu)', () => {
    const sink = collectingSink();
    const s = readPerfText('time,vm1_cpu,vm2_cpu\n1704067200,10,20\n1704067260,11,\n', sink, {
      columnMap: {
        time: { column: 'time', format: { kind: 'epoch', unit: 's' } },
        object: 'vm',
        metrics: [{ column: 'vm1_cpu', entity: 'vm1', counter: 'cpu' }, { column: 'vm2_cpu', entity: 'vm2', counter: 'cpu' }],
      },
    });
    expect(sink.keys.map((k) => [k.host, k.counter, k.path])).toEqual([['vm1', 'cpu', 'vm1_cpu'], ['vm2', 'cpu', 'vm2_cpu']]);
    expect(sink.values.map((v) => v.map(String))).toEqual([['10', '11'], ['20', 'NaN']]);
    expect(s.missing).toBe(1);
  });

  it('a string is read as text even when an encoding for bytes is given', () => {
    const sink = collectingSink();
    readPerfText('time,host,metric,value\n1704067200,хост,cpu,1\n', sink, { encoding: 'windows-1251' });
    expect(sink.keys[0]!.host).toBe('хост');
  });

  it.each([
    // ISO with Z, with an offset, and naive (bias applies)
    [{ kind: 'iso' } as const, '2024-01-01T01:00:00Z', {}, Date.UTC(2024, 0, 1, 1)],
    [{ kind: 'iso' } as const, '2024-01-01 03:00:00+02:00', {}, Date.UTC(2024, 0, 1, 1)],
    [{ kind: 'iso' } as const, '2024-01-01 02:00:00', { timeZoneBiasMinutes: -60 }, Date.UTC(2024, 0, 1, 1)],
    [{ kind: 'pdh' } as const, '01/01/2024 02:00:00.000', { timeZoneBiasMinutes: -60 }, Date.UTC(2024, 0, 1, 1)],
    [{ kind: 'epoch', unit: 's' } as const, '1704070800', {}, Date.UTC(2024, 0, 1, 1)],
    [{ kind: 'epoch', unit: 'us' } as const, '1704070800000000', {}, Date.UTC(2024, 0, 1, 1)],
    [{ kind: 'epoch', unit: 'auto' } as const, '1704070800000', {}, Date.UTC(2024, 0, 1, 1)],
  ])('time format %j reads %s', (format, cell, options, expected) => {
    const sink = collectingSink();
    readPerfText(`t,v\n${cell},1\n`, sink, { ...options, columnMap: { time: { column: 't', format } } });
    expect(sink.times[0]).toEqual([expected]);
  });

  it('naive local times without a bias are treated as UTC with one warning', () => {
    const sink = collectingSink();
    const s = readPerfText('t,v\n2024-01-01 02:00:00,1\n2024-01-01 02:05:00,1\n', sink, { columnMap: { time: { column: 't', format: { kind: 'iso' } } } });
    expect(s.timeZone.source).toBe('assumed-utc');
    expect(s.issues.map((i) => i.code)).toEqual(['time-zone-unknown']);
  });

  it('quoted cells with separators and escaped quotes stay in their column', () => {
    const sink = collectingSink();
    readPerfText('time,entity,metric,value\n1704067200,"web, ""prod""",cpu,3\n', sink);
    expect(sink.keys[0]!.host).toBe('web, "prod"');
    expect(sink.values[0]).toEqual([3]);
  });

  it('wrong cell count, a bad time and a non-numeric value are issues; nothing shifts', () => {
    const sink = collectingSink();
    const s = readPerfText('t,a,b\n1704067200,1,2\n1704067260,1\nnot-a-time,1,2\n1704067380,x,4\n', sink, { file: 'w.csv' });
    expect(s.issues.map((i) => [i.file, i.line, i.column, i.code])).toEqual([
      ['w.csv', 3, 3, 'cell-count'],
      ['w.csv', 4, 1, 'bad-timestamp'],
      ['w.csv', 5, 2, 'non-numeric'],
    ]);
    expect(sink.values[0]!.map(String)).toEqual(['1', 'NaN']);
    expect(sink.values[1]).toEqual([2, 4]);
  });

  it('a column map naming a column the file lacks is one issue, and no row is read', () => {
    const sink = collectingSink();
    const s = readPerfText('t,a\n1,2\n3,4\n', sink, { columnMap: { time: { column: 'time', format: { kind: 'epoch', unit: 's' } } } });
    expect(s.issues[0]).toMatchObject({ code: 'unknown-column', line: 1 });
    expect(s.rowsSkipped).toBe(2);
    expect(s.samples).toBe(0);
  });

  it('an unknown preset name throws HostplanError', () => {
    expect(() => readPerfText('a\n', collectingSink(), { columnMap: 'nope' })).toThrow(HostplanError);
  });
});
