import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCounterPath, parsePdhHeader, translateCounterName } from '@hostplan/bench';
import { parseNumberBytes } from '../../src/readers/_internals/parseNumber.js';
import { parsePdhTimeBytes } from '../../src/readers/_internals/pdhTime.js';

const num = (s: string) => parseNumberBytes(Buffer.from(s), 0, Buffer.byteLength(s));

describe('parseNumberBytes(text) equals Number(text)', () => {
  it.each([
    ['0', 0], ['-0', -0], ['512', 512], ['12.5', 12.5], ['.5', 0.5], ['5.', 5], ['+3', 3],
    ['1.6e-005', 0.000016], ['5.0045040536482834e-005', 5.0045040536482834e-5], ['2.4E+14', 2.4e14],
    ['0.032083023520161361', 0.032083023520161361], ['99.534179835209144', 99.534179835209144],
    ['238132991823872', 238132991823872], ['12403163136', 12403163136], ['1e400', Infinity],
  ])('%s', (text, value) => {
    expect(Object.is(num(text), value)).toBe(true);
  });
  it.each(['', '-', '.', 'e5', '1e', '1e+', '1.2.3', '12a', '-1.#IND', '1.#INF', 'NaN', 'Infinity', '0x10', ' 1', '1 '])('%j is not a number', (text) => {
    expect(num(text)).toBeNaN();
  });
  it('property: any double written shortest, with 15 to 19 digits, or fixed, reads back as Number() does', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 15, max: 19 }), (x, digits) => {
        for (const text of [String(x), x.toPrecision(digits), Math.abs(x) < 1e21 ? x.toFixed(10) : String(x)]) {
          if (!Object.is(num(text), Number(text))) return false;
        }
        return true;
      }),
      { numRuns: 3000 },
    );
  });
  it('property: random digit strings with a point read back as Number() does', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?\d{1,24}\.\d{0,24}(e[-+]?\d{1,3})?$/), (text) => Object.is(num(text), Number(text))),
      { numRuns: 3000 },
    );
  });
});

describe('parseCounterPath(path)', () => {
  it.each([
    ['\\\\HV01\\Hyper-V Hypervisor Virtual Processor(VM1:Hv VP 0)\\% Guest Run Time', { host: 'HV01', object: 'Hyper-V Hypervisor Virtual Processor', instance: 'VM1:Hv VP 0', counter: '% Guest Run Time' }],
    ['\\\\H\\Memory\\Available MBytes', { host: 'H', object: 'Memory', instance: null, counter: 'Available MBytes' }],
    ['\\Memory\\Available MBytes', { host: '', object: 'Memory', instance: null, counter: 'Available MBytes' }],
    ['\\\\H\\Process(AnyDesk#1)\\Virtual Bytes', { object: 'Process', instance: 'AnyDesk', index: 1, counter: 'Virtual Bytes' }],
    ['\\\\H\\Thread(svchost/12#3)\\% Processor Time', { object: 'Thread', parent: 'svchost', instance: '12', index: 3 }],
    ['\\\\H\\LogicalDisk(C:)\\% Free Space', { object: 'LogicalDisk', instance: 'C:' }],
    ['\\\\H\\Network Interface(isatap.{E4048626-77B4-455C-B3B1-413959881D9F})\\Bytes Total/sec', { instance: 'isatap.{E4048626-77B4-455C-B3B1-413959881D9F}', counter: 'Bytes Total/sec' }],
    ['\\\\H\\Network Adapter(Intel(R) Ethernet, 10G (2))\\Bytes/sec', { object: 'Network Adapter', instance: 'Intel(R) Ethernet, 10G (2)', counter: 'Bytes/sec' }],
    ['\\\\H\\Hyper-V Virtual Storage Device(D:-VMs-web01.vhdx)\\Read Operations/Sec', { instance: 'D:-VMs-web01.vhdx' }],
    ['\\\\H\\Hyper-V Virtual Network Adapter(web/01_Network Adapter_{8F...})\\Bytes/sec', { instance: 'web/01_Network Adapter_{8F...}' }],
  ])('%s', (path, expected) => {
    expect(parseCounterPath(path)).toMatchObject({ ...expected, path });
  });
  it('property: object, instance and counter built from any safe names split back exactly', () => {
    const name = fc.stringMatching(/^[A-Za-z0-9 %.\-_:,{}#/]{1,20}$/).filter((s) => !s.includes('\\') && !/#\d+$/.test(s) && !s.includes('/'));
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9-]{1,10}$/), name.filter((s) => !s.includes('(') && !s.includes('\\')), name, name.filter((s) => !s.includes(')\\')), (host, object, instance, counter) => {
        const key = parseCounterPath(`\\\\${host}\\${object}(${instance})\\${counter}`);
        return key.host === host && key.object === object && key.instance === instance && key.counter === counter;
      }),
      { numRuns: 500 },
    );
  });
});

