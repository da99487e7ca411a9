import { describe, expect, it } from 'vitest';
import { platformViolations, PLATFORMS } from '@hostplan/core';
import { host2008, vm } from '../fixtures.js';

const p2008 = PLATFORMS['hyperv-2008']!;
const rules = (v: ReturnType<typeof vm>, platform = p2008) => platformViolations(v, host2008, platform).map((x) => x.rule);

describe('platformViolations: the seed table of supported guests on Hyper-V 2008', () => {
  // [guest OS, vCPUs, rules broken]; seed lines quoted in HYPERV_2008_GUEST_RULES
  it.each([
    ['Windows XP Professional x64 SP2', 2, []], // x64: up to 2, minimum SP2
    ['Windows XP Professional x64 SP2', 4, ['guest-os-vcpus']],
    ['Windows XP Professional x64 SP1', 1, ['guest-os-service-pack']],
    ['Windows XP SP2', 2, ['guest-os-vcpus']], // x86 SP2: 1
    ['Windows XP SP2', 1, []],
    ['XP SP3', 2, []], // x86 SP3: 1 or 2
    ['Microsoft Windows XP Professional (32-bit)', 2, []], // no SP named: assumed to meet the minimum
    ['Windows XP SP1', 1, ['guest-os-service-pack']],
    ['Windows Server 2003 SP1', 1, ['guest-os-service-pack']], // minimum SP2
    ['W2K3 SP2', 2, []],
    ['W2K3', 1, []],
    ['Windows Server 2003 R2 SP2', 4, ['guest-os-vcpus']],
    ['Win2k3 x64 SP1', 4, ['guest-os-vcpus', 'guest-os-service-pack']],
    ['Vista', 2, []],
    ['Vista SP1', 2, []],
    ['Windows Vista SP0', 1, ['guest-os-service-pack']], // SP0: below the minimum SP1
    ['Windows Vista', 4, ['guest-os-vcpus']],
    ['Windows Server 2008 Enterprise', 4, []],
    ['Win2k8', 3, ['guest-os-vcpus']], // 1, 2 or 4
    ['SLES 10 SP2', 2, ['guest-os-vcpus']],
    ['SUSE Linux Enterprise Server 10 SP2', 1, []],
    ['Ubuntu Linux (64-bit)', 4, []], // not in the seed's table: no rule
  ])('%s with %i vCPUs breaks %j', (guestOS, vcpus, broken) => {
    expect(rules(vm('v', vcpus, 2, { guestOS }))).toEqual(broken);
  });

  it('applies no guest table on 2008 R2 and later (the seed covers 2008)', () => {
    expect(rules(vm('v', 4, 2, { guestOS: 'Windows Server 2003 SP1' }), PLATFORMS['hyperv-2008r2']!)).toEqual([]);
  });

  it('gives the rule, limit and value with the message', () => {
    const [v] = platformViolations(vm('v', 1, 2, { guestOS: 'Windows Server 2003 SP1' }), host2008, p2008);
    expect(v).toMatchObject({ rule: 'guest-os-service-pack', limit: 2, value: 1 });
    expect(v!.message).toContain('service pack 2 or later');
  });
});

describe('platformViolations: virtual hard disk size', () => {
  it.each([
    // [platform, disk GB, vhd, broken]
    ['hyperv-2008', 3000, undefined, ['max-vhd-size']], // seed: at most 2,040 GB
    ['hyperv-2008', 2040, undefined, []],
    ['hyperv-2008', 2041, 'dynamic', ['max-vhd-size']],
    ['hyperv-2008', 3000, 'passthrough', []], // a pass-through disk is no VHD
    ['hyperv-2008r2', 3000, undefined, ['max-vhd-size']],
    ['hyperv-2012r2', 3000, undefined, []], // VHDX: 64 TB
    ['hyperv-2016', 70000, undefined, ['max-vhd-size']],
  ] as const)('on %s a %i GB %s disk breaks %j', (platform, diskGB, vhd, broken) => {
    expect(rules(vm('v', 1, 2, { diskGB, ...(vhd && { vhd }) }), PLATFORMS[platform]!)).toEqual(broken);
  });
});
