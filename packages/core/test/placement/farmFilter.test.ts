import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolvePolicy, type Vm } from '@hostplan/core';
import { Farm } from '../../src/placement/farm.js';
import { hostArb, vmArb } from '../arbitraries/domain.js';

/** VMs with ids, some in anti-affinity groups, some bigger than the 2008 platform allows. */
const vmsArb = fc.array(fc.tuple(vmArb(), fc.constantFrom([], ['sql'], ['web'], ['sql', 'web']), fc.constantFrom(1, 2, 4, 8, 16)), { minLength: 1, maxLength: 24 })
  .map((list) => list.map(([v, antiAffinity, vcpus], i): Vm => ({ ...v, id: `v${i}`, vcpus, antiAffinity })));

describe('the placement filter (Farm)', () => {
  it('fitsFast says a unit fits exactly when reasons finds none, on farms part-filled in any order', () => {
    fc.assert(fc.property(fc.array(hostArb(), { minLength: 1, maxLength: 4 }), vmsArb, fc.boolean(), (hostList, vms, unavailable) => {
      const hosts = hostList.map((h, i) => ({ ...h, id: `h${i}`, ...(i === 0 && unavailable && { unavailable: true }) }));
      const farm = new Farm(hosts, resolvePolicy({}));
      for (const [i, vm] of vms.entries()) {
        const unit = i % 5 === 4 ? vms.slice(i - 1, i + 1) : [vm]; // pairs as well as single VMs
        for (const fh of farm.hosts) {
          const reasons = farm.reasons(unit, fh, unit.map((u) => u.id).join('+'));
          expect(farm.fitsFast(unit, fh), `${unit.map((u) => u.id)} on ${fh.host.id}: ${reasons.map((r) => r.message).join('; ')}`).toBe(reasons.length === 0);
        }
        const target = farm.hosts.find((fh) => farm.fitsFast([vm], fh));
        if (target && !target.vms.includes(vm.id)) farm.place([vm], target);
      }
    }), { numRuns: 300 });
  });
});
