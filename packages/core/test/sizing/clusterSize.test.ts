import { describe, expect, it } from 'vitest';
import { sizeFarm, type PricedHost, type Vm } from '@hostplan/core';

// 2 x 8 cores x 2.5 GHz, 128 GB on hyperv-2016 (64-node clusters); 40 VMs of 8 GB: memory binds,
// about 14 a host, so 3 hosts carry the load whatever the cluster size.
const entry: PricedHost = {
  host: { id: 'm', model: 'm', sockets: 2, coresPerSocket: 8, threadsPerCore: 2, clockGHz: 2.5, memoryGB: 128, platform: 'hyperv-2016', nics: [{ role: 'management', gbps: 1, ports: 1 }, { role: 'guest', gbps: 10, ports: 2 }] },
  purchasePrice: 10_000, powerWatts: 400, rackUnits: 2,
};
const vms: Vm[] = Array.from({ length: 40 }, (_, i) => ({ id: `v${i}`, vcpus: 2, memoryGB: 8, cpuUtilization: 0.1 }));

describe('sizeFarm with a cluster size', () => {
  it('holds k spares in every cluster of the given size: more clusters, more spares, never a cluster above it', () => {
    const platformLimit = sizeFarm([entry], vms, { failover: 1, mixed: false }).options[0]!;
    const small = sizeFarm([{ ...entry, clusterSize: 2 }], vms, { failover: 1, mixed: false });
    const option = small.options[0]!;
    expect(platformLimit.clusters).toHaveLength(1);
    expect(option.hostsForLoad).toBe(platformLimit.hostsForLoad);
    // each 2-host cluster carries load on one host and holds one spare
    expect(option.clusters.length).toBeGreaterThanOrEqual(option.hostsForLoad);
    for (const c of option.clusters) expect(c.hosts.length).toBeLessThanOrEqual(2);
    expect(option.hosts).toBeGreaterThan(platformLimit.hosts);
    expect(option.feasible).toBe(true);
    expect(small.assumptions.find((a) => a.name === 'sizing.clusterSize')).toMatchObject({ value: { m: 2 }, isDefault: false });
  });

  it('refuses k spares that leave no host for load in a cluster of that size', () => {
    expect(() => sizeFarm([{ ...entry, clusterSize: 2 }], vms, { failover: 2 })).toThrow(/failover: .*2 nodes a cluster of model m may have \(its cluster size\)/);
  });
});
