import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyGuestOs, GUEST_OS_TABLE, guestOsAssumptions, needsWindowsLicence } from '@hostplan/core';

describe('classifyGuestOs(name)', () => {
  // [name as an inventory reports it, family, service pack, architecture]
  it.each([
    // the names, which /win/ counted as free
    ['Server 2008 R2', 'windows-server-2008r2', null, null],
    ['W2K3 SP2', 'windows-server-2003', 2, null],
    ['Vista SP1', 'windows-vista', 1, null],
    ['XP SP3', 'windows-xp', 3, null],
    // RVTools (OS according to the configuration file / VMware Tools)
    ['Microsoft Windows Server 2016 (64-bit)', 'windows-server-2016', null, 'x64'],
    ['Microsoft Windows Server 2003 Standard (32-bit)', 'windows-server-2003', null, 'x86'],
    ['Microsoft Windows Server 2008 R2 (64-bit)', 'windows-server-2008r2', null, 'x64'],
    ['Microsoft Windows Server 2019 (64-bit)', 'windows-server-2019', null, 'x64'],
    ['Microsoft Windows Server 2022 (64-bit)', 'windows-server-2022', null, 'x64'],
    ['Microsoft Windows Server 2025 (64-bit)', 'windows-server-2025', null, 'x64'],
    ['Microsoft Windows 10 (64-bit)', 'windows-10', null, 'x64'],
    ['Microsoft Windows 11 (64-bit)', 'windows-11', null, 'x64'],
    ['Microsoft Windows 7 (32-bit)', 'windows-7', null, 'x86'],
    ['Microsoft Windows XP Professional (32-bit)', 'windows-xp', null, 'x86'],
    ['Red Hat Enterprise Linux 8 (64-bit)', 'rhel', null, 'x64'],
    ['Ubuntu Linux (64-bit)', 'ubuntu', null, 'x64'],
    ['CentOS 7 (64-bit)', 'centos', null, 'x64'],
    ['FreeBSD 12 or later versions (64-bit)', 'freebsd', null, 'x64'],
    ['SUSE Linux Enterprise 10 (64-bit)', 'sles-10', null, 'x64'],
    ['Debian GNU/Linux 10 (64-bit)', 'debian', null, 'x64'],
    // SCVMM operating system names
    ['64-bit edition of Windows Server 2008 R2 Datacenter', 'windows-server-2008r2', null, 'x64'],
    ['Windows Server 2003 Standard x64 Edition', 'windows-server-2003', null, 'x64'],
    ['Windows XP Professional x64 Edition', 'windows-xp', null, 'x64'],
    ['Windows Server 2012 R2 Datacenter', 'windows-server-2012r2', null, null],
    ['Windows Server 2012 Standard', 'windows-server-2012', null, null],
    ['Other Linux (64 bit)', 'linux', null, 'x64'],
    // administrators' short forms
    ['2008 R2', 'windows-server-2008r2', null, null],
    ['Win2k8', 'windows-server-2008', null, null],
    ['W2K8R2 SP1', 'windows-server-2008r2', 1, null],
    ['Win2k3 R2 SP2', 'windows-server-2003', 2, null],
    ['Windows Server 2003 R2', 'windows-server-2003', null, null],
    ['WS2016', 'windows-server-2016', null, null],
    ['Win10', 'windows-10', null, null],
    ['Vista', 'windows-vista', null, null],
    ['Windows XP Professional x64 SP2', 'windows-xp', 2, 'x64'],
    ['Windows XP Service Pack 2', 'windows-xp', 2, null],
    ['SLES 10 SP2', 'sles-10', 2, null],
    ['SUSE Linux Enterprise Server 10 SP2', 'sles-10', 2, null],
    ['SLES 12', 'suse', null, null],
    ['RHEL 9', 'rhel', null, null],
    ['Rocky Linux 9', 'rocky', null, null],
    ['Linux', 'linux', null, null],
    ['Windows Server 2008 Enterprise', 'windows-server-2008', null, null],
  ])('classifyGuestOs(%j) is %s, service pack %s, %s', (name, family, sp, arch) => {
    const c = classifyGuestOs(name);
    expect(c.family).toBe(family);
    expect(c.servicePack).toBe(sp);
    expect(c.arch).toBe(arch);
  });

  it.each([
    ['Server 2008 R2', true], ['W2K3 SP2', true], ['Vista SP1', true], ['XP SP3', true], ['Win2k8', true], ['Microsoft Windows 10 (64-bit)', true],
    ['CentOS 7 (64-bit)', false], ['Ubuntu Linux (64-bit)', false], ['FreeBSD 12 or later versions (64-bit)', false], ['SLES 10', false], ['Solaris 10', false],
    ['Other (32-bit)', true], ['Plan 9', true], [undefined, true], ['', true],
  ])('needsWindowsLicence({ guestOS: %j }) is %s', (name, windows) => {
    expect(needsWindowsLicence(name === undefined ? {} : { guestOS: name })).toBe(windows);
  });

  it('marks a name the table does not know as unknown, never as free', () => {
    const c = classifyGuestOs('Other (32-bit)');
    expect(c).toMatchObject({ kind: 'unknown', family: null, needsWindowsLicence: true });
  });

  it('classifies every form of every row as that row (or a longer form of another row)', () => {
    for (const row of GUEST_OS_TABLE) {
      for (const form of row.forms) {
        const c = classifyGuestOs(form);
        expect(c.matched!.split(' ').length, `${form} -> ${c.family}`).toBeGreaterThanOrEqual(form.split(' ').length);
        if (c.family !== row.family) expect(c.matched, form).not.toBe(form);
      }
    }
  });

  it('gives the same answer for a name before and after 5,000 other names (memoised, frozen)', () => {
    const first = classifyGuestOs('W2K3 SP2');
    for (let i = 0; i < 5000; i++) classifyGuestOs(`name ${i}`);
    expect(classifyGuestOs('W2K3 SP2')).toEqual(first);
    expect(Object.isFrozen(classifyGuestOs('W2K3 SP2'))).toBe(true);
  });

  it('is not changed by case, surrounding words or brackets around a known name', () => {
    const names = GUEST_OS_TABLE.filter((r) => r.kind.startsWith('windows-')).map((r) => r.forms[0]!);
    fc.assert(fc.property(fc.constantFrom(...names), fc.boolean(), (name, upper) => {
      const wrapped = `(${upper ? name.toUpperCase() : name}) Standard`;
      expect(classifyGuestOs(wrapped).family).toBe(classifyGuestOs(name).family);
    }));
  });
});

describe('guestOsAssumptions(guests)', () => {
  it('lists unrecognised names with their VM counts, and unnamed guests', () => {
    const r = guestOsAssumptions([{ guestOS: 'Other (32-bit)' }, { guestOS: 'Other (32-bit)' }, { guestOS: 'W2K3 SP2' }, {}]);
    expect(r.assumptions.find((a) => a.name === 'guestOS.unrecognised')!.value).toEqual([{ name: 'Other (32-bit)', vms: 2 }]);
    expect(r.assumptions.find((a) => a.name === 'guestOS.unnamed')!.value).toBe(1);
    expect(r.warnings).toHaveLength(2);
    expect(r.warnings[0]).toContain('"Other (32-bit)" (2 guests)');
  });

  it('lists nothing when every name is known', () => {
    expect(guestOsAssumptions([{ guestOS: 'CentOS 7 (64-bit)' }, { guestOS: 'Server 2008 R2' }])).toEqual({ assumptions: [], warnings: [] });
  });
});
