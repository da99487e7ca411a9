import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCounterPath, translateCounterName } from '@hostplan/bench';
import { parsePdhHeader } from '../../src/readers/index.js';
import { parseNumberBytes, scanNumber, scanStop } from '../../src/readers/_internals/parseNumber.js';
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

/** What parseNumberBytes must return: Number(text), but NaN for text without a digit (Number('') is 0). */
const expected = (text: string) => (/\d/.test(text) ? Number(text) : NaN);
/** perfmon pads exponents to three digits: 1.6e-005 */
const perfmonExponent = (text: string) => text.replace(/e([+-])(\d+)$/, (_, sign: string, digits: string) => `e${sign}${digits.padStart(3, '0')}`);

/**
 * Checks one text four ways: alone in its buffer (no byte after it), with `end` cutting off more
 * digits, and through scanNumber followed by each terminator (and more digits after that, which
 * must not be read): value Object.is the expected one, stop right after the number.
 */
function readsBack(text: string): boolean {
  const want = expected(text);
  const same = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
  if (!same(parseNumberBytes(Buffer.from(text, 'latin1'), 0, text.length), want)) return false;
  if (!same(parseNumberBytes(Buffer.from(text + '9876543210.5e7', 'latin1'), 0, text.length), want)) return false;
  for (const terminator of ['"', ',']) {
    const buf = Buffer.from(`"${text}${terminator}1234567890123456789"`, 'latin1');
    const v = scanNumber(buf, 1, buf.length);
    if (!same(v, want) || scanStop[0] !== (Number.isNaN(want) ? 1 : 1 + text.length)) return false;
  }
  return true;
}

describe('scanNumber / parseNumberBytes: boundaries of the fast paths', () => {
  it.each([
    // significant digits around 2^53 and the 9-digit groups (v holds 9 digits, m the groups before)
    '123456789012345', '1234567890123456', '9007199254740991', '9007199254740992', '9007199254740993', '9007199254740995',
    '12345678901234567', '1234567890123456789', '12345678901234567890', '123456789012345678901234567890',
    '123456789', '1234567890', '12345678.9', '123456789.0', '1234567890.1', '0.123456789', '0.1234567891',
    '12345678.123456789', '123456789.12345678', '99.35095757215794', '3929.187487312214', '26.711202099319177',
    '0.032083023520161361', '0.9502055127873112', '9.9999999999999999', '0.30000000000000004', '9007199254740991.5',
    '1.00000000000000011102230246251565', '1.7976931348623157e308', '1.7976931348623159e308', '2.2250738585072014e-308',
    // leading zeros are not significant
    '000000000000000000001', '0.000000000000000000000012345678901234567', '00000000000000000000123.456', '0.000000001',
    // the scale: Clinger's |k| <= 22, the double-double |k| <= 250, Number() beyond
    '1e22', '1e23', '1.5e-22', '15e-23', '9007199254740991e22', '9007199254740991e23', '12345678901234567e-22',
    '12345678901234567e-23', '12345678901234567e-250', '12345678901234567e-251', '1.2345678901234567e250',
    '1.2345678901234567e251', '5e-324', '4e-324', '1e-400', '1e400', '0e400', '-0e-400', '1e-005', '5.0045040536482834e-005',
    '1.2345678901234567E+020', '2.2204460492503131e-016',
    // signs, dots, exponents
    '-0', '-0.0', '+0', '-12.5', '+3', '.5', '-.5', '+.5', '5.', '-5.', '0.', '1E5', '1e+5', '1e-0', '1e0005',
    '-99.35095757215794', '-5.0045040536482834e-005', '+1.6e-005',
  ])('%s', (text) => {
    expect(readsBack(text)).toBe(true);
  });

  it.each(['', '-', '+', '.', '-.', 'e5', '.e5', '1e', '1e+', '1E-', '-e', '+-1', '--1', 'x1'])('%j is not a number, scanStop stays at the start', (text) => {
    expect(readsBack(text)).toBe(true);
  });

  it('stops where the number does and reads nothing past end', () => {
    const stop = (text: string, end = text.length) => {
      const v = scanNumber(Buffer.from(text, 'latin1'), 0, end);
      return [v, scanStop[0]];
    };
    expect(stop('12.5"')).toEqual([12.5, 4]);
    expect(stop('1.2.3')).toEqual([1.2, 3]);
    expect(stop('1.5e5.3')).toEqual([150000, 5]);
    expect(stop('1e-5x')).toEqual([0.00001, 4]);
    expect(stop('12east')).toEqual([NaN, 0]);
    expect(stop('1234567890123', 4)).toEqual([1234, 4]);
    expect(stop('99.35095757215794', 10)).toEqual([99.3509575, 10]);
    expect(stop('1e5', 2)).toEqual([NaN, 0]);
    expect(stop('12e5', 2)).toEqual([12, 2]); // an exponent past end is not read
    expect(stop('12.5e-5', 4)).toEqual([12.5, 4]);
    // the number ends exactly at the end of the buffer, no closing quote
    for (const text of ['7', '99.35095757215794', '123456789', '1234567890', '-2.5e-005', '0.0321']) {
      expect(stop(text)).toEqual([Number(text), text.length]);
    }
  });

  it('property: any double, as String, toFixed, toExponential, toPrecision and perfmon exponents, reads back as Number() does', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 25 }), (x, d) => {
        const texts = [String(x), x.toExponential(Math.min(d, 20)), x.toPrecision(Math.max(1, Math.min(d, 21))), x.toPrecision(17)];
        if (Math.abs(x) < 1e21) texts.push(x.toFixed(d));
        texts.push(perfmonExponent(texts[1]!), perfmonExponent(texts[3]!));
        return texts.every(readsBack);
      }),
      { numRuns: 20000 },
    );
  });

  it('property: doubles in the ranges perfmon writes (17 digits, exponents near 0) read back as Number() does', () => {
    const magnitude = fc.integer({ min: -30, max: 30 }).chain((e) => fc.double({ min: 10 ** e, max: 10 ** (e + 1), noNaN: true }));
    fc.assert(
      fc.property(magnitude, fc.integer({ min: 1, max: 21 }), (x, d) =>
        [String(x), x.toPrecision(d), perfmonExponent(x.toExponential(16)), perfmonExponent(x.toExponential(d - 1))].every(readsBack),
      ),
      { numRuns: 20000 },
    );
  });

  it('property: digit strings with sign, leading zeros, a point and an exponent read back as Number() does', () => {
    fc.assert(fc.property(fc.stringMatching(/^[+-]?0{0,3}\d{0,25}(\.\d{0,25})?([eE][+-]?\d{1,4})?$/), readsBack), { numRuns: 20000 });
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
