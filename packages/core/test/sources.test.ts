import { describe, expect, it } from 'vitest';
import { DEFAULT_LICENCE_PRICES, hostCapacity, PLATFORMS, policyAssumptions } from '@hostplan/core';
import { host2008 } from './fixtures.js';

describe('sources and unverified flags of the defaults', () => {
  it('attributes the vCPU:LP ratio to Microsoft\'s support statements, not to the seed (which gives no ratio), with its value', () => {
    const a = policyAssumptions().find((x) => x.name === 'policy.vcpuPerLp')!;
    expect(a.value).toBe(8);
    expect(a.source).toContain('the seed gives no ratio');
    expect(a.source).not.toMatch(/^seed/);
  });

  it('marks the 2008 licence prices unverified and does not cite the seed for them', () => {
    const d = DEFAULT_LICENCE_PRICES['2008'];
    expect(d.unverified).toBe(true);
    expect(d.prices.enterprise).toBe(2999); // 2008 Enterprise; 2008 R2 Enterprise was about $4,000 (said in the source)
    expect(d.source).toContain('about $4,000');
    expect(d.source).toContain('The seeds give no prices');
  });

  it.each([
    // domain.md section 3 marks these figures unverified; VHD limits past 2008 are not in the seed
    ['hyperv-2008', ['maxLogicalProcessors', 'maxHostMemoryGB', 'maxRunningVms']],
    ['hyperv-2008r2', ['maxLogicalProcessors', 'maxHostMemoryGB', 'maxVhdGB']],
    ['hyperv-2012r2', ['maxVhdGB']],
    ['hyperv-2025', ['maxVhdGB']],
  ])('%s lists %j as unverified', (id, fields) => {
    expect([...PLATFORMS[id]!.unverified].sort()).toEqual([...fields].sort());
  });

  it('states the platform\'s unverified limits in the assumptions and in the capacity rule', () => {
    const a = policyAssumptions().find((x) => x.name === 'policy.platform.limits')!;
    expect(a.value).toEqual({ id: 'hyperv-2008', unverified: ['maxLogicalProcessors', 'maxHostMemoryGB', 'maxRunningVms'] });
    expect(hostCapacity(host2008).rules.vms).toContain('128 VMs per host (unverified)');
  });
});
