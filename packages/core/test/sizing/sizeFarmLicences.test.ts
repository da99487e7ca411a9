import { describe, expect, it } from 'vitest';
import { sizeFarm, type PricedHost } from '@hostplan/core';
import { MONTH_R32, R32, vms2GB } from './fixtures.js';

const prices = { standard: 999, enterprise: 2999, datacenterPerSocket: 2999 };

describe('sizeFarm licences', () => {
  it('prices licences for a catalog entry that names no host.model, as for one that does', () => {
    const { model: _m, ...host } = R32.host;
    const bare: PricedHost = { ...R32, host };
    const a = sizeFarm([bare], vms2GB(30), { licensing: { era: '2008', prices } }).options[0]!;
    const b = sizeFarm([R32], vms2GB(30), { licensing: { era: '2008', prices } }).options[0]!;
    // 15 Windows guests per host at peak: Datacenter 2 x 2,999 = 5,998, / 36 months
    expect(a.models[0]!.licensing).toMatchObject({ windowsGuests: 15, total: 5998 });
    expect(a.costPerMonth).toBeCloseTo(3 * (MONTH_R32 + 5998 / 36), 6);
    expect(a.costPerMonth).toBe(b.costPerMonth);
  });

  it('counts the guests inventories name in short forms as Windows guests', () => {
    // 4 VMs per name, 16 VMs of 2 GB: 2 hosts of 15 + 1 spare; every VM needs a licence
    const names = ['Server 2008 R2', 'W2K3 SP2', 'Vista SP1', 'XP SP3'];
    const vms = vms2GB(16).map((v, i) => ({ ...v, guestOS: names[i % 4]! }));
    const o = sizeFarm([R32], vms, { licensing: { era: '2008', prices } }).options[0]!;
    const linux = sizeFarm([R32], vms.map((v) => ({ ...v, guestOS: 'CentOS 7 (64-bit)' })), { licensing: { era: '2008', prices } }).options[0]!;
    expect(o.models[0]!.licensing!.windowsGuests).toBeGreaterThanOrEqual(8);
    expect(linux.models[0]!.licensing!.windowsGuests).toBe(0);
    expect(o.costPerMonth).toBeGreaterThan(linux.costPerMonth);
  });

  it('lists guests whose OS the table does not know in the assumptions, and licenses them', () => {
    const vms = vms2GB(4).map((v, i) => ({ ...v, guestOS: i === 0 ? 'Other (32-bit)' : 'Ubuntu Linux (64-bit)' }));
    const s = sizeFarm([R32], vms, { licensing: { era: '2008', prices } });
    expect(s.assumptions.find((a) => a.name === 'guestOS.unrecognised')!.value).toEqual([{ name: 'Other (32-bit)', vms: 1 }]);
    // failover included, a host runs at most the one unknown guest: 1 Windows guest licensed
    expect(s.options[0]!.models[0]!.licensing!.windowsGuests).toBe(1);
    expect(sizeFarm([R32], vms).assumptions.some((a) => a.name.startsWith('guestOS'))).toBe(false);
  });
});
