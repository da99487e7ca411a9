import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkFailover, HostplanError, placeVms, vmsPerHost, type Host, type Vm } from '@hostplan/core';
import { asHost } from '../../src/input/normalise.js';
import { host2008, vm } from '../fixtures.js';

/** A value of the model's unit written as a file may write it. */
const asText = (value: number, unit: 'GB' | 'GHz' | 'Gbps') =>
  fc.constantFrom(`${value} ${unit}`, unit === 'GB' ? `${value * 1024} MB` : unit === 'GHz' ? `${value * 1000} MHz` : `${value * 1000} Mbps`, String(value));

describe('core functions take quantities as the file parsers do', () => {
  it("vmsPerHost({ ...host, memoryGB: '32 GB' }, vm) is vmsPerHost(host, vm)", () => {
    const bare = vmsPerHost(host2008, vm('v', 1, 2));
    expect(vmsPerHost({ ...host2008, memoryGB: '32 GB' } as unknown as Host, vm('v', 1, 2))).toEqual(bare);
    expect(vmsPerHost({ ...host2008, clockGHz: '3000 MHz' } as unknown as Host, { id: 'v', vcpus: 1, memoryGB: '2048 MB' } as unknown as Vm)).toEqual(bare);
  });

  it('any host and VM written with unit strings give the same capacity, placement and failover as with numbers', () => {
    const quantities = fc.record({
      memoryGB: fc.integer({ min: 8, max: 512 }), clockGHz: fc.integer({ min: 1, max: 4 }), vmGB: fc.integer({ min: 1, max: 16 }), diskGB: fc.integer({ min: 1, max: 500 }),
    });
    fc.assert(fc.property(quantities.chain((q) => fc.tuple(fc.constant(q), asText(q.memoryGB, 'GB'), asText(q.clockGHz, 'GHz'), asText(q.vmGB, 'GB'), asText(q.diskGB, 'GB'))), ([q, memoryText, clockText, vmText, diskText]) => {
      const hosts: Host[] = ['a', 'b', 'c'].map((id) => ({ ...host2008, id, memoryGB: q.memoryGB, clockGHz: q.clockGHz }));
      const vms: Vm[] = [1, 2, 3, 4, 5].map((i) => ({ id: `v${i}`, vcpus: 1, memoryGB: q.vmGB, diskGB: q.diskGB }));
      const textHosts = hosts.map((h) => ({ ...h, memoryGB: memoryText, clockGHz: clockText })) as unknown as Host[];
      const textVms = vms.map((v) => ({ ...v, memoryGB: vmText, diskGB: diskText })) as unknown as Vm[];
      expect(vmsPerHost(textHosts[0]!, textVms[0]!)).toEqual(vmsPerHost(hosts[0]!, vms[0]!));
      const plan = placeVms(hosts, vms);
      expect(placeVms(textHosts, textVms).placements).toEqual(plan.placements);
      expect(checkFailover(textHosts, plan, { vms: textVms, k: 1 }).tolerates).toBe(checkFailover(hosts, plan, { vms, k: 1 }).tolerates);
    }), { numRuns: 40 });
  });

  it.each([
    [() => vmsPerHost({ ...host2008, memoryGB: '32 parsecs' } as unknown as Host, vm('v', 1, 2)), 'host.memoryGB', /cannot read "32 parsecs"/],
    [() => vmsPerHost(host2008, { id: 'v', vcpus: 1, memoryGB: '3 GHz' } as unknown as Vm), 'vm.memoryGB', /not a quantity of the kind GB/],
    [() => placeVms([host2008], [vm('a', 1, 2), { id: 'b', vcpus: 'two', memoryGB: 2 } as unknown as Vm]), 'vms[1].vcpus', /expected/],
    [() => vmsPerHost({ ...host2008, memoryGB: Number.NaN }, vm('v', 1, 2)), 'host.memoryGB', /finite/],
  ])('rejects a quantity it cannot read, naming the field it came in (%#)', (call, path, message) => {
    try {
      call();
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(HostplanError);
      expect((e as HostplanError).path).toBe(path);
      expect((e as HostplanError).message).toMatch(message);
    }
  });

  it('keeps fields the parsers do not know (a priced host passed as a host)', () => {
    const priced = { ...host2008, memoryGB: '32 GB', monthlyCost: 100 } as unknown as Host;
    expect(asHost(priced, 'host')).toEqual({ ...host2008, memoryGB: 32, monthlyCost: 100 });
    expect(asHost(host2008, 'host')).toBe(host2008); // numbers already: the same object, no copy
  });
});
