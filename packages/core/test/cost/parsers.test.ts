import { describe, expect, it } from 'vitest';
import { parseCostInputs, parseLicencePrices, parsePlans } from '@hostplan/core';

describe('parseCostInputs(doc, path)', () => {
  it('reads rates at the top or under hostCosts, with unit strings', () => {
    expect(parseCostInputs({ pue: 1.6, pricePerKWh: 0.12, termMonths: 48 }, 'c.json')).toEqual({ pue: 1.6, pricePerKWh: 0.12, termMonths: 48 });
    expect(parseCostInputs({ hostCosts: { powerWatts: '450 W' } }, 'p.json')).toEqual({ powerWatts: 450 });
  });
  it('names the field of bad input', () => {
    expect(() => parseCostInputs({ pue: 'high' }, 'c.json')).toThrow(/c.json.pue: expected a number/);
    expect(() => parseCostInputs({ kwh: 1 }, 'c.json')).toThrow(/c.json.kwh: unknown field/);
    expect(() => parseCostInputs({ termMonths: 0 }, 'c.json')).toThrow(/c.json.termMonths/);
  });
});

describe('parsePlans(doc, path)', () => {
  it('reads plans with unit strings', () => {
    expect(parsePlans({ plans: [{ name: 'S', vcpus: 1, memoryGB: '2 GB', diskGB: 40, guestOS: 'Linux' }] }, 'p.json'))
      .toEqual([{ name: 'S', vcpus: 1, memoryGB: 2, diskGB: 40, guestOS: 'Linux' }]);
  });
  it('names the field of bad input', () => {
    expect(() => parsePlans([{ name: 'S', vcpus: 0, memoryGB: 2 }], 'p.json')).toThrow(/p.json\[0\].vcpus: expected a whole number >= 1/);
    expect(() => parsePlans([{ name: 'S', vcpus: 1, memoryGB: 2 }, { name: 'S', vcpus: 1, memoryGB: 2 }], 'p.json')).toThrow(/p.json\[1\].name: duplicate plan "S"/);
    expect(() => parsePlans([{ name: 'S', vcpus: 1, memoryGB: 2, ram: 3 }], 'p.json')).toThrow(/p.json\[0\].ram: unknown field/);
    expect(() => parsePlans('x', 'p.json')).toThrow(/p.json: expected an array of plans/);
  });
});

describe('parseLicencePrices(doc, era, path)', () => {
  it('reads flat prices, by era, or under licensing', () => {
    const flat = { standard: 999, enterprise: 2999, datacenterPerSocket: 2999 };
    expect(parseLicencePrices(flat, '2008', 'x.json')).toEqual(flat);
    expect(parseLicencePrices({ licensing: { '2008': { prices: flat, source: 'seed' } } }, '2008', 'x.json')).toEqual(flat);
    expect(parseLicencePrices({ '2016': { standardPer16Cores: 1, datacenterPer16Cores: 2, perGuest: 3 } }, '2016', 'x.json')).toEqual({ standardPer16Cores: 1, datacenterPer16Cores: 2, perGuest: 3 });
  });
  it('names the field of bad input', () => {
    expect(() => parseLicencePrices({ standard: 999 }, '2008', 'x.json')).toThrow(/x.json.enterprise: is required/);
    expect(() => parseLicencePrices({ licensing: { '2008': {} } }, '2016', 'x.json')).toThrow(/x.json.licensing.2016: expected prices for the 2016 rules/);
  });
});
