import { describe, expect, it } from 'vitest';
import { cheapestLicensing, DEFAULT_LICENCE_PRICES, quote, sizeFarm, type Vm } from '@hostplan/core';
import { R32, vms2GB } from './fixtures.js';

const prices = DEFAULT_LICENCE_PRICES['2008'].prices;
const licence = (guests: number) => cheapestLicensing({ era: '2008', prices, sockets: 2, coresPerSocket: 4, vms: guests }).total;

describe('licences on the failover layout, next to the normal layout', () => {
  it('sizeFarm: per host, the Windows guests it runs normally and the most in any failure set checked, each with its licence', () => {
    // 30 Windows VMs of 2 GB: 15 per R32, plus one passive spare that takes over 15 after a failure
    const vms: Vm[] = vms2GB(30).map((v) => ({ ...v, guestOS: 'Windows Server 2008' }));
    const o = sizeFarm([R32], vms, { failover: 1, licensing: { era: '2008', prices } }).options[0]!;
    expect(o.spares).toBe('passive');
    const spare = o.licencesByHost!.find((h) => h.normal.windowsGuests === 0)!;
    expect(spare.failover).toEqual({ windowsGuests: 15, total: licence(15) });
    expect(spare.normal.total).toBe(licence(0));
    for (const h of o.licencesByHost!) expect(h.failover.windowsGuests).toBeGreaterThanOrEqual(h.normal.windowsGuests);
    const m = o.models[0]!.licensing!;
    expect(m.windowsGuests).toBe(Math.max(...o.licencesByHost!.map((h) => h.failover.windowsGuests)));
    expect(m.normal.windowsGuests).toBe(Math.max(...o.licencesByHost!.map((h) => h.normal.windowsGuests)));
    expect(m.total).toBe(licence(m.windowsGuests));
  });

  it('quote: a spare needs no guest licence normally but the density\'s after a failure, which is what the price carries', () => {
    const sheet = quote([{ name: 'M', vcpus: 1, memoryGB: 2, guestOS: 'Windows Server 2008' }, { name: 'L', vcpus: 1, memoryGB: 2, guestOS: 'SLES 11' }], { entry: R32, licensing: { era: '2008', prices } });
    const [win, lnx] = sheet.lines;
    expect(win!.licensing!.failover).toEqual({ windowsGuests: win!.vmsPerHost, total: licence(win!.vmsPerHost) });
    expect(win!.licensing!.normal.activeHost).toEqual(win!.licensing!.failover);
    expect(win!.licensing!.normal.spareHost).toEqual({ windowsGuests: 0, total: licence(0) });
    expect(win!.hostCost!.licences).toBeGreaterThan(0);
    expect(lnx!.licensing!.failover.windowsGuests).toBe(0);
  });
});