describe('parsePdhHeader(cell)', () => {
  it.each([
    ['(PDH-CSV 4.0) (India Standard Time)(-330)', { variant: 'CSV', zoneName: 'India Standard Time', biasMinutes: -330 }],
    ['(PDH-TSV 4.0) (Hora de verano romance)(-120)', { variant: 'TSV', zoneName: 'Hora de verano romance', biasMinutes: -120 }],
    ['(PDH-CSV 4.0) (RTZ 2 (', { zoneName: 'RTZ 2 (', biasMinutes: null }],
    ['(PDH-CSV 4.0)', { zoneName: null, biasMinutes: null }],
    ['(PDH-CSV 4.0) (W. Europe Standard Time (Mitteleuropäische Zeit))(-60)', { zoneName: 'W. Europe Standard Time (Mitteleuropäische Zeit)', biasMinutes: -60 }],
  ])('%s', (cell, expected) => {
    expect(parsePdhHeader(cell)).toMatchObject(expected);
  });
  it('returns null for a cell that is not a PDH header', () => {
    expect(parsePdhHeader('Timestamp')).toBeNull();
  });
});

describe('parsePdhTimeBytes(MM/dd/yyyy HH:mm:ss.fff)', () => {
  const t = (s: string) => parsePdhTimeBytes(Buffer.from(s), 0, s.length);
  it.each([
    ['09/19/2017 09:51:39.073', Date.UTC(2017, 8, 19, 9, 51, 39, 73)],
    ['12/31/2023 23:59:59.999', Date.UTC(2023, 11, 31, 23, 59, 59, 999)],
    ['02/29/2024 00:00:00.000', Date.UTC(2024, 1, 29)],
    ['01/02/2024 03:04:05', Date.UTC(2024, 0, 2, 3, 4, 5)],
    ['01/02/2024 03:04:05.5', Date.UTC(2024, 0, 2, 3, 4, 5, 500)],
  ])('%s', (text, value) => expect(t(text)).toBe(value));
  it.each(['02/29/2023 00:00:00.000', '13/01/2024 00:00:00.000', '2024-01-02 03:04:05', '01/02/2024 24:00:00.000', '01/02/2024 03:04:05.1234'])('%s is rejected', (text) => {
    expect(t(text)).toBeNaN();
  });
});

describe('translateCounterName(object, counter)', () => {
  it.each([
    ['Disco físico', 'Transferencias de disco/s', 'PhysicalDisk', 'Disk Transfers/sec', 'es', 'disk'],
    ['Procesador', '% de tiempo de procesador', 'Processor', '% Processor Time', 'es', 'cpu'],
    ['Процесс', '% загруженности процессора', 'Process', '% Processor Time', 'ru', 'cpu'],
    ['Interfaz de red', 'Total de bytes/s', 'Network Interface', 'Bytes Total/sec', 'es', 'network'],
    ['Memory', 'Available MBytes', 'Memory', 'Available MBytes', 'en', 'memory'],
  ])('%s\\%s -> %s\\%s', (object, counter, enObject, enCounter, language, resource) => {
    expect(translateCounterName(object, counter)).toEqual({ object: enObject, counter: enCounter, language, resource });
  });
  it('returns null for a counter the table does not know', () => {
    expect(translateCounterName('Procesador', 'Interrupciones/s')).toBeNull();
  });
});
