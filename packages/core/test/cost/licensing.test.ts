import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cheapestLicensing, HostplanError, licensedCores2016, needsWindowsLicence, type LicensingInput } from '@hostplan/core';

const P2008 = { standard: 999, enterprise: 2999, datacenterPerSocket: 2999 };
const P2016 = { standardPer16Cores: 1069, datacenterPer16Cores: 6155 };
const editions = (r: { items: readonly { edition: string; count: number }[] }) => r.items.map((i) => ({ edition: i.edition, count: i.count }));

describe('cheapestLicensing(2008 rules) worked examples', () => {
  it.each([
    // 3 VMs: 3 Standard = 3 x 999 = 2,997 < Enterprise 2,999 < Datacenter 2 x 2,999 = 5,998
    { vms: 3, total: 2997, items: [{ edition: 'standard', count: 3 }] },
    // 5 VMs: Enterprise (4) + Standard (1) = 2,999 + 999 = 3,998 < 5 Standard 4,995 < Datacenter 5,998
    { vms: 5, total: 3998, items: [{ edition: 'enterprise', count: 1 }, { edition: 'standard', count: 1 }] },
    // 10 VMs: Datacenter 2 sockets x 2,999 = 5,998 < 2 Enterprise + 2 Standard = 7,996 < 3 Enterprise 8,997
    { vms: 10, total: 5998, items: [{ edition: 'datacenter', count: 2 }] },
    // 4 VMs: Enterprise 2,999 < 4 Standard 3,996
    { vms: 4, total: 2999, items: [{ edition: 'enterprise', count: 1 }] },
    // 0 VMs: the host itself needs one licence: 1 Standard 999
    { vms: 0, total: 999, items: [{ edition: 'standard', count: 1 }] },
  ])('$vms VMs on 2 sockets -> $total', ({ vms, total, items }) => {
    const r = cheapestLicensing({ era: '2008', sockets: 2, coresPerSocket: 4, vms, prices: P2008 });
    expect(r.total).toBe(total);
    expect(editions(r)).toEqual(items);
    expect(r.options[0]!.total).toBe(total);
    expect(r.options.every((o) => o.total >= total)).toBe(true);
  });
});

describe('cheapestLicensing(2016 rules) worked examples', () => {
  it.each([
    // 2 x 8 = 16 cores, 10 VMs: Standard ceil(10 / 2) = 5 stackings x 1,069 x 16/16 = 5,345 < Datacenter 6,155
    { sockets: 2, cores: 8, vms: 10, total: 5345, items: [{ edition: 'standard', count: 5 }], licensed: 16 },
    // 2 x 8 cores, 14 VMs: Standard 7 x 1,069 = 7,483 > Datacenter 6,155
    { sockets: 2, cores: 8, vms: 14, total: 6155, items: [{ edition: 'datacenter', count: 1 }], licensed: 16 },
    // 2 x 12 = 24 cores, 4 VMs: Standard 2 x 1,069 x 24/16 = 2 x 1,603.50 = 3,207 < Datacenter 6,155 x 24/16 = 9,232.50
    { sockets: 2, cores: 12, vms: 4, total: 3207, items: [{ edition: 'standard', count: 2 }], licensed: 24 },
    // 1 x 4 cores is licensed as 16: max(16, 1 x max(4, 8)) = 16; 2 VMs -> 1 x 1,069
    { sockets: 1, cores: 4, vms: 2, total: 1069, items: [{ edition: 'standard', count: 1 }], licensed: 16 },
    // 12 VMs at 16 cores: 6 x 1,069 = 6,414 > 6,155: the break-even is just under 12 VMs
    { sockets: 2, cores: 8, vms: 12, total: 6155, items: [{ edition: 'datacenter', count: 1 }], licensed: 16 },
  ])('$sockets x $cores cores, $vms VMs -> $total', ({ sockets, cores, vms, total, items, licensed }) => {
    const r = cheapestLicensing({ era: '2016', sockets, coresPerSocket: cores, vms, prices: P2016 });
    expect(r.total).toBeCloseTo(total, 6);
    expect(editions(r)).toEqual(items);
    expect(r.licensedCores).toBe(licensed);
  });

  it.each([
    [1, 4, 16], // 1 x max(4, 8) = 8 -> host minimum 16
    [2, 4, 16], // 2 x 8 = 16
    [4, 6, 32], // 4 x max(6, 8) = 32
    [2, 12, 24],
    [3, 9, 28], // 3 x 9 = 27, rounded up to 2-core packs = 28
  ])('licensedCores2016(%i, %i) = %i', (s, c, n) => {
    expect(licensedCores2016(s, c)).toBe(n);
  });
});

