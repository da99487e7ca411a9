import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { costAssumptions, hostMonthlyCost, HostplanError, monthlyPayment, HOST_COST_DEFAULTS } from '@hostplan/core';

const EXAMPLE = { purchasePrice: 10000, termMonths: 36, interestRate: 0, powerWatts: 400, pue: 1.5, pricePerKWh: 0.1, rackUnits: 2, pricePerRackUnitMonth: 20, adminPerHostMonth: 50 };

describe('hostMonthlyCost(host, costs)', () => {
  it('works the issue example: 277.78 + 43.80 + 40 + 50 = 411.58', () => {
    const c = hostMonthlyCost({}, EXAMPLE);
    expect(c.hardware).toBeCloseTo(277.78, 2); // 10,000 / 36 = 277.777...
    expect(c.power).toBeCloseTo(43.8, 10); // 400 W x 1.5 x $0.10 x 730 h / 1,000 = 43.80
    expect(c.rackSpace).toBe(40); // 2 U x $20
    expect(c.admin).toBe(50);
    expect(c.licences).toBe(0);
    expect(c.total).toBeCloseTo(411.58, 2); // 277.78 + 43.80 + 40 + 50
    expect(c.rules.power).toBe('400 W x PUE 1.5 x USD 0.10/kWh x 730 h / 1,000 = USD 43.80');
  });

  it.each([
    // 10,000 at 6 %/year over 36 months: r = 0.005; 10,000 x 0.005 / (1 - 1.005^-36) = 50 / 0.164355 = 304.22
    [10000, 36, 0.06, 304.22],
    // 12,000 at 12 %/year over 12 months: r = 0.01; 120 / (1 - 1.01^-12) = 120 / 0.112551 = 1,066.19
    [12000, 12, 0.12, 1066.19],
    // 0 %: 12,000 / 12
    [12000, 12, 0, 1000],
  ])('monthlyPayment(%d, %d, %d) = %d (annuity)', (p, n, r, expected) => {
    expect(monthlyPayment(p, n, r)).toBeCloseTo(expected, 2);
  });

  it('amortises licences over the same term and adds storage and network shares', () => {
    // licence $3,600 over 36 months at 0 % = 100; + 25 storage + 5 network
    const c = hostMonthlyCost({}, { ...EXAMPLE, licencePrice: 3600, storagePerHostMonth: 25, networkPerHostMonth: 5 });
    expect(c.licences).toBeCloseTo(100, 10);
    expect(c.total).toBeCloseTo(411.58 + 100 + 25 + 5, 2);
  });

  it('takes the host facts from the catalog entry, costs winning, rates from the defaults', () => {
    const c = hostMonthlyCost({ purchasePrice: 7200, powerWatts: 300, rackUnits: 1 }, { powerWatts: 400 });
    // 7,200 / 36 = 200; 400 W x 1.5 x 0.10 x 730 / 1,000 = 43.80; 1 U x 20; admin 50
    expect(c.total).toBeCloseTo(200 + 43.8 + 20 + 50, 10);
    const a = costAssumptions({ pue: 1.2 });
    expect(a.find((x) => x.name === 'costs.pue')).toMatchObject({ value: 1.2, isDefault: false, source: 'input' });
    expect(a.find((x) => x.name === 'costs.termMonths')).toMatchObject({ value: HOST_COST_DEFAULTS.termMonths, isDefault: true });
    expect(a.map((x) => x.name)).toContain('costs.pricePerKWh');
  });

  it('names the field on bad input', () => {
    expect(() => hostMonthlyCost({}, { ...EXAMPLE, purchasePrice: undefined })).toThrow(/purchasePrice: is required/);
    expect(() => hostMonthlyCost({}, { ...EXAMPLE, pue: 0.9 })).toThrow(/costs.pue: expected a power usage effectiveness >= 1/);
    expect(() => hostMonthlyCost({}, { ...EXAMPLE, termMonths: 0 })).toThrow(HostplanError);
    expect(() => hostMonthlyCost({}, { ...EXAMPLE, interestRate: 5 })).toThrow(/costs.interestRate/);
  });

  it('total is the sum of the parts, grows with interest and falls with a longer term', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 1, max: 120 }), fc.double({ min: 0, max: 0.3, noNaN: true }), (p, n, r) => {
      const c = hostMonthlyCost({ purchasePrice: p, powerWatts: 300, rackUnits: 1 }, { termMonths: n, interestRate: r });
      expect(c.total).toBeCloseTo(c.hardware + c.power + c.rackSpace + c.admin + c.licences + c.storage + c.network, 8);
      expect(c.hardware).toBeGreaterThanOrEqual(p / n - 1e-9);
      expect(monthlyPayment(p, n + 1, r)).toBeLessThanOrEqual(monthlyPayment(p, n, r) + 1e-9);
      // payments over the term at least repay the principal
      expect(c.hardware * n).toBeGreaterThanOrEqual(p - 1e-6);
    }), { numRuns: 200 });
  });
});
