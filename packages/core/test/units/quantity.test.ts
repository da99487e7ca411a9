import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatQuantity, HostplanError, parseQuantity, type FieldUnit } from '@hostplan/core';

describe('parseQuantity(value, unit, path)', () => {
  it.each([
    ['64 GB', 'GB', 64],
    ['64 GB', 'MB', 65536], //        binary: 64 x 1,024
    ['512 MB', 'MB', 512],
    ['512 MB', 'GB', 0.5],
    ['1.5 TB', 'GB', 1536], //        1.5 x 1,024
    ['64 GiB', 'GB', 64],
    ['2 GB', 'MB', 2048],
    ['2.66 GHz', 'GHz', 2.66],
    ['2660 MHz', 'GHz', 2.66],
    ['10 Gbps', 'Mbps', 10000], //    network is decimal
    ['10 Gbps', 'Gbps', 10],
    ['100 Mbps', 'Gbps', 0.1],
    ['10 Gb/s', 'Gbps', 10],
    ['1 Gbit/s', 'Mbps', 1000],
    ['450 W', 'W', 450],
    ['1.2 kW', 'W', 1200],
    ['3 years', 'months', 36],
    [' 1,024 MB ', 'MB', 1024],
    ['64GB', 'GB', 64],
    ['2 gigabytes', 'MB', 2048],
    ['1 TiB', 'GB', 1024],
    ['4096 KB', 'MB', 4],
    ['25 Gbit/s', 'Gbps', 25],
    ['500 kbps', 'Mbps', 0.5],
    ['2 kilowatts', 'W', 2000],
    ['3400000000 Hz', 'GHz', 3.4],
  ] as const)('reads %j as %s: %d', (text, unit, expected) => {
    expect(parseQuantity(text, unit as FieldUnit, 'x')).toBeCloseTo(expected, 12);
  });

  it('takes plain numbers and numeric strings as already in the unit', () => {
    expect(parseQuantity(32, 'GB', 'x')).toBe(32);
    expect(parseQuantity('32', 'GB', 'x')).toBe(32);
    expect(parseQuantity('1e3', 'MB', 'x')).toBe(1000);
  });

  it.each([
    ['3 GHz', 'MB', /not a quantity of the kind MB/],
    ['64 parsecs', 'GB', /cannot read/],
    ['64 gb', 'GB', /cannot read/], //  symbols are case-sensitive: gb is no unit
    ['10 Gbps', 'MB', /not a quantity of the kind MB/],
    ['1 W', 'GHz', /not a quantity of the kind GHz/],
    ['GB', 'GB', /cannot read|no number/],
    [true, 'GB', /expected a number/],
    [Number.NaN, 'GB', /finite/],
  ] as const)('rejects %j for %s naming the field', (value, unit, message) => {
    try {
      parseQuantity(value, unit as FieldUnit, 'vms[3].memoryGB');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(HostplanError);
      expect((e as HostplanError).path).toBe('vms[3].memoryGB');
      expect((e as HostplanError).message).toMatch(message);
      expect(['invalid-unit', 'invalid-value']).toContain((e as HostplanError).code);
    }
  });

  it('round-trips: parse(format(x, unit), unit) === x', () => {
    const units: FieldUnit[] = ['MB', 'GB', 'GHz', 'MHz', 'Mbps', 'Gbps', 'W'];
    fc.assert(fc.property(fc.double({ min: 0, max: 1e9, noNaN: true, noDefaultInfinity: true }), fc.constantFrom(...units), (x, unit) => {
      expect(parseQuantity(formatQuantity(x, unit), unit, 'x')).toBe(x);
    }));
  });

  it('converts between units consistently: GB -> MB is x 1,024', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1 << 20 }), (gb) => {
      expect(parseQuantity(`${gb} GB`, 'MB', 'x')).toBe(gb * 1024);
    }));
  });
});