describe('cheapestLicensing guests and Hyper-V Server', () => {
  it('counts only Windows guests: Linux guests need none', () => {
    const vms = [{ guestOS: 'Windows Server 2008' }, { guestOS: 'SLES 10' }, { guestOS: 'Linux' }, {}];
    const r = cheapestLicensing({ era: '2008', sockets: 2, coresPerSocket: 4, vms, prices: P2008 });
    // 2 Windows guests (the named one and the unnamed one): 2 x 999 = 1,998
    expect(r.windowsGuests).toBe(2);
    expect(r.total).toBe(1998);
    expect(needsWindowsLicence({ guestOS: 'Win7' })).toBe(true);
  });

  it('prices Hyper-V Server with per-guest licences, and picks it when cheaper', () => {
    // 3 guests at $500 each = 1,500 < 3 Standard 2,997
    const input: LicensingInput = { era: '2008', sockets: 2, coresPerSocket: 4, vms: 3, prices: { ...P2008, perGuest: 500 }, hostOs: 'cheapest' };
    const r = cheapestLicensing(input);
    expect(r.total).toBe(1500);
    expect(editions(r)).toEqual([{ edition: 'hyper-v-server', count: 1 }, { edition: 'guest', count: 3 }]);
    // forced Hyper-V Server at the default per-guest price (a Standard licence): 3 x 999
    expect(cheapestLicensing({ ...input, prices: P2008, hostOs: 'hyper-v-server' }).total).toBe(2997);
    // Hyper-V Server with only Linux guests costs nothing
    expect(cheapestLicensing({ ...input, vms: [{ guestOS: 'Linux' }], hostOs: 'hyper-v-server' }).total).toBe(0);
  });

  it('rejects bad input naming the field', () => {
    const bad = (i: Partial<LicensingInput>) => () => cheapestLicensing({ era: '2008', sockets: 2, coresPerSocket: 4, vms: 1, prices: P2008, ...i } as LicensingInput);
    expect(bad({ sockets: 0 })).toThrow(/licensing.sockets: expected a whole number >= 1/);
    expect(bad({ vms: 1.5 })).toThrow(/licensing.vms/);
    expect(bad({ era: '2012' as '2008' })).toThrow(/licensing.era/);
    expect(bad({ prices: { ...P2008, standard: -1 } })).toThrow(/licensing.prices.standard/);
    expect(bad({ era: '2016', prices: P2016, hostOs: 'hyper-v-server' })).toThrow(/licensing.prices.perGuest/);
    expect(bad({ sockets: 0 })).toThrow(HostplanError);
  });
});

/** Brute force over every mix of editions that covers the guests. */
function bruteForce2008(v: number, sockets: number, p: typeof P2008): number {
  let best = Infinity;
  for (let d = 0; d <= 1; d++) {
    for (let e = 0; e <= Math.ceil(v / 4) + 1; e++) {
      for (let s = 0; s <= v + 1; s++) {
        const covers = d === 1 || 4 * e + s >= v;
        const hostLicensed = d + e + s > 0;
        if (covers && hostLicensed) best = Math.min(best, d * sockets * p.datacenterPerSocket + e * p.enterprise + s * p.standard);
      }
    }
  }
  return best;
}

function bruteForce2016(v: number, cores: number, p: typeof P2016): number {
  let best = Infinity;
  for (let d = 0; d <= 1; d++) {
    for (let s = 0; s <= Math.ceil(v / 2) + 1; s++) {
      if ((d === 1 || 2 * s >= v) && d + s > 0) best = Math.min(best, ((d * p.datacenterPer16Cores + s * p.standardPer16Cores) * cores) / 16);
    }
  }
  return best;
}

const price = fc.integer({ min: 0, max: 10_000 });

describe('cheapestLicensing properties', () => {
  it('is never beaten by brute force over every edition mix (2008)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 24 }), fc.integer({ min: 1, max: 4 }), price, price, price, (v, sockets, standard, enterprise, dc) => {
      const p = { standard, enterprise, datacenterPerSocket: dc };
      const r = cheapestLicensing({ era: '2008', sockets, coresPerSocket: 4, vms: v, prices: p });
      expect(r.total).toBe(bruteForce2008(v, sockets, p));
      // the items add up and cover the guests
      expect(r.items.reduce((s, i) => s + i.amount, 0)).toBe(r.total);
      const covered = r.items.some((i) => i.edition === 'datacenter') ? Infinity
        : r.items.reduce((s, i) => s + (i.edition === 'enterprise' ? 4 : 1) * i.count, 0);
      expect(covered).toBeGreaterThanOrEqual(v);
    }), { numRuns: 200 });
  });

  it('is never beaten by brute force over every edition mix (2016)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 32 }), price, price, (v, sockets, cps, st, dc) => {
      const p = { standardPer16Cores: st, datacenterPer16Cores: dc };
      const r = cheapestLicensing({ era: '2016', sockets, coresPerSocket: cps, vms: v, prices: p });
      expect(r.total).toBeCloseTo(bruteForce2016(v, licensedCores2016(sockets, cps), p), 6);
      expect(r.licensedCores).toBeGreaterThanOrEqual(Math.max(16, sockets * cps));
    }), { numRuns: 200 });
  });

  it('is monotone in the number of VMs', () => {
    fc.assert(fc.property(fc.constantFrom('2008' as const, '2016' as const), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 24 }), (era, v, sockets, cps) => {
      const prices = era === '2008' ? P2008 : P2016;
      const a = cheapestLicensing({ era, sockets, coresPerSocket: cps, vms: v, prices });
      const b = cheapestLicensing({ era, sockets, coresPerSocket: cps, vms: v + 1, prices });
      expect(b.total).toBeGreaterThanOrEqual(a.total);
    }), { numRuns: 200 });
  });
});
